// The main thread's side of gapWorker.ts: starts it before the script (so it is ready when the script's first call
// runs; it learns which process to read from the wrapper itself), tells it when the wrapper's samples arrive, and
// hands on what it read. Without a worker (none could start, /proc/<pid>/mem is not readable, CPython before 3.11),
// nothing is read from outside.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawFrame } from './gilGaps';
import type { GapWorkerData } from './gapWorker';
import type { Mem } from './proc';

/** A reading of the worker: the root's memory at `t` (ms since the start), with its frames when memory rose. */
export interface GapReading {
  t: number;
  mem: Mem;
  frames: RawFrame[] | null;
}

export interface GapTiming {
  intervalMs: number;
  /** The interval while memory rises: what each rise is split between lines by. */
  risingIntervalMs: number;
  /** No sample for this long: the main thread may hold the GIL in one long call. */
  gapMs: number;
  /** A rise of the root's memory worth placing, between two readings. */
  riseKiB: number;
}

export class GapWatch {
  private readonly shared = new Int32Array(new SharedArrayBuffer(3 * 4));
  private worker: Worker | null = null;
  private readonly waiting: Array<() => void> = [];
  /** Where readings go; until it is known, they wait in `early`. */
  private onReading: ((reading: GapReading) => void) | null = null;
  private early: GapReading[] = [];

  /** Starts the worker; `runDir` is where the wrapper writes frames.layout; readings are timed from `startMono`. */
  constructor(procRoot: string, runDir: string, startMono: number, timing: GapTiming) {
    const workerData: GapWorkerData = { procRoot, runDir, startMono, shared: this.shared, ...timing };
    try {
      this.worker = new Worker(path.join(__dirname, 'gapWorker.js'), { workerData, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    } catch {
      return;
    }
    this.worker.unref(); // never what keeps the tracker alive
    this.worker.on('message', (m: GapReading | 'flushed') => {
      if (m === 'flushed') this.waiting.shift()?.();
      else if (this.onReading) this.onReading(m);
      else this.early.push(m);
    });
    this.worker.on('error', () => this.end());
    this.worker.on('exit', () => this.end());
  }

  /** Where the readings go (those taken before this was known first). */
  deliver(onReading: (reading: GapReading) => void): void {
    this.onReading = onReading;
    for (const reading of this.early.splice(0)) onReading(reading);
  }

  /** A wrapper sample arrived (ms since the start), with the root's memory it read. */
  sampled(t: number, rssKiB: number, hwmKiB: number): void {
    Atomics.store(this.shared, 1, Math.min(rssKiB, 2 ** 31 - 1));
    Atomics.store(this.shared, 2, Math.min(hwmKiB, 2 ** 31 - 1));
    Atomics.store(this.shared, 0, Math.floor(t));
  }

  /** Resolves once every reading the worker took so far has been handed on. */
  flush(): Promise<void> {
    if (!this.worker) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.worker?.postMessage('flush');
    });
  }

  /** Stop reading (the worker closes what it opened, then ends); what was read and not yet handed on is dropped. */
  close(): void {
    this.worker?.postMessage('stop');
    this.end();
  }

  private end(): void {
    this.worker = null;
    this.onReading = null;
    this.early = [];
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
