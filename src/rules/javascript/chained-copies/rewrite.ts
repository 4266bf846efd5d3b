// Source rewriting for chained-copies: a callback's body applied to another name, and a chain of
// filter/map steps as the statements of one pass.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { exprText, isFunction, unwrap } from '../shared/nodes';
import { isReference } from '../shared/scope';
import { walk, type Node } from '../shared/visitor';
import { bodyExpression, usesThisOrArguments } from './facts';

const WORD = /[A-Za-z_$][\w$]*/g;

/** Every identifier-like word in a piece of source (a superset of the names it uses: strings and comments count too). */
export function wordsOf(source: string): Set<string> {
  return new Set(source.match(WORD) ?? []);
}

/** Node types that need no parentheses as an operand of `!`, `&&`, a call argument or a member access. */
function isPrimary(node: Node): boolean {
  return ['Identifier', 'Literal', 'MemberExpression', 'CallExpression', 'TemplateLiteral', 'ThisExpression', 'ArrayExpression', 'ChainExpression'].includes(node.type);
}

/** An expression as the test of `c ? a : b` or an operand of `&&`: parentheses only for the lowest precedences. */
export function asOperand(text: string, node: Node): string {
  const t = unwrap(node).type;
  const low = t === 'ConditionalExpression' || t === 'SequenceExpression' || t === 'AssignmentExpression' || t === 'ArrowFunctionExpression' || t === 'YieldExpression' || t === 'LogicalExpression';
  return low || node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' ? `(${text})` : text;
}

export function parenthesized(text: string, node: Node): string {
  return isPrimary(unwrap(node)) && node.type !== 'TSAsExpression' && node.type !== 'TSSatisfiesExpression' ? text : `(${text})`;
}

function declaresIn(id: TSESTree.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  switch (p.type) {
    case 'VariableDeclarator':
      return p.id === id;
    case 'ArrayPattern':
    case 'RestElement':
      return true;
    case 'AssignmentPattern':
      return p.left === id;
    case 'Property':
      return p.parent?.type === 'ObjectPattern' && p.value === id;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return p.params.includes(id) || (p as TSESTree.FunctionDeclaration).id === id;
    case 'ClassDeclaration':
    case 'ClassExpression':
      return p.id === id;
    case 'CatchClause':
      return p.param === id;
    default:
      return false;
  }
}

/**
 * The source of `node` with every reference to the variable `from` replaced by `to` (a name or a
 * parenthesized expression). Undefined when that could change meaning: `from` is redeclared inside
 * (a nested scope would need real scope analysis), or the name `to` is already used there.
 */
export function renamed(text: string, node: Node, from: string, to: string): string | undefined {
  // Names in `to` must still mean the same inside: none may be a reference there, except `from`, which is replaced.
  const toWords = wordsOf(to);
  toWords.delete(from);
  const edits: { start: number; end: number; text: string }[] = [];
  let ok = true;
  walk(node, {
    enter(n) {
      if (!ok) return false;
      if (n.type === 'JSXIdentifier' && (n.name === from || toWords.has(n.name))) ok = false;
      if (n.type !== 'Identifier') return;
      if (toWords.has(n.name) && isReference(n, n.parent)) ok = false;
      if (n.name !== from) return;
      if (declaresIn(n)) ok = false;
      else if (n.parent?.type === 'Property' && n.parent.shorthand) {
        if (n.parent.value === n) edits.push({ start: n.parent.range[0], end: n.parent.range[1], text: `${from}: ${to}` });
      } else if (isReference(n, n.parent)) edits.push({ start: n.range[0], end: n.range[1], text: to });
    },
  });
  if (!ok) return undefined;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = node.range[0];
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += text.slice(at, node.range[1]);
  return node.type === 'SequenceExpression' ? `(${out})` : out;
}

/** How often a callback's parameter is used in its body (references outside nested functions; -1 if inside one). */
export function usesOf(body: Node, name: string): number {
  let count = 0;
  walk(body, {
    enter(n, ancestors) {
      if (n.type === 'Identifier' && n.name === name && isReference(n, n.parent)) {
        count = ancestors.some((a) => isFunction(a)) || count === -1 ? -1 : count + 1;
      }
    },
  });
  return count;
}

/** A callback the one-pass rewrite can inline: an identifier, or a function of at most one plain parameter computing one expression. */
export interface Inlinable {
  /** Parameter name; undefined for a reference (`Boolean`) or a function without parameters. */
  param?: string;
  /** The computed expression; undefined for a reference. */
  body?: Node;
  /** The reference's source (`Boolean`, `isValid`). */
  reference?: string;
}

export function inlinable(callback: Node | undefined): Inlinable | undefined {
  if (!callback) return undefined;
  const cb = unwrap(callback);
  if (cb.type === 'Identifier') return { reference: cb.name };
  if (!isFunction(cb) || cb.async || cb.generator || cb.params.length > 1) return undefined;
  if (cb.type === 'FunctionExpression' && usesThisOrArguments(cb)) return undefined;
  const body = bodyExpression(cb);
  if (!body) return undefined;
  const param = cb.params[0];
  if (param && param.type !== 'Identifier') return undefined;
  return { param: param?.name, body };
}

/** `callback(value)` as source: the body with its parameter replaced, or `fn(value)`. `value` is a name or a parenthesized expression. */
export function applied(text: string, step: Inlinable, value: string): string | undefined {
  if (step.reference) return `${step.reference}(${value})`;
  const body = step.body!;
  if (!step.param || step.param === value) return exprText(text, body);
  return renamed(text, body, step.param, value);
}

/** The first candidate not in `taken`, else the first with a number after it. */
export function freshName(taken: ReadonlySet<string>, candidates: readonly string[]): string {
  for (const c of candidates) if (!taken.has(c)) return c;
  for (let i = 2; ; i++) if (!taken.has(`${candidates[0]}${i}`)) return `${candidates[0]}${i}`;
}
