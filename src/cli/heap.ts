// Keeping memlint's own peak flat as the tree grows: V8 lets the heap grow with the rate of allocation (parsers make
// a lot of short-lived garbage), not with what is kept, so a long run peaks higher than a short one. A full collection
// after every few megabytes of source brings the heap back to what is live (the index, the queue), at a cost of a few
// milliseconds each.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Characters of source checked between two full collections. */
const EVERY = 4 * 1024 * 1024;

let collect: (() => void) | undefined;
let since = 0;

/** Count `characters` of source just checked; collect once enough has gone through. */
export function checked(characters: number): void {
  since += characters;
  if (since < EVERY) return;
  since = 0;
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
