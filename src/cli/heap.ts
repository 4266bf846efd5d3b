// Keeping memlint's own peak flat as the tree grows: V8 lets the heap grow with the rate of allocation (parsers make
// a lot of short-lived garbage, and a large module's analysis promotes much of it), not with what is kept, so a long
// run peaks higher than a short one. A full collection once the heap holds a set amount more than was live after the
// last one bounds the garbage a thread carries, whatever the files; it costs tens of milliseconds each time.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * How much V8 lets the heap grow past what was live after a full collection, in percent. By default it picks a
 * factor of 1.1 to 4 from how fast collections run against the program, and a long run, whose collections are fast
 * next to its allocation, drifts to the large factors: the stdlib checked four times over peaked 20 % above one
 * copy with the same files and the same live data. Pinned at 10 %, the heap follows what is live.
 */
const HEAP_GROWING_PERCENT = 10;

/** Pin V8's heap growth for every thread of this process (read at each collection, so workers started later too). */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Bytes of heap over what was live after the last full collection that call for the next one. */
const GARBAGE = 64 * 1024 * 1024;

let collect: (() => void) | undefined;
let live = 0;

/** A file was read or checked: collect if the heap has grown enough since the last collection. */
export function checked(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used < live + GARBAGE) return;
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  live = v8.getHeapStatistics().used_heap_size;
}
