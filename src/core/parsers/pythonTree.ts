// Moving around a web-tree-sitter tree at a cost that does not grow with its depth or width. `node.parent`,
// `nextSibling` and `descendantForIndex` walk down from the root on every call, scanning each level's children:
// an ancestor walk from a node 5,000 levels deep costs 5,000 such descents, and a lookup per line in a module of
// 5,000 statements scans 5,000 children each time. Here, per tree: one node object per node (what it reads from the
// wasm side, it keeps), each node's parent known once a lookup or a read passed it, a lookup starting from the
// deepest node of the previous lookup's path that still spans the target (so lookups in source order cost what
// they move), and facts a node takes from its ancestors (its scope, its statement) computed once per node.
import { Node, type Edit, type Tree } from 'web-tree-sitter';
import { firstAtLeast } from '../sorted';

const startOf = (node: Node) => node.startIndex;
const endOf = (node: Node) => node.endIndex;

interface Index {
  /** The one node object kept per node id. */
  nodes: Map<number, Node>;
  children: Map<number, Node[]>;
  named: Map<number, Node[]>;
  fields: Map<number, (string | null)[]>;
  parents: Map<number, Node | null>;
  /** Per node, the children met so far (a lookup tries them before asking wasm), until all are read. */
  met: Map<number, Node[]>;
  /** Per node a lookup went down through: 0 the first time, then its child count. */
  passed: Map<number, number>;
  /** The last lookup's path, root first. */
  path: Node[];
  /** Facts memoised per node, by the key of the fact. */
  facts: Map<object, Map<number, unknown>>;
}

const INDEX = new WeakMap<Tree, Index>();

function indexOf(tree: Tree): Index {
  let index = INDEX.get(tree);
  if (!index) {
    const root = tree.rootNode;
    index = {
      nodes: new Map([[root.id, root]]),
      children: new Map(),
      named: new Map(),
      fields: new Map(),
      parents: new Map([[root.id, null]]),
      met: new Map(),
      passed: new Map(),
      path: [root],
      facts: new Map(),
    };
    INDEX.set(tree, index);
  }
  return index;
}

/** The node object kept for `node`'s id (the first one seen), so what one read is not read again through another. */
function canonical(index: Index, node: Node): Node {
  const known = index.nodes.get(node.id);
  if (known) return known;
  index.nodes.set(node.id, node);
  return node;
}

/** `child`, kept as the node object for its id, with `parent` as its parent. */
function adopt(index: Index, parent: Node, child: Node): Node {
  const kept = canonical(index, child);
  if (!index.parents.has(kept.id)) {
    index.parents.set(kept.id, parent);
    const met = index.met.get(parent.id);
    if (met) met.push(kept);
    else index.met.set(parent.id, [kept]);
  }
  return kept;
}

/** `node`'s children, named and anonymous, in order (read once per node). */
export function childrenOf(node: Node): readonly Node[] {
  const index = indexOf(node.tree);
  let children = index.children.get(node.id);
  if (!children) {
    const parent = canonical(index, node);
    children = (node.children as Node[]).map((c) => adopt(index, parent, c));
    index.children.set(node.id, children);
  }
  return children;
}

/** `node`'s named children, comments left out (read once per node). */
export function namedChildrenOf(node: Node): readonly Node[] {
  const index = indexOf(node.tree);
  let named = index.named.get(node.id);
  if (!named) index.named.set(node.id, (named = childrenOf(node).filter((c) => c.isNamed && c.type !== 'comment')));
  return named;
}

/** Where `node` sits among `siblings` (the ordered children of one node), by binary search; -1 if absent. */
export function positionIn(siblings: readonly Node[], node: Node): number {
  for (let i = firstAtLeast(siblings, node.startIndex, startOf); i < siblings.length && siblings[i].startIndex === node.startIndex; i++) if (siblings[i].id === node.id) return i;
  return -1;
}

/** The field of `parent` that holds `child`, if any (each node's fields read once, with one cursor pass). */
export function fieldOf(parent: Node, child: Node): string | null {
  const index = indexOf(parent.tree);
  let fields = index.fields.get(parent.id);
  if (!fields) {
    fields = [];
    const cursor = parent.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do fields.push(cursor.currentFieldName);
        while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    index.fields.set(parent.id, fields);
  }
  const at = positionIn(childrenOf(parent), child);
  return at === -1 ? null : (fields[at] ?? null);
}

/**
 * The child of `node` that `descendantForIndex(start, end)` descends into: the first child ending after `start`,
 * if it spans [start, end). Children end in order, so a binary search finds it.
 */
function childSpanning(node: Node, start: number, end: number): Node | undefined {
  const children = childrenOf(node);
  const child = children[firstAtLeast(children, start + 1, endOf)];
  return child && child.startIndex <= start && child.endIndex >= end ? child : undefined;
}

/** A child of `node` met before that spans [start, end) as `descendantForIndex` descends (at most a few are met). */
function metSpanning(index: Index, node: Node, start: number, end: number): Node | undefined {
  const met = index.met.get(node.id);
  if (!met) return undefined;
  for (const child of met) if (child.startIndex <= start && spans(child, start, end)) return child;
  return undefined;
}

function spans(node: Node, start: number, end: number): boolean {
  const nodeEnd = node.endIndex;
  return node.startIndex <= start && nodeEnd >= end && nodeEnd > start;
}

/**
 * Whether a lookup going down through `node` should read its children whole: the second time through a node with
 * many children (`childWithDescendant` scans them in wasm every time; once read, a binary search finds the child).
 */
function wide(index: Index, node: Node): boolean {
  const count = index.passed.get(node.id);
  if (count === undefined) {
    index.passed.set(node.id, 0);
    return false;
  }
  if (count === 0) {
    const children = node.childCount;
    index.passed.set(node.id, children);
    return children > 8;
  }
  return count > 8;
}

/**
 * The smallest node spanning [start, end) (UTF-16 offsets), as `tree.rootNode.descendantForIndex(start, end)`
 * finds it. Starts from the deepest node of the previous lookup's path that still spans the target, so a sweep
 * through the file in order costs about what it moves; records the path's parents on the way down.
 */
export function nodeAt(tree: Tree, start: number, end = start): Node {
  const index = indexOf(tree);
  const { path } = index;
  let lo = 0;
  let hi = path.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans(path[mid], start, end)) lo = mid;
    else hi = mid - 1;
  }
  path.length = lo + 1;
  let target: Node | null = null;
  for (let n = path[lo]; ; ) {
    let child: Node | null | undefined;
    if (index.children.has(n.id)) {
      // Children already read: a binary search, no call into wasm.
      child = childSpanning(n, start, end);
    } else if ((child = metSpanning(index, n, start, end))) {
      // A child an earlier lookup or read went through spans the target too.
    } else {
      // One descent in wasm finds the target; the path to it is then read a level at a time. A node passed through
      // a second time has its children read whole, so a wide one (a list of thousands) is not scanned per lookup.
      target ??= n.descendantForIndex(start, end);
      if (!target || target.id === n.id) return n;
      if (wide(index, n)) child = childSpanning(n, start, end);
      else {
        child = n.childWithDescendant(target);
        if (child) child = adopt(index, n, child.id === target.id ? target : child);
      }
    }
    if (!child) return n;
    path.push(child);
    n = child;
  }
}

/** `node.parent`, without a walk down from the root. */
export function parentOf(node: Node): Node | null {
  const index = indexOf(node.tree);
  let parent = index.parents.get(node.id);
  if (parent !== undefined) return parent;
  // Finding the node records the parents along its path. An empty node (a MISSING token) has no range to find.
  if (node.startIndex < node.endIndex) {
    nodeAt(node.tree, node.startIndex, node.endIndex);
    parent = index.parents.get(node.id);
    if (parent !== undefined) return parent;
  }
  parent = node.parent && canonical(index, node.parent);
  index.parents.set(node.id, parent);
  return parent;
}

/** The next named sibling of `node` that is not a comment. */
export function nextNamedSiblingOf(node: Node): Node | undefined {
  const parent = parentOf(node);
  if (!parent) return undefined;
  const siblings = childrenOf(parent);
  for (let i = positionIn(siblings, node) + 1; i > 0 && i < siblings.length; i++) {
    if (siblings[i].isNamed && siblings[i].type !== 'comment') return siblings[i];
  }
  return undefined;
}

function memoOf<T>(node: Node, key: object): Map<number, T> {
  const index = indexOf(node.tree);
  let memo = index.facts.get(key) as Map<number, T> | undefined;
  if (!memo) index.facts.set(key, (memo = new Map()));
  return memo;
}

/** What a fact of one node comes to: decided where it stands, or the same as the fact of an ancestor. */
export type Inherited<T> = { value: T } | { from: Node };

/**
 * A fact each node either decides from where it sits or takes from an ancestor (its scope, its statement),
 * computed once per node and tree: `step(node, parent)` says which. Iterative, so any depth is fine.
 */
export function inherited<T>(key: object, node: Node, step: (node: Node, parent: Node | null) => Inherited<T>): T {
  const memo = memoOf<T>(node, key);
  const chain: Node[] = [];
  let value: T;
  for (let n = node; ; ) {
    if (memo.has(n.id)) {
      value = memo.get(n.id)!;
      break;
    }
    chain.push(n);
    const decided = step(n, parentOf(n));
    if ('value' in decided) {
      value = decided.value;
      break;
    }
    n = decided.from;
  }
  for (const n of chain) memo.set(n.id, value);
  return value;
}

/**
 * A fact computed down the tree: `base(node)` where it starts (a statement, the root), else
 * `combine(node, parent, fact of parent)`. Once per node and tree; iterative, so any depth is fine.
 */
export function folded<T>(key: object, node: Node, base: (node: Node, parent: Node | null) => T | undefined, combine: (node: Node, parent: Node, above: T) => T): T {
  const memo = memoOf<T>(node, key);
  const chain: { node: Node; parent: Node }[] = [];
  let value: T;
  for (let n = node; ; ) {
    if (memo.has(n.id)) {
      value = memo.get(n.id)!;
      break;
    }
    const parent = parentOf(n);
    const start = base(n, parent);
    if (start !== undefined || !parent) {
      value = start as T;
      memo.set(n.id, value);
      break;
    }
    chain.push({ node: n, parent });
    n = parent;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    value = combine(chain[i].node, chain[i].parent, value);
    memo.set(chain[i].node.id, value);
  }
  return value;
}

/** A value computed once per node and tree (a function's own text search, a call's arguments). */
export function memoised<T>(key: object, node: Node, compute: (node: Node) => T): T {
  const memo = memoOf<T>(node, key);
  if (memo.has(node.id)) return memo.get(node.id)!;
  const value = compute(node);
  memo.set(node.id, value);
  return value;
}

/** A value computed once per tree (a word index, the file's insertion point for imports). */
export function perTree<T>(key: object, tree: Tree, compute: () => T): T {
  return memoised(key, tree.rootNode, compute);
}

const REMEMBERING = Symbol('memlint remembers node reads');

/**
 * web-tree-sitter asks the wasm side for a node's type, end and fields on every read (marshalling the node each
 * time), and the rules read them in nearly every check: from here on a node object keeps what it has read, as
 * web-tree-sitter already does for `children` and `namedChildren`, the children it hands out are the node objects
 * kept for their ids, and each is known to have this node as its parent. Like those cached children, a node
 * object from before a `Tree.edit` is not to be used after it (`Node.edit`, which moves one node object, forgets
 * what it kept).
 */
export function rememberNodeReads(): void {
  const proto = Node.prototype as unknown as Record<PropertyKey, unknown>;
  if (proto[REMEMBERING]) return;
  proto[REMEMBERING] = true;
  const slots: symbol[] = [];
  const getter = (key: string) => Object.getOwnPropertyDescriptor(Node.prototype, key)?.get;
  const define = (key: string, get: (this: Node & Record<symbol, unknown>) => unknown) => Object.defineProperty(proto, key, { configurable: true, get });
  const kept = (parent: Node, child: Node | null) => (child ? adopt(indexOf(parent.tree), canonical(indexOf(parent.tree), parent), child) : child);
  for (const key of ['typeId', 'type', 'isNamed', 'endIndex', 'childCount']) {
    const read = getter(key);
    if (!read) continue;
    const slot = Symbol(key);
    slots.push(slot);
    define(key, function () {
      return (this[slot] ??= read.call(this));
    });
  }
  for (const key of ['children', 'namedChildren']) {
    const read = getter(key);
    if (!read) continue;
    const slot = Symbol(key);
    slots.push(slot);
    define(key, function () {
      const children = read.call(this) as Node[];
      if (!this[slot]) {
        this[slot] = true;
        for (let i = 0; i < children.length; i++) children[i] = kept(this, children[i])!;
      }
      return children;
    });
  }
  for (const key of ['firstChild', 'lastChild', 'firstNamedChild', 'lastNamedChild']) {
    const read = getter(key);
    if (read) define(key, function () {
      return kept(this, read.call(this) as Node | null);
    });
  }
  for (const key of ['child', 'namedChild'] as const) {
    const read = Node.prototype[key];
    proto[key] = function (this: Node, i: number) {
      return kept(this, read.call(this, i));
    };
  }
  const fields = Symbol('fields');
  slots.push(fields);
  const childForFieldName = Node.prototype.childForFieldName;
  proto.childForFieldName = function (this: Node & Record<symbol, Map<string, Node | null>>, name: string) {
    const known = (this[fields] ??= new Map());
    let child = known.get(name);
    if (child === undefined) known.set(name, (child = kept(this, childForFieldName.call(this, name))));
    return child;
  };
  const edit = Node.prototype.edit;
  proto.edit = function (this: Node & Record<symbol, unknown>, change: Edit) {
    for (const slot of slots) delete this[slot];
    return edit.call(this, change);
  };
}
