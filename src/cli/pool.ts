// memlint check on every core: worker threads, each with its own parsers and project index (one scan of the project's
// imports handed to each, summaries shared through the cache folder), take files largest first; their reports come
// back in any order and are handed on in the order of the files, holding back only those that finished before an
// earlier file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { constants as os } from 'node:os';
import type { ScannedFiles } from '../core/project';
import { failureReport, type CheckSetup, type FileReport } from './checkFile';
import { postScan, type ScanPart, type ScanSink } from './scanParts';

/** Files are sent in batches of about this many bytes (small files) so that messages cost little. */
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 64;
/** Batches a worker holds at once: the next is there when it finishes one. */
const IN_FLIGHT = 2;

export interface WorkerMessage {
  index: number;
  report: FileReport;
}

/** What the main thread sends a worker: first the project's scan (if any, in parts), then batches of [index, file]. */
export type ToWorker = ScanPart | [number, string][];

/**
 * Reports handed on in the order of their indexes, each as soon as every earlier one is there. A report that prints
 * nothing (most files) is handed on at once: it carries only counts and an exit status, which add up in any order,
 * so the main thread does not hold one report per file for the whole run.
 */
export class InOrder {
  private readonly held = new Map<number, FileReport>();
  private readonly arrived: Uint8Array;
  private next = 0;

  constructor(
    count: number,
    private readonly emit: (report: FileReport) => void,
  ) {
    this.arrived = new Uint8Array(count);
  }

  put(index: number, report: FileReport): void {
    this.arrived[index] = 1;
    if (prints(report)) this.held.set(index, report);
    else this.emit(report);
    for (; this.next < this.arrived.length && this.arrived[this.next]; this.next++) {
      const r = this.held.get(this.next);
      if (!r) continue;
      this.held.delete(this.next);
      this.emit(r);
    }
  }
}

const prints = (report: FileReport) => report.stdout !== '' || report.stderr !== '' || report.elements.length > 0;

/**
 * A smaller young generation than V8's default (3 x 16 MB): parsers make garbage fast, and V8 would grow it to the
 * maximum over a long run, so a big tree would peak higher than a small one. Measured: lower peak, no slower.
 */
const YOUNG_GENERATION_MB = 12;

/** Files of at least this size are sent one at a time, against the budget below; smaller ones go in batches. */
const HEAVY_FILE = 64 * 1024;
/**
 * The heavy files being checked at once add up to at most this many bytes (a larger one is checked alone): a check's
 * peak grows with its file (a 1 MB TypeScript module takes a few hundred MB), so what the threads need at once is
 * bounded by this, whatever the size of the tree. The others take smaller files meanwhile.
 */
const HEAVY_BUDGET = 1024 * 1024;

const isHeavy = (size: number) => size >= HEAVY_FILE;

/** The scan reads every file once and keeps little: a small young generation keeps its thread small. */
const SCAN_YOUNG_GENERATION_MB = 4;

/** Below this much source per worker, starting one costs more than it saves. */
const BYTES_PER_WORKER = 128 * 1024;

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The size of each file on disk (0 when it cannot be read): what the queue is ordered by. */
export function sizesOf(files: readonly string[]): number[] {
  return files.map(sizeOf);
}

/**
 * How many workers the files of `sizes` deserve: none (check on this thread) with one job or one file; `jobs` when
 * asked for (--jobs), else up to `jobs` but fewer for a small input (a pre-commit hook's few files).
 */
export function workersFor(sizes: readonly number[], jobs: number, asked: boolean): number {
  if (jobs <= 1 || sizes.length < 2) return 0;
  const total = sizes.reduce((a, b) => a + b, 0);
  const workers = Math.min(jobs, sizes.length, asked ? Infinity : Math.ceil(total / BYTES_PER_WORKER));
  return workers > 1 ? workers : 0;
}

/**
 * Which files a worker gets next: the largest first, a heavy file only to a worker with nothing queued and only
 * while the heavy files being checked leave room for it in the budget, else a batch of smaller files.
 */
export class Dispatch {
  /** Both are popped from the end: largest first. */
  private readonly heavy: number[];
  private readonly light: number[];
  private readonly running = new Set<number>();
  private runningBytes = 0;

  constructor(
    indexes: readonly number[],
    private readonly sizes: readonly number[],
  ) {
    const order = [...indexes].sort((a, b) => sizes[b] - sizes[a] || a - b).reverse();
    this.heavy = order.filter((i) => isHeavy(sizes[i]));
    this.light = order.filter((i) => !isHeavy(sizes[i]));
  }

  get empty(): boolean {
    return this.heavy.length === 0 && this.light.length === 0;
  }

  /** The next batch for a worker (`idle`: it has nothing queued); empty when it must wait or nothing is left. */
  take(idle: boolean): number[] {
    const next = this.heavy[this.heavy.length - 1];
    if (idle && next !== undefined && (this.runningBytes === 0 || this.runningBytes + this.sizes[next] <= HEAVY_BUDGET)) {
      this.heavy.pop();
      this.running.add(next);
      this.runningBytes += this.sizes[next];
      return [next];
    }
    const batch: number[] = [];
    let bytes = 0;
    while (this.light.length && batch.length < BATCH_FILES && (batch.length === 0 || bytes + this.sizes[this.light[this.light.length - 1]] <= BATCH_BYTES)) {
      const i = this.light.pop()!;
      batch.push(i);
      bytes += this.sizes[i];
    }
    return batch;
  }

  /** A file was reported; true when it was a heavy one (room for another). */
  finished(index: number): boolean {
    if (!this.running.delete(index)) return false;
    this.runningBytes -= this.sizes[index];
    return true;
  }

  /** Files handed out and not checked (their worker died): they are next again, in their order. */
  putBack(indexes: readonly number[]): void {
    for (const i of [...indexes].reverse()) {
      this.finished(i);
      (isHeavy(this.sizes[i]) ? this.heavy : this.light).push(i);
    }
  }

  clear(): void {
    this.heavy.length = this.light.length = 0;
  }
}

interface Running {
  worker: Worker;
  /** File indexes sent and not reported yet, in the order the worker takes them. */
  pending: number[];
  batches: number[];
}

/** Where the workers' scan comes from: it sends the scan's parts to `sink`, and resolves true once all were sent. */
export type ScanSource = (sink: ScanSink) => Promise<boolean>;

/**
 * The project's scan (every file's hash and imports) made on a thread of its own, which then ends: reading every file
 * makes garbage fast, and the main thread's heap would keep the room it grew for it. Its parts go to `sink` as they
 * come, not gathered here: V8 sizes this thread's young generation by what survives in it, so a scan held whole
 * here grew the main thread by 10 MB for the rest of the run on the JS/TS tree four times over. Resolves false if
 * the thread fails (each worker then scans for itself).
 */
export function scanInWorker(setup: CheckSetup): ScanSource {
  return (sink) =>
    new Promise((resolve) => {
      const worker = new Worker(path.join(__dirname, 'checkWorker.js'), { workerData: { setup, scan: true }, resourceLimits: { maxYoungGenerationSizeMb: SCAN_YOUNG_GENERATION_MB } });
      let ended = false;
      worker.on('message', (m: ScanPart) => {
        sink(m);
        if (m.last) resolve((ended = true));
      });
      const failed = () => {
        if (ended) return;
        ended = true;
        sink({ scanned: [], last: true, failed: true });
        resolve(false);
      };
      worker.once('error', failed);
      worker.once('exit', failed);
    });
}

/** A scan this thread holds already (read from the cache), sent in parts. */
export function scanAtHand(scanned: ScannedFiles): ScanSource {
  return (sink) => {
    postScan({ postMessage: sink }, scanned);
    return Promise.resolve(true);
  };
}

/**
 * Check the files at `indexes` (of `files`, sizes in `sizes`) on `count` workers, handing each report to `deliver`
 * with its index. The workers start loading while `scan` (the project's imports, read once rather than by every
 * worker) is under way; its parts are passed on to them as they come, and they are fed files once it is whole. With
 * --fix, SIGINT/SIGTERM/SIGHUP stop the run after the files being written (a flag the workers read between files),
 * then exit as the signal would.
 */
export function checkInWorkers(
  files: readonly string[],
  indexes: readonly number[],
  sizes: readonly number[],
  count: number,
  setup: CheckSetup,
  scan: ScanSource,
  deliver: (index: number, report: FileReport) => void,
): Promise<void> {
  const dispatch = new Dispatch(indexes, sizes);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let signalled: NodeJS.Signals | undefined;
  let started: Running[] = [];
  let arrived: () => void = () => {};

  const done = new Promise<void>((resolve) => {
    const running = new Set<Running>();
    const onSignal = (signal: NodeJS.Signals) => {
      signalled = signal;
      Atomics.store(stop, 0, 1);
      dispatch.clear();
    };
    const signals = setup.fix ? (['SIGINT', 'SIGTERM', 'SIGHUP'] as const) : [];
    for (const s of signals) process.on(s, onSignal);

    const finish = () => {
      if (running.size) return;
      for (const s of signals) process.off(s, onSignal);
      if (signalled) process.exit(128 + os.signals[signalled]);
      resolve();
    };

    const feed = (r: Running) => {
      while (r.batches.length < IN_FLIGHT) {
        const batch = dispatch.take(r.batches.length === 0);
        if (!batch.length) break;
        r.pending.push(...batch);
        r.batches.push(batch.length);
        r.worker.postMessage(batch.map((i) => [i, files[i]]) satisfies ToWorker);
      }
      // A worker with nothing to do waits while heavy files are left (one finishing feeds it), else it ends.
      if (r.pending.length === 0 && dispatch.empty) {
        running.delete(r);
        void r.worker.terminate();
        finish();
      }
    };
    /** Every worker is offered work: a heavy file finished, or a worker's files came back. */
    const feedAll = () => [...running].forEach((w) => running.has(w) && feed(w));

    const start = () => {
      const worker = new Worker(path.join(__dirname, 'checkWorker.js'), { workerData: { setup, stop }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const r: Running = { worker, pending: [], batches: [] };
      running.add(r);
      worker.on('message', (m: WorkerMessage | 'stopped') => {
        if (m === 'stopped') {
          r.pending.length = 0;
          r.batches.length = 0;
          running.delete(r);
          void worker.terminate();
          finish();
          return;
        }
        r.pending.splice(r.pending.indexOf(m.index), 1);
        if (--r.batches[0] === 0) r.batches.shift();
        deliver(m.index, m.report);
        if (dispatch.finished(m.index)) feedAll();
        else feed(r);
      });
      // A worker that dies (out of memory, a crash in a parser): the file it was checking is reported, the others it
      // held go back to the queue, and another worker takes them.
      const died = (message: string) => {
        if (!running.delete(r)) return;
        const [failed, ...rest] = r.pending;
        r.pending.length = 0;
        if (failed !== undefined) {
          dispatch.finished(failed);
          deliver(failed, failureReport(files[failed], message));
        }
        if (!signalled) dispatch.putBack(rest);
        // A new worker takes the files left; the others may take a heavy file this one held.
        if (!dispatch.empty) start();
        feedAll();
        finish();
      };
      worker.on('error', (err) => died(err.message));
      worker.on('exit', (code) => died(`its thread exited with status ${code}`));
      return r;
    };

    started = Array.from({ length: count }, start);
    arrived = () => started.forEach((r) => running.has(r) && feed(r));
  });
  // Each part of the scan goes to the workers started first and is not kept here. A worker started later, in place
  // of one that died, scans the project for itself.
  const toWorkers: ScanSink = (part) => started.forEach((r) => r.worker.postMessage(part satisfies ToWorker));
  void scan(toWorkers).then(() => arrived());
  return done;
}
