// A worker thread of memlint check (see pool.ts): checks the files it is sent, in order, one report per file. The
// main thread has looked each one up in the cache already, and may send the project's scan first.
import { parentPort, workerData } from 'node:worker_threads';
import { checkerFor, failureReport, type CheckSetup } from './checkFile';
import type { ToWorker, WorkerMessage } from './pool';

const { setup, stop } = workerData as { setup: CheckSetup; stop: Int32Array };
const checker = checkerFor(setup);
const port = parentPort!;
const todo: [number, string][] = [];
let busy = false;

async function work(): Promise<void> {
  busy = true;
  for (let item = todo.shift(); item; item = todo.shift()) {
    // Set by the main thread on SIGINT/SIGTERM/SIGHUP during --fix: the file being written was finished.
    if (Atomics.load(stop, 0)) {
      port.postMessage('stopped');
      break;
    }
    const [index, file] = item;
    const report = await checker.check(file, false).catch((err: unknown) => failureReport(file, err instanceof Error ? err.message : String(err)));
    port.postMessage({ index, report } satisfies WorkerMessage);
  }
  busy = false;
}

port.on('message', (message: ToWorker) => {
  if (!Array.isArray(message)) {
    checker.index.adoptScan(message.scanned);
    return;
  }
  todo.push(...message);
  if (!busy) void work();
});
