// A worker thread of the tracker (started by gapWatch.ts before the script): while the Python wrapper is silent (a
// call holding the GIL), it reads the process's memory every 10 ms and, while that rises, the main thread's frames,
// every 2 ms.
// It takes where the frames are from the run folder (frames.layout, written by the wrapper at start), so a busy or
// collecting main thread (a large heap, a burst of output) cannot make it start late or miss a call's frames.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { FrameReader, parseLayout } from './gilGaps';
import { readMem, readStat } from './proc';

/** What the main thread passes: see GapWatch. */
export interface GapWorkerData {
  procRoot: string;
  runDir: string;
  /** The run's start on the monotonic clock (ms): readings are timed from it. */
  startMono: number;
  /** [when the wrapper's last sample arrived (ms since the start), its RSS, its VmHWM (KiB)], written by the main thread. */
  shared: Int32Array;
  intervalMs: number;
  /** The interval while memory rises. */
  risingIntervalMs: number;
  gapMs: number;
  riseKiB: number;
}

/** The process being read, once the wrapper said where its frames are. */
interface Target {
  pid: number;
  reader: FrameReader;
}

const data = workerData as GapWorkerData;
const port = parentPort!;
const monoMs = () => Number(process.hrtime.bigint()) / 1e6;

let target: Target | null = null;
/** This thread's last reading: it stands for the root's memory when it is newer than the wrapper's last sample. */
let own = { t: -Infinity, rssKiB: 0, hwmKiB: 0 };

/**
 * The process to read and its frame reader, once the wrapper wrote frames.layout (its pid, then where the frames
 * are: it needs nothing from the main thread, however busy that is); null until then; 'unavailable' when that is not
 * our own child, or /proc/<pid>/mem is closed to us.
 */
function open(): Target | null | 'unavailable' {
  let text: string;
  try {
    text = fs.readFileSync(path.join(data.runDir, 'frames.layout'), 'latin1');
  } catch {
    return null; // not yet (or never: before CPython 3.11)
  }
  const [pidField, ...fields] = text.trim().split('\t');
  const pid = Number(pidField);
  const layout = parseLayout(fields);
  // The run folder is writable by the script: only the process this tracker started is read.
  const reader = Number.isSafeInteger(pid) && readStat(pid, data.procRoot)?.ppid === process.pid && layout ? FrameReader.open(pid, layout, data.procRoot) : null;
  // The wrapper waits for this before it runs the script (half a second at most): its first call is read too.
  // Created, never opened if there: the run folder is writable by the script, and a link planted there is not followed.
  try {
    fs.writeFileSync(path.join(data.runDir, 'frames.ready'), reader ? '1' : '0', { flag: 'wx' });
  } catch {
    // already there (the wrapper then goes on anyway), or the run folder is gone: the run is over
  }
  return reader ? { pid, reader } : 'unavailable';
}

/** Read once; true when memory rose (then the next reading comes sooner). */
function tick({ pid, reader }: Target): boolean {
  const t = monoMs() - data.startMono;
  const sampleAt = Atomics.load(data.shared, 0);
  if (t - sampleAt < data.gapMs) return false;
  const mem = readMem(pid, data.procRoot);
  if (!mem) return false;
  const last = own.t >= sampleAt ? own : { rssKiB: Atomics.load(data.shared, 1), hwmKiB: Atomics.load(data.shared, 2) };
  // Only a rise needs its line: a silent, flat stretch (the sampler's slow pace, a sleep) costs one read.
  const rising = mem.rssKiB > last.rssKiB + data.riseKiB || mem.hwmKiB > last.hwmKiB + data.riseKiB;
  own = { t, rssKiB: mem.rssKiB, hwmKiB: mem.hwmKiB };
  port.postMessage({ t, mem, frames: rising ? reader.read() : null });
  return rising;
}

let timer: NodeJS.Timeout | undefined;

/** One reading, then the next: sooner while memory rises, so a rise is split between lines at a finer grain. */
function next(): void {
  let rising = false;
  if (!target) {
    const opened = open();
    if (opened === 'unavailable') return stop();
    target = opened;
  }
  if (target) rising = tick(target);
  // Sooner while memory rises, and while the wrapper, waiting to start the script, has not said where the frames are.
  const waiting = !target && monoMs() - data.startMono < 1000;
  timer = setTimeout(next, rising || waiting ? data.risingIntervalMs : data.intervalMs);
}
next();

function stop(): void {
  clearTimeout(timer);
  target?.reader.close();
  port.close(); // nothing left: the thread ends
}

port.on('message', (message: 'flush' | 'stop') => {
  if (message === 'flush') port.postMessage('flushed'); // after every reading posted before it
  else if (message === 'stop') stop();
});
