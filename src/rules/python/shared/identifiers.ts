// Where a name occurs as a real identifier (never inside a string or a comment), found through the text:
// a word search plus one node lookup per hit is far cheaper than a query walking the whole tree. A name asked
// about over a large part of the file is looked up once in the whole file and kept (per tree), so asking again
// for another range costs a binary search.
import type { Node, Tree } from 'web-tree-sitter';
import { nodeAt, perTree } from '../../../core/parsers/pythonTree';
import { firstAtLeast } from '../../../core/sorted';
import { wordsAt, wordsFrom } from './words';

export { wordsAt };

/** The identifier node exactly at [offset, offset + length), if the text there is one (not a string or comment). */
export function identifierAt(root: Node, offset: number, length: number): Node | undefined {
  const node = nodeAt(root.tree, offset, offset + length);
  return node.type === 'identifier' && node.startIndex === offset && node.endIndex === offset + length ? node : undefined;
}

const KNOWN = {};

/** Per name: how often it was asked about, and every identifier spelled so once the whole file was searched. */
interface Asked {
  times: number;
  all?: Node[];
}

function asked(tree: Tree, name: string): Asked {
  const names = perTree(KNOWN, tree, () => new Map<string, Asked>());
  let entry = names.get(name);
  if (!entry) names.set(name, (entry = { times: 0 }));
  return entry;
}

function search(root: Node, text: string, name: string, start: number, end: number): Node[] {
  const out: Node[] = [];
  for (const at of wordsAt(text, name, start, end)) {
    const node = identifierAt(root, at, name.length);
    if (node) out.push(node);
  }
  return out;
}

/** Every identifier spelled `name` in the file, in order (searched once per tree). */
export function allIdentifiersNamed(root: Node, text: string, name: string): readonly Node[] {
  const entry = asked(root.tree, name);
  return (entry.all ??= search(root, text, name, 0, text.length));
}

const startOf = (node: Node) => node.startIndex;

/** Index of the first node in `sorted` (in source order) starting at or after `offset`. */
export function firstFrom(sorted: readonly Node[], offset: number): number {
  return firstAtLeast(sorted, offset, startOf);
}

/**
 * Identifier nodes spelled `name` that start within [start, end) of the text `root` was parsed from (and end
 * by `end`): variable uses and bindings, but also attribute names (`x.name`) and keyword names (`f(name=1)`),
 * which callers tell apart by the parent. The first few questions about a small range search just that range;
 * after that the whole file is searched once and later questions are binary searches.
 */
export function identifiersNamed(root: Node, text: string, name: string, start = 0, end = text.length): Node[] {
  const entry = asked(root.tree, name);
  entry.times++;
  if (!entry.all && entry.times <= 8 && end - start <= Math.max(4096, text.length >> 3)) return search(root, text, name, start, end);
  const all = (entry.all ??= search(root, text, name, 0, text.length));
  return all.slice(firstFrom(all, start), firstFrom(all, end - name.length + 1));
}

/** The identifiers of `identifiersNamed`, one at a time (a caller after the first few stops early). */
export function* identifiersFrom(root: Node, text: string, name: string, start = 0, end = text.length): Generator<Node> {
  const all = asked(root.tree, name).all;
  if (all) {
    for (let i = firstFrom(all, start); i < all.length && all[i].startIndex <= end - name.length; i++) yield all[i];
    return;
  }
  for (const at of wordsFrom(text, name, start, end)) {
    const node = identifierAt(root, at, name.length);
    if (node) yield node;
  }
}

/** Whether `inner` lies within `outer` (same node included). */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
