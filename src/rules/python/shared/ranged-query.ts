// Running a compiled query over part of a file only: a whole-tree query walks every node (about as long as
// a fifth of the parse on a 10k-line file); a ranged one only descends to the range.
import type { Node, Query, QueryMatch } from 'web-tree-sitter';

/**
 * Matches of `query` whose captured nodes intersect [start, end) (UTF-16 offsets, as `startIndex` is).
 * web-tree-sitter takes a query's range in bytes of its UTF-16 input, two per code unit.
 */
export function matchesIn(query: Query, root: Node, start: number, end: number): QueryMatch[] {
  return query.matches(root, { startIndex: 2 * start, endIndex: 2 * end });
}
