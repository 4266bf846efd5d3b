// The run directory: each probed process appends JSON lines to <pid>.jsonl (checkpoint and exit records). Files
// survive the writer being killed, and a line cut short by a kill is simply never complete.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CheckpointRecord {
  type: 'checkpoint';
  pid: number;
  label: string;
  file: string;
  line: number;
  /** CLOCK_MONOTONIC, ms (the clock of process.hrtime and Python's time.monotonic). */
  mono: number;
  rssKiB: number;
  /** VmHWM at the call: since the previous reset when `reset` is true (the phase's exact peak), else since the start. */
  hwmKiB: number;
  /** The peak since the process started, as the helper keeps it. */
  peakKiB?: number;
  /** The high-water mark was reset after this reading (and after the previous checkpoint's). */
  reset?: boolean;
  budgetKiB?: number | null;
  /** The kinds of resident memory at the reading (RssAnon, RssFile, RssShmem), where the kernel has them. */
  anonKiB?: number | null;
  fileKiB?: number | null;
  shmemKiB?: number | null;
}

/** A test of a pytest run, from the plugin (probes/pythonpath/memlint_pytest.py). */
export interface TestRecord {
  type: 'test';
  pid: number;
  id: string;
  file: string;
  line: number;
  mono: number;
  /** RSS when the test started. */
  rssKiB: number;
  /** VmHWM at its end: its exact peak when `reset`, else the process's peak so far. */
  hwmKiB: number;
  reset: boolean;
  budgetKiB: number | null;
}

export interface ExitRecord {
  type: 'exit';
  pid: number;
  mono: number;
  rssKiB: number;
  hwmKiB: number;
}

export type RunRecord = CheckpointRecord | ExitRecord | TestRecord;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => isNumber(v) && v >= 0;

/** A checkpoint's kinds of memory, when it carries all three. */
export function kindsOf(r: CheckpointRecord): { anonKiB: number; fileKiB: number; shmemKiB: number } | undefined {
  const { anonKiB, fileKiB, shmemKiB } = r;
  return isCount(anonKiB) && isCount(fileKiB) && isCount(shmemKiB) ? { anonKiB, fileKiB, shmemKiB } : undefined;
}

/**
 * A record exactly as the probes write it. The run directory is writable by the script being measured, so anything
 * else (a string where a number goes, a line of 1e400, markup for a line number) is dropped, never passed on.
 */
function isRecord(value: unknown): value is RunRecord {
  const r = value as Partial<RunRecord> | null;
  if (!r || typeof r !== 'object' || !Number.isSafeInteger(r.pid) || !isNumber(r.mono) || !isCount(r.rssKiB) || !isCount(r.hwmKiB)) return false;
  if (r.type === 'exit') return true;
  const optional = (v: unknown) => v === undefined || v === null || isCount(v);
  if (r.type === 'checkpoint') {
    return (
      typeof r.label === 'string' &&
      typeof r.file === 'string' &&
      Number.isSafeInteger(r.line) &&
      r.line! >= 0 &&
      optional(r.peakKiB) &&
      optional(r.budgetKiB) &&
      optional(r.anonKiB) &&
      optional(r.fileKiB) &&
      optional(r.shmemKiB) &&
      (r.reset === undefined || typeof r.reset === 'boolean')
    );
  }
  if (r.type === 'test') {
    return typeof r.id === 'string' && typeof r.file === 'string' && Number.isSafeInteger(r.line) && r.line! >= 0 && typeof r.reset === 'boolean' && optional(r.budgetKiB);
  }
  return false;
}

/** Reads what was appended to the run directory's .jsonl files since the last call. */
export class RecordReader {
  private readonly offsets = new Map<string, number>();
  private readonly partial = new Map<string, Buffer>();

  constructor(private readonly dir: string) {}

  read(): RunRecord[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.jsonl'));
    } catch {
      return [];
    }
    const out: RunRecord[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const from = this.offsets.get(name) ?? 0;
      let chunk: Buffer;
      try {
        const size = fs.statSync(file).size;
        if (size <= from) continue;
        chunk = Buffer.alloc(size - from);
        const fd = fs.openSync(file, 'r');
        try {
          fs.readSync(fd, chunk, 0, chunk.length, from);
        } finally {
          fs.closeSync(fd);
        }
        this.offsets.set(name, size);
      } catch {
        continue;
      }
      // Split on bytes, so a line (or a character) still being written is kept whole for the next read.
      const bytes = Buffer.concat([this.partial.get(name) ?? Buffer.alloc(0), chunk]);
      const end = bytes.lastIndexOf(0x0a) + 1;
      this.partial.set(name, bytes.subarray(end));
      for (const line of bytes.toString('utf8', 0, end).split('\n')) {
        if (!line) continue;
        try {
          const value: unknown = JSON.parse(line);
          if (isRecord(value)) out.push(value);
        } catch {
          // not one of ours, or garbled: skip the line
        }
      }
    }
    return out.sort((a, b) => ('mono' in a ? a.mono : 0) - ('mono' in b ? b.mono : 0));
  }
}
