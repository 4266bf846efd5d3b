// `{ ...acc, k: v }` as assignments `acc.k = v`, and whether that is the same for every key value.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { exprText, unwrap } from '../shared/nodes';
import { isReference } from '../shared/scope';
import { walk, type Node } from '../shared/visitor';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PROTO = '__proto__';

/** A string that starts with `prefix` can never be "__proto__". */
function excludesProto(prefix: string | null | undefined): boolean {
  return !!prefix && !PROTO.startsWith(prefix);
}

/**
 * Whether a computed key can never be "__proto__" at run time. `acc[k] = v` with k = "__proto__" sets
 * the prototype, where `{ [k]: v }` adds an own property: keys from data (user input, JSON) can be it.
 * Known not to be: numbers, the callback's index, strings that start with something else.
 */
function neverProto(key: Node, indexParam: string | undefined): boolean {
  const k = unwrap(key);
  switch (k.type) {
    case 'Literal':
      return k.value !== PROTO;
    case 'TemplateLiteral':
      return k.expressions.length === 0 ? k.quasis[0].value.cooked !== PROTO : excludesProto(k.quasis[0].value.cooked);
    case 'Identifier':
      return k.name === indexParam;
    case 'UnaryExpression':
      return k.operator === '+' || k.operator === '-' || k.operator === 'typeof';
    case 'BinaryExpression': {
      if (k.operator !== '+') return false;
      let left: Node = k;
      while (left.type === 'BinaryExpression' && left.operator === '+') left = unwrap(left.left);
      return (left.type === 'Literal' && typeof left.value === 'string' && excludesProto(left.value)) ||
        (left.type === 'TemplateLiteral' && excludesProto(left.quasis[0].value.cooked));
    }
    default:
      return false;
  }
}

function mentions(node: Node, name: string): boolean {
  let found = false;
  walk(node, {
    enter(n) {
      if (found) return false;
      if (n.type === 'Identifier' && n.name === name && isReference(n, n.parent)) found = true;
    },
  });
  return found;
}

export interface Assignments {
  /** `acc.a = 1, acc[k] = v` */
  text: string;
  /** Identical to defining the properties on a copy, for every value of the keys. */
  safe: boolean;
}

/**
 * Plain properties as assignments to `acc`. Undefined for a getter, setter, method or a literal
 * `__proto__:` key (those mean something else in a literal). Unsafe when a computed key might be
 * "__proto__", or when several properties read `acc` (the first assignment changes what the next reads).
 */
export function objectAssignments(text: string, props: readonly TSESTree.Property[], acc: string, indexParam: string | undefined): Assignments | undefined {
  let safe = true;
  const parts: string[] = [];
  for (const p of props) {
    if (p.type !== 'Property' || p.kind !== 'init' || p.method) return undefined;
    let target: string;
    if (p.computed) {
      target = `${acc}[${text.slice(p.key.range[0], p.key.range[1])}]`;
      if (!neverProto(p.key, indexParam)) safe = false;
    } else if (p.key.type === 'Identifier') {
      if (p.key.name === PROTO) return undefined;
      target = `${acc}.${p.key.name}`;
    } else if (p.key.type === 'Literal') {
      if (p.key.value === PROTO) return undefined;
      target = typeof p.key.value === 'string' && IDENTIFIER.test(p.key.value) ? `${acc}.${p.key.value}` : `${acc}[${p.key.raw}]`;
    } else return undefined;
    parts.push(`${target} = ${exprText(text, p.value)}`);
  }
  if (props.length > 1 && props.some((p) => mentions(p, acc))) safe = false;
  return { text: parts.join(', '), safe };
}
