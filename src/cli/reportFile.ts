// `memlint run --report FILE` and `--html FILE`: FILE is checked before the run, so that a mistyped command destroys
// nothing (`memlint run --report tail.py big.log`, the report's name forgotten, must not empty tail.py), and the report
// is written at the end into a new file renamed over FILE.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATOR } from '../report/html';
import { NotAPlainFile, readPlainFile } from '../tracker/safeFiles';
import { UsageError } from './usage';

/** A report holds at most 20,000 samples and 200 processes: a few MB. Anything bigger is not one. */
const MAX_REPORT_BYTES = 64 << 20;

/** What an output file is: its option, what it is called, and how an earlier one is recognised. */
export interface OutputKind {
  flag: string;
  what: string;
  isOurs(text: string): boolean;
}

/** Whether a file's text is a memlint report (the JSON `--report` writes), by its shape. */
export function isReport(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const r = value as Record<string, unknown> | null;
  return (
    !!r &&
    typeof r === 'object' &&
    (r.version === 1 || r.version === 2) &&
    Array.isArray(r.command) &&
    Array.isArray(r.samples) &&
    Array.isArray(r.processes) &&
    'peakKiB' in r &&
    'wallMs' in r
  );
}

export const REPORT_FILE: OutputKind = { flag: '--report', what: 'a memlint report', isOurs: (text) => isReport(text) };
/** A page `memlint run --html` wrote: its generator tag in the head. */
export const HTML_FILE: OutputKind = { flag: '--html', what: 'a memlint report page', isOurs: (text) => text.slice(0, 4096).includes(GENERATOR) };

const hint = (kind: OutputKind) => `did you forget the report's name? (memlint run ${kind.flag} FILE SCRIPT [args...])`;

/** Same file: the same path, or (for files that exist) the same inode, whatever path names it. */
function sameFile(a: string, b: string, aStat: fs.Stats | undefined): boolean {
  if (a === b) return true;
  const bStat = fs.statSync(b, { throwIfNoEntry: false });
  return !!aStat && !!bStat && aStat.dev === bStat.dev && aStat.ino === bStat.ino;
}

/**
 * The report's absolute path, once it is safe to replace at the end of the run: it does not exist yet (in a folder we
 * can write), or it is a memlint report. Refused with a UsageError (exit 2, nothing touched): a symbolic link, a folder
 * or other non-regular file, a file that is not a memlint report, and any file the command names (the script,
 * an argument, the interpreter).
 */
export function checkReportPath(report: string, command: readonly string[], cwd: string, kind: OutputKind = REPORT_FILE): string {
  const file = path.resolve(cwd, report);
  const flag = kind.flag;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) throw new UsageError(`${flag} ${report} is a symbolic link; memlint writes a report only over a plain file (remove the link or choose another name)`);
  if (stat?.isDirectory()) throw new UsageError(`${flag} ${report} is a folder`);
  if (command.some((part) => part && sameFile(file, path.resolve(cwd, part), stat))) {
    throw new UsageError(`${flag} ${report} is also in the command to run, so it was left alone; ${hint(kind)}`);
  }
  if (stat) {
    let text: string | null;
    try {
      text = readPlainFile(file, MAX_REPORT_BYTES);
    } catch (err) {
      if (err instanceof NotAPlainFile) throw new UsageError(`${flag} ${report} is ${err.what}`);
      throw new UsageError(`cannot read ${report} to check it is ${kind.what}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (text !== null && !kind.isOurs(text)) throw new UsageError(`${flag} ${report} is a file that is not ${kind.what}, so it was left alone; ${hint(kind)}`);
  }
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch (err) {
    throw new UsageError(`cannot write the report to ${report}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return file;
}
