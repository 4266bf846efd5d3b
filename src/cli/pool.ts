// memlint check on every core: worker threads, each with its own parsers and project index (summaries shared through
// the cache folder), take files largest first; their reports come back in any order and are handed on in the order
// of the files, holding back only those that finished before an earlier file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { constants as os } from 'node:os';
import { failureReport, type CheckSetup, type FileReport } from './checkFile';

/** Files are sent in batches of about this many bytes (small files) so that messages cost little. */
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 64;
/** Batches a worker holds at once: the next is there when it finishes one. */
const IN_FLIGHT = 2;

export interface WorkerMessage {
  index: number;
  report: FileReport;
}

/**
 * A smaller young generation than V8's default (3 x 16 MB): parsers make garbage fast, and V8 would grow it to the
 * maximum over a long run, so a big tree would peak higher than a small one. Measured: lower peak, no slower.
 */
const YOUNG_GENERATION_MB = 12;

/** Below this much source per worker, starting one costs more than it saves. */
const BYTES_PER_WORKER = 128 * 1024;

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * How many workers `files` deserve: none (check on this thread) with one job or one file; `jobs` when asked for
 * (--jobs), else up to `jobs` but fewer for a small input (a pre-commit hook's few files).
 */
export function workersFor(files: readonly string[], jobs: number, asked: boolean): { workers: number; sizes: number[] } {
  if (jobs <= 1 || files.length < 2) return { workers: 0, sizes: [] };
  const sizes = files.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  const workers = Math.min(jobs, files.length, asked ? Infinity : Math.ceil(total / BYTES_PER_WORKER));
  return { workers: workers > 1 ? workers : 0, sizes };
}

interface Running {
  worker: Worker;
  /** File indexes sent and not reported yet, in the order the worker takes them. */
  pending: number[];
  batches: number[];
}

/**
 * Check `files` on `count` workers; `emit` gets each report in file order. With --fix, SIGINT/SIGTERM/SIGHUP stop the
 * run after the files being written (a flag the workers read between files), then exit as the signal would.
 */
export function checkInWorkers(files: readonly string[], sizes: readonly number[], count: number, setup: CheckSetup, emit: (report: FileReport) => void): Promise<void> {
  const order = files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const queue = order.reverse(); // popped from the end: largest first
  const held = new Map<number, FileReport>();
  let next = 0;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let signalled: NodeJS.Signals | undefined;

  const deliver = (index: number, report: FileReport) => {
    held.set(index, report);
    for (let r = held.get(next); r; r = held.get(next)) {
      held.delete(next++);
      emit(r);
    }
  };

  return new Promise<void>((resolve) => {
    const running = new Set<Running>();
    const onSignal = (signal: NodeJS.Signals) => {
      signalled = signal;
      Atomics.store(stop, 0, 1);
      queue.length = 0;
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
      while (r.batches.length < IN_FLIGHT && queue.length) {
        const batch: number[] = [];
        let bytes = 0;
        while (queue.length && batch.length < BATCH_FILES && (batch.length === 0 || bytes + sizes[queue[queue.length - 1]] <= BATCH_BYTES)) {
          const i = queue.pop()!;
          batch.push(i);
          bytes += sizes[i];
        }
        r.pending.push(...batch);
        r.batches.push(batch.length);
        r.worker.postMessage(batch.map((i) => [i, files[i]]));
      }
      if (r.pending.length === 0) {
        running.delete(r);
        void r.worker.terminate();
        finish();
      }
    };

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
        feed(r);
      });
      // A worker that dies (out of memory, a crash in a parser): the file it was checking is reported, the others it
      // held go back to the queue, and another worker takes them.
      const died = (message: string) => {
        if (!running.delete(r)) return;
        const [failed, ...rest] = r.pending;
        r.pending.length = 0;
        if (failed !== undefined) deliver(failed, failureReport(files[failed], message));
        if (!signalled) queue.push(...rest.reverse());
        if (queue.length) feed(start());
        finish();
      };
      worker.on('error', (err) => died(err.message));
      worker.on('exit', (code) => died(`its thread exited with status ${code}`));
      return r;
    };

    for (let i = 0; i < count; i++) feed(start());
  });
}
