// One walk per AST, shared by every JS rule: nodes bucketed by type, and each node's `parent` set.
// Iterative (an explicit stack), so 20,000-deep nesting from espree or a long call chain cannot
// overflow the call stack. Works on typescript-estree's Program and on ESLint's (espree or
// @typescript-eslint/parser): children come from the visitor keys, or from the node's own keys for
// a type the keys do not know.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;
/** A node type by name: 'CallExpression' (the string, not typescript-estree's enum member). */
export type NodeType = `${Node['type']}`;
export type NodeOfType<T extends NodeType> = Node extends infer N ? (N extends { type: infer K } ? (`${K & string}` extends T ? N : never) : never) : never;

export interface AstIndex {
  /** Every node of `type`, parents before children (source order for siblings). */
  ofType<T extends NodeType>(type: T): readonly NodeOfType<T>[];
}

const KEYS = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;
const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'type', 'comments', 'tokens']);
const EMPTY: readonly never[] = [];
const cache = new WeakMap<object, AstIndex>();

function build(ast: TSESTree.Program): AstIndex {
  const buckets: Record<string, Node[] | undefined> = Object.create(null);
  const stack: Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    (buckets[node.type] ??= []).push(node);
    const keys = KEYS[node.type] ?? Object.keys(node).filter((k) => !NOT_CHILDREN.has(k));
    // Push children last-first so they pop in source order. Setting `parent` as ESLint does is
    // several times cheaper than a Map, and leaves ESLint's own (identical) parents unchanged.
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as Node | null;
          if (child !== null && typeof child === 'object' && typeof child.type === 'string') {
            (child as { parent?: Node }).parent = node;
            stack.push(child);
          }
        }
      } else if (typeof (value as Node).type === 'string') {
        (value as { parent?: Node }).parent = node;
        stack.push(value as Node);
      }
    }
  }
  return { ofType: <T extends NodeType>(type: T) => (buckets[type] ?? EMPTY) as readonly NodeOfType<T>[] };
}

/**
 * The index of `ast`, built on first use and shared by every rule that lints the same tree. After
 * it, every node's `parent` is set (typescript-estree leaves it unset; ESLint sets the same one).
 */
export function indexAst(ast: TSESTree.Program): AstIndex {
  let index = cache.get(ast);
  if (!index) cache.set(ast, (index = build(ast)));
  return index;
}
