// What the rule can know without types: which expressions are certainly dense arrays (and of what),
// and which callbacks can neither have side effects nor throw. A fix is safe only on these facts.
//
// Assumed throughout (ordinary JavaScript): built-ins (Array, Object, Set, Map, String, Math) are not
// shadowed or patched; a `.split('literal')` call is String#split; getters, valueOf and toString have
// no side effects and do not throw; arithmetic does not mix BigInt and Number.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, isIdentifier, isStaticCall, methodOf, unwrap, type FunctionNode } from '../shared/nodes';
import { walk } from '../shared/visitor';
import type { Node } from '../shared/walk';

/** What an array's elements (or a callback parameter) are known to be. */
export type Kind =
  | 'string'
  | 'number'
  /** [string, unknown] from Object.entries */
  | 'entry'
  /** [unknown, unknown] from a Map */
  | 'pair'
  | 'unknown';

export interface ArrayFacts {
  /** No holes: every index below length holds an element (filter/map skip holes; for...of and find do not). */
  dense: boolean;
  kind: Kind;
}

const MAX_DEPTH = 60;

/** Methods that return a string when called on a string. */
const STRING_TO_STRING = ['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'slice', 'substring', 'padStart', 'padEnd', 'charAt', 'repeat', 'concat', 'normalize'];
/** String methods that neither throw nor have effects given string or number arguments. */
const STRING_PURE = [...STRING_TO_STRING, 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'charCodeAt', 'codePointAt', 'at', 'localeCompare'];
/** Globals whose call with ordinary values neither throws nor has effects. */
const PURE_GLOBALS = ['Number', 'String', 'Boolean', 'isNaN', 'isFinite', 'parseFloat'];
const MATH_PURE = ['abs', 'ceil', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'min', 'max', 'pow', 'log', 'exp'];

export type Env = ReadonlyMap<string, Kind>;

/** What an expression's value is known to be. */
export function kindOf(node: Node, env: Env, depth = 0): Kind {
  if (depth > MAX_DEPTH) return 'unknown';
  const n = unwrap(node);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'string' ? 'string' : typeof n.value === 'number' ? 'number' : 'unknown';
    case 'TemplateLiteral':
      return 'string';
    case 'Identifier':
      return env.get(n.name) ?? 'unknown';
    case 'MemberExpression':
      if (!n.computed && isIdentifier(n.property, 'length') && kindOf(n.object, env, depth + 1) === 'string') return 'number';
      return 'unknown';
    case 'BinaryExpression':
      if (n.operator === '+') {
        const l = kindOf(n.left, env, depth + 1);
        const r = kindOf(n.right, env, depth + 1);
        if (l === 'string' || r === 'string') return 'string';
        return l === 'number' && r === 'number' ? 'number' : 'unknown';
      }
      return ['-', '*', '/', '%', '**'].includes(n.operator) ? 'number' : 'unknown';
    case 'CallExpression': {
      if (isIdentifier(n.callee, 'String')) return 'string';
      if (isIdentifier(n.callee, 'Number')) return 'number';
      const m = methodOf(n);
      if (m && STRING_TO_STRING.includes(m.name) && kindOf(m.member.object, env, depth + 1) === 'string') return 'string';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/**
 * Facts about an expression that is certainly an array, or undefined when it might be anything
 * (a user class, jQuery and Immutable.js all have `.filter` and `.map`).
 */
export function arrayFacts(node: Node, env: Env = new Map(), depth = 0): ArrayFacts | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  if (n.type === 'ArrayExpression') {
    if (n.elements.some((e) => e === null)) return { dense: false, kind: 'unknown' };
    const kinds = n.elements.map((e) => (e!.type === 'SpreadElement' ? iterableKind(e!.argument, env, depth + 1) : kindOf(e!, env, depth + 1)));
    const kind = kinds.length > 0 && kinds.every((k) => k === kinds[0]) ? (kinds[0] ?? 'unknown') : 'unknown';
    return { dense: true, kind };
  }
  if (n.type !== 'CallExpression') return undefined;
  if (isStaticCall(n, 'Array', ['from'])) {
    const source = n.arguments[0];
    if (!source || source.type === 'SpreadElement') return undefined;
    return { dense: true, kind: n.arguments.length === 1 ? (iterableKind(source, env, depth + 1) ?? 'unknown') : 'unknown' };
  }
  if (isStaticCall(n, 'Array', ['of'])) return { dense: true, kind: 'unknown' };
  if (isStaticCall(n, 'Object', ['keys', 'getOwnPropertyNames'])) return { dense: true, kind: 'string' };
  if (isStaticCall(n, 'Object', ['entries'])) return { dense: true, kind: 'entry' };
  if (isStaticCall(n, 'Object', ['values'])) return { dense: true, kind: 'unknown' };
  const m = methodOf(n);
  if (!m || m.member.optional) return undefined;
  if (m.name === 'split') {
    const sep = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
    const literal = sep && (sep.type === 'Literal' || (sep.type === 'TemplateLiteral' && sep.expressions.length === 0));
    return literal ? { dense: true, kind: 'string' } : undefined;
  }
  const inner = ['filter', 'map', 'slice', 'sort', 'reverse', 'toSorted', 'toReversed'].includes(m.name) ? arrayFacts(m.member.object, env, depth + 1) : undefined;
  if (!inner) return undefined;
  if (m.name === 'filter') return { dense: true, kind: inner.kind };
  if (m.name === 'map') return { dense: inner.dense, kind: 'unknown' };
  return inner;
}

/** The kind of what iterating `node` yields, when iterating it is known to have no side effects. */
export function iterableKind(node: Node, env: Env, depth = 0): Kind | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  if (kindOf(n, env, depth + 1) === 'string') return 'string';
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && (n.callee.name === 'Set' || n.callee.name === 'Map')) {
    if (n.callee.name === 'Map') return 'pair';
    const source = n.arguments[0];
    if (!source) return 'unknown';
    if (source.type === 'SpreadElement') return undefined;
    return iterableKind(source, env, depth + 1) ?? 'unknown';
  }
  const array = arrayFacts(n, env, depth + 1);
  if (array) return array.dense ? array.kind : 'unknown';
  return undefined;
}

/** `total`: no side effects and never throws. `partial`: no side effects, may throw. `impure`: anything else. */
export type Purity = 'total' | 'partial' | 'impure';

function worst(a: Purity, b: Purity): Purity {
  return a === 'impure' || b === 'impure' ? 'impure' : a === 'partial' || b === 'partial' ? 'partial' : 'total';
}

/** Whether reading a property of this value cannot throw (it is not null or undefined). */
function hasProperties(node: Node, env: Env): boolean {
  const n = unwrap(node);
  const kind = kindOf(n, env);
  return kind !== 'unknown' || n.type === 'ThisExpression' || n.type === 'ArrayExpression' || n.type === 'ObjectExpression';
}

export function purity(node: Node, env: Env, depth = 0): Purity {
  if (depth > MAX_DEPTH) return 'impure';
  const n = unwrap(node);
  const of = (child: Node | null | undefined): Purity => (child ? purity(child, env, depth + 1) : 'total');
  const all = (children: readonly (Node | null)[]): Purity => children.reduce<Purity>((p, c) => worst(p, of(c)), 'total');
  switch (n.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      return 'total';
    case 'TemplateLiteral':
      return all(n.expressions);
    case 'UnaryExpression':
      return n.operator === 'delete' ? 'impure' : of(n.argument);
    case 'BinaryExpression': {
      const parts = worst(of(n.left), of(n.right));
      // `k in x` and `x instanceof C` throw when x is not an object.
      return n.operator === 'in' || n.operator === 'instanceof' ? worst(parts, 'partial') : parts;
    }
    case 'LogicalExpression':
      return worst(of(n.left), of(n.right));
    case 'ConditionalExpression':
      return all([n.test, n.consequent, n.alternate]);
    case 'SequenceExpression':
      return all(n.expressions);
    case 'ChainExpression':
      return of(n.expression);
    case 'MemberExpression': {
      const parts = worst(of(n.object), n.computed ? of(n.property) : 'total');
      return n.optional || hasProperties(n.object, env) ? parts : worst(parts, 'partial');
    }
    case 'ArrayExpression':
      return n.elements.some((e) => e?.type === 'SpreadElement') ? 'impure' : all(n.elements);
    case 'ObjectExpression':
      return n.properties.every((p) => p.type === 'Property' && p.kind === 'init' && !p.method)
        ? all(n.properties.flatMap((p) => (p.type === 'Property' ? [p.computed ? p.key : null, p.value] : [])))
        : 'impure';
    case 'CallExpression': {
      if (n.optional || n.arguments.some((a) => a.type === 'SpreadElement')) return 'impure';
      const args = all(n.arguments);
      if (n.callee.type === 'Identifier' && PURE_GLOBALS.includes(n.callee.name)) return args;
      if (isStaticCall(n, 'Math', MATH_PURE) || isStaticCall(n, 'Array', ['isArray'])) return args;
      const m = methodOf(n);
      if (m && STRING_PURE.includes(m.name) && kindOf(m.member.object, env) === 'string') {
        // A RegExp argument makes startsWith/includes throw: only string and number arguments count.
        const plain = n.arguments.every((a) => ['string', 'number'].includes(kindOf(a, env)));
        return plain ? worst(args, of(m.member.object)) : 'impure';
      }
      return 'impure';
    }
    default:
      return 'impure';
  }
}

/** The kinds a callback's parameters get when it is called with (element, index, array). */
export function paramEnv(fn: FunctionNode, element: Kind): Env | undefined {
  const env = new Map<string, Kind>();
  const [first, index] = fn.params;
  if (first) {
    if (first.type === 'Identifier') env.set(first.name, element);
    else if (first.type === 'ArrayPattern' && (element === 'entry' || element === 'pair') && first.elements.every((e) => !e || e.type === 'Identifier')) {
      // Destructuring an entry cannot throw; its key is a string for Object.entries.
      first.elements.forEach((e, i) => e && env.set((e as TSESTree.Identifier).name, i === 0 && element === 'entry' ? 'string' : 'unknown'));
    } else return undefined;
  }
  if (index) {
    if (index.type !== 'Identifier') return undefined;
    env.set(index.name, 'number');
  }
  for (const p of fn.params.slice(2)) {
    if (p.type !== 'Identifier') return undefined;
    env.set(p.name, 'unknown');
  }
  return env;
}

/** The single expression a callback computes: an arrow's expression body, or `{ return e; }`. */
export function bodyExpression(fn: FunctionNode): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const only = fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  return only?.type === 'ReturnStatement' && only.argument ? only.argument : undefined;
}

/** How pure calling `callback(element, ...)` is, for elements of `element` kind. */
export function callbackPurity(callback: Node, element: Kind): Purity {
  const cb = unwrap(callback);
  if (cb.type === 'Identifier') return PURE_GLOBALS.includes(cb.name) ? 'total' : 'impure';
  if (!isFunction(cb) || cb.async || cb.generator) return 'impure';
  if (cb.type === 'FunctionExpression' && usesThisOrArguments(cb)) return 'impure';
  const env = paramEnv(cb, element);
  const body = bodyExpression(cb);
  if (!env || !body) return 'impure';
  return purity(body, env);
}

export function usesThisOrArguments(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, {
    enter(n) {
      if (found || (n !== fn.body && (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration'))) return false;
      if (n.type === 'ThisExpression' || isIdentifier(n, 'arguments')) found = true;
    },
  });
  return found;
}
