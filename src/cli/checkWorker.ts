// A worker thread of memlint check (see pool.ts): checks the files it is sent, in order, one report per file. The
// main thread has looked each one up in the cache already, and sends the project's scan first. With `scan`, the
// worker makes that scan instead (reading every file of the project), keeps it in the cache and hands it back.
import { parentPort, workerData } from 'node:worker_threads';
import { checkerFor, failureReport, type CheckSetup } from './checkFile';
import type { ToWorker, WorkerMessage } from './pool';
import { postScan, ScanParts } from './scanParts';
import { readLargeModulesInPieces } from '../host/largeModules';

readLargeModulesInPieces();

const { setup, stop, scan } = workerData as { setup: CheckSetup; stop: Int32Array; scan?: boolean };
const checker = checkerFor(setup);
const port = parentPort!;
const todo: [number, string][] = [];
let busy = false;
const scanParts = new ScanParts();

if (scan) {
  checker.reuseScan();
  const scanned = checker.index.scannedFiles();
  checker.keepScan();
  postScan(port, scanned);
  port.close();
}

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
    const scanned = scanParts.add(message);
    if (scanned) checker.index.adoptScan(scanned);
    return;
  }
  todo.push(...message);
  if (!busy) void work();
});
