// Reading a method chain: its filter/map steps, what it is called on, and what consumes its result.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isIdentifier, isStaticCall, methodOf, outerParent, propertyName, returnedValues, isFunction, unwrap } from '../shared/nodes';
import type { Node } from '../shared/walk';

export type StepName = 'filter' | 'map';
export const STEPS: readonly string[] = ['filter', 'map'];

export interface Step {
  call: TSESTree.CallExpression;
  member: TSESTree.MemberExpression;
  name: StepName;
  /** The callback, when it is a plain argument. */
  callback: Node | undefined;
  /** A second argument (`thisArg`) or a spread: the rewrites do not handle them. */
  extraArgs: boolean;
}

export interface Chain {
  /** What the first step is called on, as written. */
  receiver: Node;
  /** Innermost (first applied) step first. */
  steps: Step[];
  /** Optional chaining somewhere (`xs?.filter(...)`): reported, never rewritten. */
  optional: boolean;
}

export type Consumer =
  | { kind: 'first'; node: Node }
  | { kind: 'length'; node: TSESTree.MemberExpression }
  | { kind: 'reduce'; node: TSESTree.CallExpression; member: TSESTree.MemberExpression }
  | { kind: 'lazy' };

function stepOf(node: Node): Step | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const m = methodOf(node);
  if (!m || !STEPS.includes(m.name)) return undefined;
  const [callback, ...rest] = node.arguments;
  return {
    call: node,
    member: m.member,
    name: m.name as StepName,
    callback: callback && callback.type !== 'SpreadElement' ? callback : undefined,
    extraArgs: rest.length > 0 || callback?.type === 'SpreadElement',
  };
}

/** Whether this step call feeds another filter/map step (then that outer call is where the chain is read). */
export function feedsAnotherStep(call: TSESTree.CallExpression): boolean {
  const { parent, child } = outerParent(call);
  if (parent?.type !== 'MemberExpression' || parent.object !== child) return false;
  const outer = parent.parent;
  return outer?.type === 'CallExpression' && outer.callee === parent && !!stepOf(outer);
}

/** The chain that ends at `top` (a filter/map call that feeds no further step), read without recursion. */
export function chainAt(top: TSESTree.CallExpression): Chain | undefined {
  const steps: Step[] = [];
  let optional = top.parent?.type === 'ChainExpression';
  let node: Node = top;
  for (;;) {
    const step = stepOf(node);
    if (!step) break;
    steps.push(step);
    optional ||= step.member.optional || step.call.optional;
    node = unwrap(step.member.object);
  }
  if (steps.length === 0) return undefined;
  steps.reverse();
  return { receiver: steps[0].member.object, steps, optional };
}

/** What uses the result of `call`: `[0]`, `.at(0)`, `.length`, `.reduce(...)`, or a sign of a lazy sequence. */
export function consumerOf(call: TSESTree.CallExpression): Consumer | undefined {
  const { parent, child } = outerParent(call);
  if (parent?.type !== 'MemberExpression' || parent.object !== child) return undefined;
  const grand = parent.parent;
  const assigned = (grand?.type === 'AssignmentExpression' && grand.left === parent) || grand?.type === 'UpdateExpression' || (grand?.type === 'UnaryExpression' && grand.operator === 'delete');
  if (assigned) return undefined;
  if (parent.computed) {
    const p = unwrap(parent.property);
    return p.type === 'Literal' && p.value === 0 ? { kind: 'first', node: parent } : undefined;
  }
  const name = propertyName(parent);
  if (name === 'length') return { kind: 'length', node: parent };
  if (grand?.type !== 'CallExpression' || grand.callee !== parent) return undefined;
  if (name === 'at' && grand.arguments.length === 1 && unwrap(grand.arguments[0]).type === 'Literal' && (unwrap(grand.arguments[0]) as TSESTree.Literal).value === 0) {
    return { kind: 'first', node: grand };
  }
  if (name === 'reduce') return { kind: 'reduce', node: grand, member: parent };
  // Iterator helpers, Node streams and lodash wrappers are lazy: no intermediate arrays to report.
  if (name === 'toArray' || name === 'value') return { kind: 'lazy' };
  return undefined;
}

/** Receivers whose filter/map are lazy or not arrays' at all: `arr.values()`, `Iterator.from(x)`, `_(x)`, `_.chain(x)`. */
export function lazyReceiver(receiver: Node): boolean {
  const r = unwrap(receiver);
  if (r.type !== 'CallExpression') return false;
  if (isIdentifier(r.callee, '_') || isStaticCall(r, '_', ['chain']) || isStaticCall(r, 'Iterator', ['from'])) return true;
  const m = methodOf(r);
  return !!m && ['values', 'keys', 'entries', 'iterator'].includes(m.name) && r.arguments.length === 0;
}

/**
 * UI code: the chain renders elements (`items.filter(...).map((i) => <li/>)`) or sits inside JSX.
 * Lists rendered to the DOM are small next to the DOM itself; the copy is not worth a warning.
 */
export function isUiCode(chain: Chain, at: Node): boolean {
  for (const step of chain.steps) {
    const cb = step.callback && unwrap(step.callback);
    if (step.name === 'map' && isFunction(cb) && returnedValues(cb).some((v) => v.type === 'JSXElement' || v.type === 'JSXFragment')) return true;
  }
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'JSXExpressionContainer' || p.type === 'JSXElement' || p.type === 'JSXFragment') return true;
    if (p.type === 'Program' || p.type.endsWith('Statement') || p.type.endsWith('Declaration')) return false;
  }
  return false;
}
