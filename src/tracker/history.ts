// Per-script history of runs, so a run can be compared with the previous one ("Peak 105 MB (−96.8 % vs last run)").
// Stored in <dir>/.memlint/runs.json (dir: the CLI's working directory, the editor's workspace folder), capped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from './launch';
import { NotAPlainFile, readPlainFile, writeFileAtomic } from './safeFiles';
import type { RunOptions, TrackerReport } from './types';

export const HISTORY_FILE = path.join('.memlint', 'runs.json');
/** Runs kept per script, and scripts kept (the least recently run go first). */
export const RUNS_PER_SCRIPT = 20;
export const MAX_SCRIPTS = 200;

export interface PastRun {
  /** ISO time the run ended. */
  at: string;
  command: string[];
  /** Null when the run measured nothing (see TrackerReport). */
  peakKiB: number | null;
  finalRssKiB: number | null;
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

/** The history was skipped (a link where a file should be, a history from a newer memlint...): one line saying why. */
export class HistoryError extends Error {
  override name = 'HistoryError';
}

/** Histories are small (20 runs of 200 scripts); a bigger file is not one of ours. */
const MAX_HISTORY_BYTES = 32 << 20;

const isCount = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

function isPastRun(v: unknown): v is PastRun {
  const r = v as Partial<PastRun> | null;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.at === 'string' &&
    Array.isArray(r.command) &&
    r.command.every((c) => typeof c === 'string') &&
    isCount(r.peakKiB) &&
    isCount(r.finalRssKiB) &&
    typeof r.wallMs === 'number' &&
    Number.isFinite(r.wallMs) &&
    (r.exitCode === null || Number.isSafeInteger(r.exitCode)) &&
    (r.signal === null || typeof r.signal === 'string') &&
    typeof r.killedByLimit === 'boolean'
  );
}

/** Where the history lives in `dir`, each path also as shown in messages (relative to `dir`). */
function places(dir: string) {
  const folder = path.join(dir, path.dirname(HISTORY_FILE));
  return {
    folder,
    file: path.join(dir, HISTORY_FILE),
    ignore: path.join(folder, '.gitignore'),
    shown: (p: string) => path.relative(dir, p) || p,
  };
}

/** Refuse a history path that is a symbolic link: writing there would write wherever it points. */
function refuseLink(file: string, shown: string): fs.Stats | undefined {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) throw new HistoryError(`${shown} is a symbolic link, and memlint does not write through links`);
  return stat;
}

const empty = (): History => ({ version: 1, scripts: Object.create(null) as Record<string, PastRun[]> });

/** The history and, when the file is there but is not a history memlint can read, why (it is then set aside). */
function load(dir: string): { history: History; corrupt: string | null } {
  const p = places(dir);
  const folder = refuseLink(p.folder, p.shown(p.folder));
  if (!folder) return { history: empty(), corrupt: null };
  if (!folder.isDirectory()) throw new HistoryError(`${p.shown(p.folder)} is not a folder`);
  let text: string | null;
  try {
    text = readPlainFile(p.file, MAX_HISTORY_BYTES);
  } catch (err) {
    if (err instanceof NotAPlainFile) throw new HistoryError(`${p.shown(p.file)} is ${err.what}${err.what === 'a symbolic link' ? ', and memlint does not write through links' : ''}`);
    throw new HistoryError(`cannot read ${p.shown(p.file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (text === null) return { history: empty(), corrupt: null };
  let raw: Partial<History>;
  try {
    raw = JSON.parse(text) as Partial<History>;
  } catch {
    return { history: empty(), corrupt: 'not valid JSON' };
  }
  if (!raw || typeof raw !== 'object') return { history: empty(), corrupt: 'not a run history' };
  if (typeof raw.version === 'number' && raw.version > 1) throw new HistoryError(`${p.shown(p.file)} is version ${raw.version}, from a newer memlint; left as it is`);
  if (raw.version !== 1 || !raw.scripts || typeof raw.scripts !== 'object' || Array.isArray(raw.scripts)) return { history: empty(), corrupt: 'not a run history' };
  const history = empty();
  for (const [key, runs] of Object.entries(raw.scripts)) if (Array.isArray(runs)) history.scripts[key] = runs.filter(isPastRun);
  return { history, corrupt: null };
}

/**
 * The history in `dir`: empty when there is none, or when the file is not a history memlint can read. Throws a
 * HistoryError when it must be left alone (a symbolic link, a file from a newer memlint, an unreadable file).
 */
export function readHistory(dir: string): History {
  return load(dir).history;
}

/** Compare a report with the last measured run of the same script (call before recordRun). Null when there is none. */
export function compareWithPrevious(report: Pick<TrackerReport, 'peakKiB'>, dir: string, key: string): Comparison | null {
  if (report.peakKiB === null) return null;
  const previous = readHistory(dir).scripts[key]?.filter((r) => r.peakKiB !== null).pop();
  if (!previous) return null;
  const before = previous.peakKiB!;
  const peakChangePct = before > 0 ? ((report.peakKiB - before) / before) * 100 : 0;
  return { previous, peakChangePct };
}

/** What the history keeps of a run. */
export function pastRunOf(report: TrackerReport, now = new Date()): PastRun {
  const { command, peakKiB, finalRssKiB, wallMs, exitCode, signal, killedByLimit } = report;
  return { at: now.toISOString(), command, peakKiB, finalRssKiB, wallMs, exitCode, signal, killedByLimit };
}

export interface Recorded {
  /** The script's runs as now kept, oldest first, this one last. */
  runs: PastRun[];
  /** One line for the user when the old file was not a history memlint can read and was set aside; else null. */
  notice: string | null;
}

/** A free name beside `file`: file.corrupt-<UTC time>, then -2, -3... */
function asideName(file: string, now: Date): string {
  const base = `${file}.corrupt-${now.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!fs.lstatSync(name, { throwIfNoEntry: false })) return name;
  }
}

/**
 * Append a run to the history and return the script's runs as now kept. Written atomically (a new file renamed over
 * the old), never through a symbolic link (a link for .memlint, runs.json or .gitignore is refused: HistoryError); a
 * .gitignore keeps .memlint/ out of version control. A runs.json memlint cannot read is set aside, not overwritten.
 */
export function recordRun(report: TrackerReport, dir: string, key: string, now = new Date()): Recorded {
  const { history, corrupt } = load(dir);
  const p = places(dir);
  const run = pastRunOf(report, now);
  const runs = [...(history.scripts[key] ?? []), run].slice(-RUNS_PER_SCRIPT);
  history.scripts[key] = runs;
  const lastAt = (k: string) => history.scripts[k][history.scripts[k].length - 1]?.at ?? '';
  const keys = Object.keys(history.scripts).sort((a, b) => lastAt(a).localeCompare(lastAt(b)));
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_SCRIPTS))) delete history.scripts[old];

  let notice: string | null = null;
  try {
    try {
      fs.mkdirSync(p.folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!refuseLink(p.folder, p.shown(p.folder))?.isDirectory()) throw new HistoryError(`${p.shown(p.folder)} is not a folder`);
    if (!refuseLink(p.ignore, p.shown(p.ignore))) writeFileAtomic(p.ignore, '*\n');
    if (corrupt) {
      const aside = asideName(p.file, now);
      fs.renameSync(p.file, aside);
      notice = `${p.shown(p.file)} was ${corrupt}, so it was moved to ${p.shown(aside)}; a new history starts with this run`;
    }
    writeFileAtomic(p.file, JSON.stringify(history, null, 1) + '\n');
  } catch (err) {
    if (err instanceof HistoryError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new HistoryError(`cannot write ${p.shown(e.path ?? p.file)}: ${e.code ?? String(err)}`);
  }
  return { runs, notice };
}
