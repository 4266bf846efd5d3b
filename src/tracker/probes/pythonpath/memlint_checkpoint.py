"""memlint checkpoints: mark the phases of a script, as in the classic MemoryTracker.checkpoint("Parsed").

    from memlint_checkpoint import checkpoint
    checkpoint("Content parsed", log=True)
    # [MEMORY] Content parsed: RSS 53.0 MB (+10.5) | Peak 3262.0 MB (+3220.0 since start)

Under `memlint run` this module is importable without installing anything, and each checkpoint (label, line, RSS,
peak) goes into the run's report. Elsewhere it still works on Linux (this file has no dependencies: copy it into a
project), records nothing, and prints only when asked; on systems without /proc it does nothing.
MB here means MiB (1024 KiB), the unit /proc reports in.
"""
import os
import sys
import time

__all__ = ["checkpoint"]

_RUN_DIR = os.environ.get("MEMLINT_RUN_DIR")


def _status():
    """(VmRSS, VmHWM) of this process in KiB, or None without /proc."""
    rss = hwm = None
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    if rss is None or hwm is None:
        return None
    return rss, max(rss, hwm)


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


_start = _status()
_last_rss = _start[0] if _start else 0
_peak = _start[1] if _start else 0


def checkpoint(label, log=False):
    """Record a phase: RSS now, the change since the last checkpoint, and the peak (VmHWM) so far.

    With log=True, also print "[MEMORY] label: RSS .. MB (+..) | Peak .. MB (+.. since start)" to stderr.
    Returns {"rss_kib", "peak_kib", "delta_kib"}, or None where /proc is missing.
    """
    global _last_rss, _peak
    mem = _status()
    if mem is None:
        return None
    rss = mem[0]
    # The kernel's counters are per-CPU approximations (a few hundred KiB); keep the peak from ever going down.
    hwm = _peak = max(_peak, mem[1])
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
            "hwmKiB": hwm,
        }
    )
    if log:
        since = hwm - (_start[1] if _start else hwm)
        sys.stderr.write(
            "[MEMORY] %s: RSS %.1f MB (%s%.1f) | Peak %.1f MB (+%.1f since start)\n"
            % (label, rss / 1024.0, "+" if delta >= 0 else "", delta / 1024.0, hwm / 1024.0, since / 1024.0)
        )
        sys.stderr.flush()
    return {"rss_kib": rss, "peak_kib": hwm, "delta_kib": delta}
