// What counts as a copy of the accumulator, whether it grows it, and fresh literals.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isIdentifier, isStaticCall, unwrap } from '../shared/nodes';
import type { Node } from '../shared/walk';

export type Copy =
  /** `[...acc, x]`; `first`: the spread comes first (only then does `push` keep the order). */
  | { kind: 'array'; node: TSESTree.ArrayExpression; first: boolean }
  /** `{ ...acc, [k]: v }` */
  | { kind: 'object'; node: TSESTree.ObjectExpression; first: boolean }
  /** `Object.assign({}, acc, ...)` */
  | { kind: 'assign'; node: TSESTree.CallExpression };

function spreadsName(node: Node | null, name: string): boolean {
  return node?.type === 'SpreadElement' && isIdentifier(unwrap(node.argument), name);
}

/** The copy of the variable `name` that `node` builds, if it is one. */
export function copyOf(node: Node, name: string): Copy | undefined {
  if (node.type === 'ArrayExpression') {
    const at = node.elements.findIndex((e) => spreadsName(e, name));
    return at === -1 ? undefined : { kind: 'array', node, first: at === 0 };
  }
  if (node.type === 'ObjectExpression') {
    const at = node.properties.findIndex((p) => spreadsName(p, name));
    return at === -1 ? undefined : { kind: 'object', node, first: at === 0 };
  }
  if (node.type === 'CallExpression' && isStaticCall(node, 'Object', ['assign']) && node.arguments.length >= 2) {
    const [target, source] = node.arguments;
    if (target.type === 'ObjectExpression' && target.properties.length === 0 && isIdentifier(unwrap(source), name)) {
      return { kind: 'assign', node };
    }
  }
  return undefined;
}

/** A key known before running: `a`, `'a'`, `[1]`, `` [`a`] ``. */
export function isStaticKey(property: TSESTree.Property): boolean {
  if (!property.computed) return true;
  const key = unwrap(property.key);
  return key.type === 'Literal' || (key.type === 'TemplateLiteral' && key.expressions.length === 0);
}

function addsKeys(properties: readonly (TSESTree.Property | TSESTree.SpreadElement)[]): boolean {
  return properties.some((p) => p.type === 'SpreadElement' || !isStaticKey(p));
}

/**
 * Whether the copy can be larger than the last one. An array copy adds its other elements (`[...acc]`
 * alone adds nothing: a copy-on-write); an object copy whose other keys are all fixed
 * (`{ ...acc, count: acc.count + 1 }`) stays the same size, so n steps cost n small objects, not O(n²).
 */
export function grows(copy: Copy): boolean {
  if (copy.kind === 'array') return copy.node.elements.length > 1;
  if (copy.kind === 'object') {
    return addsKeys(copy.node.properties.filter((p) => !(p.type === 'SpreadElement' && p === copy.node.properties.find((q) => q.type === 'SpreadElement'))));
  }
  return copy.node.arguments.slice(2).some((a) => a.type !== 'ObjectExpression' || addsKeys(a.properties as (TSESTree.Property | TSESTree.SpreadElement)[]));
}

function isProtoKey(property: TSESTree.Property): boolean {
  if (property.computed) return false;
  const key = property.key;
  return (key.type === 'Identifier' && key.name === '__proto__') || (key.type === 'Literal' && key.value === '__proto__');
}

/**
 * A new array or plain object written right here, that nothing else can hold: `[]`, `[a, b]`, `{}`,
 * `{ ...defaults }`. Not an array with holes (a spread fills them, push keeps them), nor an object
 * with a getter, a method or a `__proto__:` key (a spread copies values onto a plain object).
 */
/** What the copy adds besides the accumulator: the collections it spreads into it (`...items`, `Object.assign`'s sources). */
export function addedCollections(copy: Copy, acc: string): Node[] {
  const parts: readonly (Node | null)[] = copy.kind === 'array' ? copy.node.elements : copy.kind === 'object' ? copy.node.properties : copy.node.arguments.slice(2);
  const out: Node[] = [];
  for (const p of parts) {
    if (!p || spreadsName(p, acc)) continue;
    if (p.type === 'SpreadElement') out.push(p.argument);
    else if (copy.kind === 'assign') out.push(p);
  }
  return out;
}

export function isFreshLiteral(node: Node, kind?: 'array' | 'object'): boolean {
  if (node.type === 'ArrayExpression') return kind !== 'object' && node.elements.every((e) => e !== null);
  if (node.type === 'ObjectExpression') {
    return (
      kind !== 'array' &&
      node.properties.every((p) => p.type === 'SpreadElement' || (p.kind === 'init' && !p.method && !isProtoKey(p)))
    );
  }
  return false;
}

/** Skip whitespace and comments from `at`. */
function skipTrivia(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else return i;
  }
}

/**
 * The source after the first element of an array or object literal, up to its closing bracket,
 * comments included: `x, y` of `[...acc, x, y]`. Undefined when there is nothing after it, or a hole.
 */
export function restText(text: string, literal: Node, elements: readonly (Node | null)[]): string | undefined {
  if (elements.length < 2 || elements.some((e) => e === null)) return undefined;
  const comma = skipTrivia(text, elements[0]!.range[1]);
  if (text[comma] !== ',') return undefined;
  const rest = text.slice(comma + 1, literal.range[1] - 1).trimStart();
  // A trailing line comment needs its line break, or it would swallow what the fix puts after it.
  return rest.includes('//') ? rest.replace(/[ \t]+$/, '') : rest.trimEnd();
}
