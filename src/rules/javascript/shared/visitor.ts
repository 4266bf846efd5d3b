// One walk over an ESTree / TSESTree AST: typescript-estree's (memlint's own parse) or ESLint's (espree,
// @typescript-eslint/parser). Children come from @typescript-eslint/visitor-keys in source order, so the `parent`
// pointers ESLint sets are never followed; node types the table does not know are walked by their own keys.
// Iterative, so deeply nested code cannot overflow the stack.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;

export interface Visitor {
  /**
   * Called before a node's children. `ancestors` runs from the walk's root to the node's parent; the array is
   * reused as the walk goes on, so copy it (`ancestors.slice()`) to keep it. Return `false` to skip the node's
   * children (its `leave` is then not called either).
   */
  enter?(node: Node, ancestors: readonly Node[]): boolean | void;
  /** Called after a node's children, with the same ancestors. */
  leave?(node: Node, ancestors: readonly Node[]): void;
}

const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);
const fallbackKeys = new Map<string, readonly string[]>();

/** The keys of `node` that hold child nodes, in source order. */
export function childKeys(node: Node): readonly string[] {
  const known = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type];
  if (known) return known;
  let keys = fallbackKeys.get(node.type);
  if (!keys) {
    keys = Object.keys(node).filter((k) => !SKIPPED_KEYS.has(k) && k !== 'type');
    fallbackKeys.set(node.type, keys);
  }
  return keys;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** The direct children of `node`, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeys(node)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Visit `root` and every node below it, depth first, in source order. */
export function walk(root: Node, visitor: Visitor): void {
  const { enter, leave } = visitor;
  const path: Node[] = [];
  const nodes: Node[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    while (path.length > depth) {
      const done = path.pop()!;
      leave?.(done, path);
    }
    if (enter && enter(node, path) === false) continue;
    path.push(node);
    const record = node as unknown as Record<string, unknown>;
    const keys = childKeys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          if (isNode(value[i])) {
            nodes.push(value[i]);
            depths.push(depth + 1);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  while (path.length > 0) {
    const done = path.pop()!;
    leave?.(done, path);
  }
}
