"""memlint checkpoints: mark the phases of a script, as in the classic MemoryTracker.checkpoint("Parsed").

    from memlint_checkpoint import checkpoint
    checkpoint("Content parsed", log=True)
    # [MEMORY] Content parsed: RSS 53.0 MB (+10.5) | Peak 3262.0 MB (+3220.0 since start)
    checkpoint("Report written", budget_mb=200)  # this phase's peak must stay within 200 MB (memlint run exits 3)

Under `memlint run` this module is importable without installing anything, and each checkpoint (label, line, RSS,
peak, and the exact peak of the phase it ends) goes into the run's report: after reading the kernel's high-water mark
it resets it (/proc/self/clear_refs), so the next checkpoint reads the peak of its own phase (getrusage's ru_maxrss
then counts from the last checkpoint too). Elsewhere it still works on Linux (this file has no dependencies: copy it
into a project), records nothing, resets nothing, and prints only when asked; on systems without /proc it does nothing.
MB here means MiB (1024 KiB), the unit /proc reports in.
"""
import os
import sys
import time

__all__ = ["checkpoint"]

_RUN_DIR = os.environ.get("MEMLINT_RUN_DIR")


_FIELDS = {b"VmRSS": "rss", b"VmHWM": "hwm", b"RssAnon": "anonKiB", b"RssFile": "fileKiB", b"RssShmem": "shmemKiB"}


def _read():
    """VmRSS, VmHWM and the kinds of resident memory (RssAnon, RssFile, RssShmem) of this process in KiB, or None
    without /proc. Keys: rss, hwm, and the kinds where the kernel has them (anonKiB, fileKiB, shmemKiB)."""
    mem = {}
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                key = _FIELDS.get(line.split(b":", 1)[0])
                if key is not None:
                    mem[key] = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    if "rss" not in mem or "hwm" not in mem:
        return None
    mem["hwm"] = max(mem["rss"], mem["hwm"])
    return mem


def _status():
    """(VmRSS, VmHWM) of this process in KiB, or None without /proc."""
    mem = _read()
    return None if mem is None else (mem["rss"], mem["hwm"])


def _record(fields):
    """Append one JSON line to this process's file in the run directory (no-op outside memlint run)."""
    if not _RUN_DIR:
        return
    import json

    fields["pid"] = os.getpid()
    line = (json.dumps(fields, ensure_ascii=True) + "\n").encode("ascii")
    try:
        fd = os.open(os.path.join(_RUN_DIR, "%d.jsonl" % os.getpid()), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        pass


def _record_exit():
    mem = _status()
    if mem is not None:
        _record({"type": "exit", "mono": time.monotonic() * 1000.0, "rssKiB": mem[0], "hwmKiB": mem[1]})


def _reset_peak():
    """Reset this process's high-water mark to its RSS now (clear_refs 5); False where the kernel does not allow it."""
    try:
        fd = os.open("/proc/self/clear_refs", os.O_WRONLY)
        try:
            os.write(fd, b"5")
        finally:
            os.close(fd)
        return True
    except OSError:
        return False


_start = _status()
_last_rss = _start[0] if _start else 0
_peak = _start[1] if _start else 0
_phase_exact = [True]  # the high-water mark counts from the previous checkpoint (or the start)


def checkpoint(label, log=False, budget_mb=None):
    """Record a phase: RSS now, the change since the last checkpoint, the peak (VmHWM) so far, and under memlint run
    the exact peak of the phase since the previous checkpoint. `budget_mb`: memlint run exits 3 if the phase peak
    went over it (nothing is stopped).

    With log=True, also print "[MEMORY] label: RSS .. MB (+..) | Peak .. MB (+.. since start)" to stderr.
    Returns {"rss_kib", "peak_kib", "delta_kib", "phase_peak_kib"} (phase_peak_kib None where it is not known), or
    None where /proc is missing.
    """
    global _last_rss, _peak
    mem = _read()
    if mem is None:
        return None
    rss, phase = mem["rss"], mem["hwm"]
    # The kernel's counters are per-CPU approximations (a few hundred KiB); keep the peak from ever going down.
    hwm = _peak = max(_peak, phase)
    exact = _phase_exact[0]
    if _RUN_DIR:
        _phase_exact[0] = _reset_peak()
    delta = rss - _last_rss
    _last_rss = rss
    caller = sys._getframe(1)
    _record(
        {
            "type": "checkpoint",
            "label": str(label),
            "file": os.path.abspath(caller.f_code.co_filename),
            "line": caller.f_lineno,
            "mono": time.monotonic() * 1000.0,
            "rssKiB": rss,
            "hwmKiB": phase,
            "peakKiB": hwm,
            "reset": exact,
            "budgetKiB": None if budget_mb is None else int(float(budget_mb) * 1024),
            # What the memory is made of at this reading: often the phase's peak, whatever the sampling saw.
            "anonKiB": mem.get("anonKiB"),
            "fileKiB": mem.get("fileKiB"),
            "shmemKiB": mem.get("shmemKiB"),
        }
    )
    if log:
        since = hwm - (_start[1] if _start else hwm)
        sys.stderr.write(
            "[MEMORY] %s: RSS %.1f MB (%s%.1f) | Peak %.1f MB (+%.1f since start)\n"
            % (label, rss / 1024.0, "+" if delta >= 0 else "", delta / 1024.0, hwm / 1024.0, since / 1024.0)
        )
        sys.stderr.flush()
    return {"rss_kib": rss, "peak_kib": hwm, "delta_kib": delta, "phase_peak_kib": phase if exact and _RUN_DIR else None}
