// Words for a report: sizes, changes, the exit status and the one-line summary `memlint run` prints.
import * as path from 'node:path';
import { constants } from 'node:os';
import type { Comparison } from './history';
import type { CgroupLimit, MemoryKinds, PeakLocation, TrackerReport } from './types';

/** "1,234,567" from "1234567": en-US digit groups, without toLocaleString (its first call loads ICU: 30 ms on the host). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** KiB as "3,262.0 MB" (MB = MiB, as /proc, `free -m` and the classic MemoryTracker output mean it). */
export function formatMb(kib: number): string {
  const [whole, tenth] = (kib / 1024).toFixed(1).split('.');
  return `${groupDigits(whole)}.${tenth} MB`;
}

/** A size a run may not have measured: "3,262.0 MB", or "not measured" for null. */
export function formatMeasured(kib: number | null): string {
  return kib === null ? 'not measured' : formatMb(kib);
}

/** What a report with no measurement says instead of a peak. */
export const NOT_MEASURED = 'the process exited before it could be measured (no peak, no final RSS)';

/** A change in percent, signed with a real minus: "−96.8 %", "+4.0 %". */
export function formatChange(pct: number): string {
  const rounded = Math.round(pct * 10) / 10;
  return `${rounded < 0 ? '\u2212' : '+'}${Math.abs(rounded).toFixed(1)} %`;
}

export function formatDuration(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(2)} s` : s < 100 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

export function formatLocation(loc: PeakLocation, cwd = process.cwd()): string {
  const rel = path.relative(cwd, loc.file);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : loc.file;
  return `${file}:${loc.line} in ${loc.function}`;
}

/** A frame of a stack: "tail.py:8 in last_lines" (relative to `cwd` when inside it). */
const frameText = formatLocation;

/** Callers shown after the peak's line in the summary; deeper ones are left to the report. */
const SUMMARY_CALLERS = 3;

/** "tail.py:8 in last_lines ← service.py:20 in handle": innermost first, at most `max` frames, "← …" for the rest. */
export function formatStack(stack: readonly PeakLocation[], cwd = process.cwd(), max = SUMMARY_CALLERS + 1): string {
  const shown = stack.slice(0, max).map((f) => frameText(f, cwd));
  return shown.join(' \u2190 ') + (stack.length > max ? ' \u2190 \u2026' : '');
}

/** Whole MiB with digit groups: "3,100". */
const wholeMb = (kib: number) => groupDigits(Math.round(kib / 1024).toFixed(0));

/** "(3,100 anon, 162 file)": the kinds of resident memory at the peak; shared only when there is some. */
export function formatKinds(kinds: MemoryKinds): string {
  const parts = [`${wholeMb(kinds.anonKiB)} anon`, `${wholeMb(kinds.fileKiB)} file`];
  if (kinds.shmemKiB >= 1024) parts.push(`${wholeMb(kinds.shmemKiB)} shared`);
  return `(${parts.join(', ')})`;
}

/** The summary shows the kinds only when the reading they come from is this close to the peak. */
export const KINDS_SHOWN_WITHIN = 0.95;

/** A limit as people write them: "4 GiB" when whole, else "3,500.0 MB". */
export function formatLimit(kib: number): string {
  const gib = kib / (1024 * 1024);
  return Number.isInteger(gib) ? `${groupDigits(String(gib))} GiB` : formatMb(kib);
}

/** At this share of the container's limit the summary warns. */
export const CGROUP_WARN_PCT = 80;

/** The peak as a share of the cgroup's limit, in whole percent; null without both. */
export function cgroupShare(report: Pick<TrackerReport, 'peakKiB'>, cgroup: CgroupLimit | null): number | null {
  return cgroup && report.peakKiB !== null && cgroup.limitKiB > 0 ? Math.round((report.peakKiB / cgroup.limitKiB) * 100) : null;
}

/** The shell's view of how the run ended: the exit code, or 128 + the signal's number; 137 when the limit killed it. */
export function exitStatus(report: Pick<TrackerReport, 'exitCode' | 'signal' | 'killedByLimit'>): number {
  if (report.killedByLimit) return 137;
  if (report.exitCode !== null) return report.exitCode;
  const signo = report.signal ? (constants.signals as Record<string, number>)[report.signal] : undefined;
  return signo ? 128 + signo : 1;
}

/** "exit 0", "killed by SIGTERM, exit 143", "OOMKilled at 512 MiB limit, exit 137". */
export function describeEnd(report: TrackerReport, oomKilled = false): string {
  const code = exitStatus(report);
  if (report.killedByLimit && report.limitKiB !== null) return `OOMKilled at ${Math.round(report.limitKiB / 1024)} MiB limit, exit ${code}`;
  if (report.signal) return `killed by ${report.signal}${oomKilled ? " (the kernel's OOM killer)" : ''}, exit ${code}`;
  return `exit ${code}`;
}

/** The one line `memlint run` prints after the run: peak (and change), where, final RSS, wall time, how it ended. */
export function summaryLine(report: TrackerReport, options: { cwd?: string; comparison?: Comparison | null; oomKilled?: boolean } = {}): string {
  const end = `${formatDuration(report.wallMs)} | ${describeEnd(report, options.oomKilled)}`;
  if (report.peakKiB === null) return `memlint: ${NOT_MEASURED} | ${end}`;
  // "(3,100 anon, 162 file; −96.8 % vs last run)": what the peak was made of, and its change, in one parenthesis.
  const notes: string[] = [];
  if (report.peakKinds && report.peakKinds.rssKiB >= report.peakKiB * KINDS_SHOWN_WITHIN) notes.push(formatKinds(report.peakKinds).slice(1, -1));
  if (options.comparison) notes.push(`${formatChange(options.comparison.peakChangePct)} vs last run`);
  let peak = `peak ${formatMb(report.peakKiB)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  const stack = report.peakStack?.length ? report.peakStack : report.peakLocation ? [report.peakLocation] : [];
  if (stack.length) peak += ` at ${formatStack(stack, options.cwd)}`;
  const share = cgroupShare(report, report.cgroup);
  if (share !== null) peak += ` | ${share} % of the container's ${formatLimit(report.cgroup!.limitKiB)}`;
  return `memlint: ${peak} | final RSS ${formatMeasured(report.finalRssKiB)} | ${end}`;
}
