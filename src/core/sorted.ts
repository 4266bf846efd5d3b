// Binary search over sorted arrays: the lookups that keep rules linear on large inputs (word offsets, nodes
// in source order, a node's children) are binary searches, all through this one.

/** The index of the first item of `sorted` (ascending by `key`) whose key is at least `value`; `sorted.length` if none. */
export function firstAtLeast<T>(sorted: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const itself = (n: number) => n;

/** The index of the first number of ascending `sorted` that is at least `value`. */
export function firstNumberAtLeast(sorted: readonly number[], value: number): number {
  return firstAtLeast(sorted, value, itself);
}
