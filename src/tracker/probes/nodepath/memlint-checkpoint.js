'use strict';
// memlint checkpoints: mark the phases of a script, as in the classic MemoryTracker.checkpoint('Parsed').
//
//   const { checkpoint } = require('memlint-checkpoint');
//   checkpoint('Content parsed', { log: true });
//   // [MEMORY] Content parsed: RSS 53.0 MB (+10.5) | Peak 3262.0 MB (+3220.0 since start)
//   checkpoint('Report written', { budgetMb: 200 }); // this phase's peak must stay within 200 MB (memlint run exits 3)
//
// Under `memlint run` each checkpoint also resets the kernel's high-water mark (/proc/self/clear_refs), so the next one
// reads the exact peak of its own phase.
// Under `memlint run` this module is on NODE_PATH (require() finds it without installing anything; from ES modules use
// createRequire(import.meta.url)), and each checkpoint (label, line, RSS, peak) goes into the run's report. Elsewhere it
// still works on Linux (no dependencies: copy it into a project), records nothing, and prints only when asked; without
// /proc it does nothing. MB here means MiB (1024 KiB), the unit /proc reports in.
const fs = require('fs');
const path = require('path');

const RUN_DIR = process.env.MEMLINT_RUN_DIR;

/** The lines of /proc/self/status read, and what each becomes; the kinds (Rss*) only where the kernel has them (4.5+). */
const STATUS_FIELDS = [['VmRSS', 'rssKiB'], ['VmHWM', 'hwmKiB'], ['RssAnon', 'anonKiB'], ['RssFile', 'fileKiB'], ['RssShmem', 'shmemKiB']];

/** { rssKiB, hwmKiB, anonKiB?, fileKiB?, shmemKiB? } of this process, or null without /proc. */
function status() {
  let text;
  try {
    text = fs.readFileSync('/proc/self/status', 'latin1');
  } catch {
    return null;
  }
  const mem = {};
  for (const [field, key] of STATUS_FIELDS) {
    const m = new RegExp(`\\n${field}:\\s*(\\d+)`).exec(text);
    if (m) mem[key] = Number(m[1]);
  }
  if (mem.rssKiB === undefined || mem.hwmKiB === undefined) return null;
  mem.hwmKiB = Math.max(mem.rssKiB, mem.hwmKiB);
  return mem;
}

const monoMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Append one JSON line to this process's file in the run directory (no-op outside memlint run). */
function record(fields) {
  if (!RUN_DIR) return;
  try {
    fs.appendFileSync(path.join(RUN_DIR, `${process.pid}.jsonl`), JSON.stringify({ ...fields, pid: process.pid }) + '\n', { mode: 0o600 });
  } catch {
    // The run directory is gone (the tracker ended): nothing to report to.
  }
}

/** The caller's file, line and function, from a structured stack trace (positions as V8 runs the code). */
function callerOf(fn) {
  const saved = Error.prepareStackTrace;
  const holder = {};
  try {
    Error.prepareStackTrace = (_, frames) => frames;
    Error.captureStackTrace(holder, fn);
    const frame = holder.stack && holder.stack[0];
    if (!frame) return { file: '', line: 0 };
    let file = frame.getFileName() || '';
    if (file.startsWith('file://')) file = require('url').fileURLToPath(file);
    return { file, line: frame.getLineNumber() || 0 };
  } finally {
    Error.prepareStackTrace = saved;
  }
}

/** Reset this process's high-water mark to its RSS now (clear_refs 5); false where the kernel does not allow it. */
function resetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const start = status();
let lastRss = start ? start.rssKiB : 0;
let peak = start ? start.hwmKiB : 0;
/** The high-water mark counts from the previous checkpoint (or the start). */
let phaseExact = true;

/**
 * Record a phase: RSS now, the change since the last checkpoint, and the peak (VmHWM) so far.
 * With { log: true }, also print "[MEMORY] label: RSS .. MB (+..) | Peak .. MB (+.. since start)" to stderr.
 * { budgetMb }: memlint run exits 3 if this phase's peak went over it (nothing is stopped).
 * Returns { rssKiB, peakKiB, deltaKiB, phasePeakKiB } (phasePeakKiB null where not known), or null where /proc is missing.
 */
function checkpoint(label, options) {
  const mem = status();
  if (!mem) return null;
  const phase = mem.hwmKiB;
  const exact = phaseExact;
  if (RUN_DIR) phaseExact = resetPeak();
  // The kernel's counters are per-CPU approximations (a few hundred KiB); keep the peak from ever going down.
  mem.hwmKiB = peak = Math.max(peak, mem.hwmKiB);
  const delta = mem.rssKiB - lastRss;
  lastRss = mem.rssKiB;
  if (RUN_DIR) {
    const at = callerOf(checkpoint);
    const budget = options && Number(options.budgetMb);
    record({ type: 'checkpoint', label: String(label), file: at.file, line: at.line, mono: monoMs(), rssKiB: mem.rssKiB, hwmKiB: phase, peakKiB: mem.hwmKiB, reset: exact, budgetKiB: budget > 0 ? Math.round(budget * 1024) : null, anonKiB: mem.anonKiB, fileKiB: mem.fileKiB, shmemKiB: mem.shmemKiB });
  }
  if (options && options.log) {
    const mb = (kib) => (kib / 1024).toFixed(1);
    const since = mem.hwmKiB - (start ? start.hwmKiB : mem.hwmKiB);
    process.stderr.write(`[MEMORY] ${label}: RSS ${mb(mem.rssKiB)} MB (${delta >= 0 ? '+' : ''}${mb(delta)}) | Peak ${mb(mem.hwmKiB)} MB (+${mb(since)} since start)\n`);
  }
  return { rssKiB: mem.rssKiB, peakKiB: mem.hwmKiB, deltaKiB: delta, phasePeakKiB: exact && RUN_DIR ? phase : null };
}

module.exports = { checkpoint };
// For memlint's preload, which shares the /proc reading and the record format.
Object.defineProperty(module.exports, '_probe', { value: { status, record, monoMs } });
