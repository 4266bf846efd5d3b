// Per-script history of runs, so a run can be compared with the previous one ("Peak 105 MB (−96.8 % vs last run)").
// Stored in <dir>/.memlint/runs.json (dir: the CLI's working directory, the editor's workspace folder), capped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from './launch';
import type { RunOptions, TrackerReport } from './types';

export const HISTORY_FILE = path.join('.memlint', 'runs.json');
/** Runs kept per script, and scripts kept (the least recently run go first). */
export const RUNS_PER_SCRIPT = 20;
export const MAX_SCRIPTS = 200;

export interface PastRun {
  /** ISO time the run ended. */
  at: string;
  command: string[];
  peakKiB: number;
  finalRssKiB: number;
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  killedByLimit: boolean;
}

export interface History {
  version: 1;
  /** Oldest first. */
  scripts: Record<string, PastRun[]>;
}

export interface Comparison {
  previous: PastRun;
  /** (peak − previous peak) / previous peak × 100; negative is better. */
  peakChangePct: number;
}

/**
 * The key a script's runs are kept under: its path relative to `dir` (with / separators) when inside it, else the
 * absolute path; for a command, the command line. Arguments do not change the key.
 */
export function historyKey(options: Pick<RunOptions, 'target' | 'cwd' | 'kind' | 'args'>, dir: string): string {
  if (languageOf(options.target, options.kind) === null) return ['$', options.target, ...(options.args ?? [])].join(' ');
  const abs = path.resolve(options.cwd ?? process.cwd(), options.target);
  const rel = path.relative(path.resolve(dir), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

function isPastRun(v: unknown): v is PastRun {
  const r = v as Partial<PastRun> | null;
  return !!r && typeof r === 'object' && typeof r.peakKiB === 'number' && typeof r.at === 'string';
}

/** The history in `dir`; an empty one when there is none or it is unreadable (it is then rewritten on the next run). */
export function readHistory(dir: string): History {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, HISTORY_FILE), 'utf8')) as Partial<History>;
    if (raw.version !== 1 || !raw.scripts || typeof raw.scripts !== 'object') return { version: 1, scripts: {} };
    const scripts: Record<string, PastRun[]> = {};
    for (const [key, runs] of Object.entries(raw.scripts)) if (Array.isArray(runs)) scripts[key] = runs.filter(isPastRun);
    return { version: 1, scripts };
  } catch {
    return { version: 1, scripts: {} };
  }
}

/** Compare a report with the last recorded run of the same script (call before recordRun). Null when there is none. */
export function compareWithPrevious(report: Pick<TrackerReport, 'peakKiB'>, dir: string, key: string): Comparison | null {
  const runs = readHistory(dir).scripts[key];
  const previous = runs?.[runs.length - 1];
  if (!previous) return null;
  const peakChangePct = previous.peakKiB > 0 ? ((report.peakKiB - previous.peakKiB) / previous.peakKiB) * 100 : 0;
  return { previous, peakChangePct };
}

/** What the history keeps of a run. */
export function pastRunOf(report: TrackerReport, now = new Date()): PastRun {
  const { command, peakKiB, finalRssKiB, wallMs, exitCode, signal, killedByLimit } = report;
  return { at: now.toISOString(), command, peakKiB, finalRssKiB, wallMs, exitCode, signal, killedByLimit };
}

/**
 * Append a run to the history (written atomically; a .gitignore keeps .memlint/ out of version control) and return
 * the script's runs as now kept, oldest first.
 */
export function recordRun(report: TrackerReport, dir: string, key: string, now = new Date()): PastRun[] {
  const history = readHistory(dir);
  const run = pastRunOf(report, now);
  const runs = [...(history.scripts[key] ?? []), run].slice(-RUNS_PER_SCRIPT);
  history.scripts[key] = runs;
  const lastAt = (k: string) => history.scripts[k][history.scripts[k].length - 1]?.at ?? '';
  const keys = Object.keys(history.scripts).sort((a, b) => lastAt(a).localeCompare(lastAt(b)));
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_SCRIPTS))) delete history.scripts[old];

  const folder = path.join(dir, path.dirname(HISTORY_FILE));
  fs.mkdirSync(folder, { recursive: true });
  const ignore = path.join(folder, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
  const file = path.join(dir, HISTORY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(history, null, 1) + '\n');
  fs.renameSync(tmp, file);
  return runs;
}
