// The fixes of chained-copies, one builder per pattern, each deciding its own safety (see README "Fix safety").
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, JsContext } from '../../../core/rule';
import { indentAt, lineBreakOf } from '../../../core/text';
import { exprText as source, isFunction, isIdentifier, unwrap } from '../shared/nodes';
import type { Node } from '../shared/walk';
import type { Chain, Consumer, Step } from './chain';
import { arrayFacts, bodyExpression, callbackPurity, iterableKind, kindOf, paramEnv, purity, usesThisOrArguments, type Kind, type Purity } from './facts';
import { planPass, SKIP, type PassStep, type Reducer } from './onepass';
import { asOperand, freshName, inlinable, wordsOf } from './rewrite';

const isTs = (context: JsContext) => context.language === 'typescript' || context.language === 'typescriptreact';
const slice = (context: JsContext, n: Node | readonly [number, number]) => context.text.slice(...('range' in n ? n.range : n));

let lastUnit: { text: string; unit: string } | undefined;

/** The indentation step the file uses: a tab, or its smallest run of two or more leading spaces (2 when unknown). */
function indentUnit(text: string): string {
  if (lastUnit?.text === text) return lastUnit.unit;
  const head = text.slice(0, 65_536); // enough lines to tell, without scanning a huge file per fix
  let unit = '  ';
  if (/^\t+\S/m.test(head) && !/^ {2,}\S/m.test(head)) unit = '\t';
  else {
    let min = Infinity;
    for (const m of head.matchAll(/^( {2,})\S/gm)) min = Math.min(min, m[1].length);
    if (Number.isFinite(min)) unit = ' '.repeat(Math.min(min, 8));
  }
  lastUnit = { text, unit };
  return unit;
}

// ---- .filter(p)[0] -> .find(p) -------------------------------------------------------------------

export function findFix(context: JsContext, step: Step, consumer: Consumer & { kind: 'first' }): Fix | undefined {
  if (step.member.computed || !step.callback) return undefined;
  const facts = arrayFacts(step.member.object);
  // find visits holes (filter skips them) and stops at the first match (filter calls p on every element).
  const safe = !!facts?.dense && callbackPurity(step.callback, facts.kind) === 'total' && !isTs(context);
  return {
    title: 'Use .find()',
    safety: safe ? 'safe' : 'unsafe',
    edits: [
      { start: step.member.property.range[0], end: step.member.property.range[1], text: 'find' },
      { start: step.call.range[1], end: consumer.node.range[1], text: '' },
    ],
  };
}

// ---- .filter(p).length ---------------------------------------------------------------------------

type LengthUse = { kind: 'some' | 'none'; replace: Node } | { kind: 'count'; replace: Node };

/** How `.length` is used: compared with 0, as a truth value, or as a number. */
export function lengthUse(length: TSESTree.MemberExpression): LengthUse {
  let child: Node = length;
  let parent = length.parent;
  while (parent && (parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'BinaryExpression') {
    const other = unwrap(parent.left === child ? parent.right : parent.left);
    const value = other.type === 'Literal' && typeof other.value === 'number' ? other.value : undefined;
    // Normalise to `length OP value`.
    const flip: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
    const op = parent.left === child ? parent.operator : (flip[parent.operator] ?? parent.operator);
    const some = (value === 0 && ['>', '!==', '!='].includes(op)) || (value === 1 && op === '>=');
    const none = (value === 0 && ['===', '==', '<='].includes(op)) || (value === 1 && op === '<');
    if (some || none) return { kind: some ? 'some' : 'none', replace: parent };
  }
  return inBooleanContext(child) ? { kind: 'some', replace: length } : { kind: 'count', replace: length };
}

function inBooleanContext(node: Node): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ConditionalExpression':
        return p.test === child;
      case 'ForStatement':
        return p.test === child;
      case 'UnaryExpression':
        return p.operator === '!';
      case 'LogicalExpression':
        // `a && n` hands on n's value unless the whole is itself a truth value; `??` never tests truth.
        if (p.operator === '??') return false;
        if (p.right === child) continue;
        return true;
      case 'CallExpression':
        return isIdentifier(p.callee, 'Boolean') && p.arguments[0] === child;
      case 'TSNonNullExpression':
      case 'TSAsExpression':
        continue;
      default:
        return false;
    }
  }
  return false;
}

export function someFix(context: JsContext, step: Step, use: LengthUse & { kind: 'some' | 'none' }): Fix | undefined {
  if (step.member.computed || !step.callback) return undefined;
  const facts = arrayFacts(step.member.object);
  // some skips holes as filter does; it stops at the first match, so p must not have effects or throw.
  const safe = !!facts && callbackPurity(step.callback, facts.kind) === 'total';
  const call = `${slice(context, [step.call.range[0], step.member.property.range[0]])}some${slice(context, [step.member.property.range[1], step.call.range[1]])}`;
  return {
    title: use.kind === 'some' ? 'Use .some()' : 'Use !.some()',
    safety: safe ? 'safe' : 'unsafe',
    edits: [{ start: use.replace.range[0], end: use.replace.range[1], text: use.kind === 'none' ? `!${call}` : call }],
  };
}

export function countFix(context: JsContext, step: Step, use: LengthUse & { kind: 'count' }): Fix | undefined {
  if (!step.callback || step.extraArgs) return undefined;
  const cb = unwrap(step.callback);
  const taken = wordsOf(slice(context, step.call));
  const count = freshName(taken, ['count', 'matches', 'n']);
  let reducer: string;
  if (cb.type === 'Identifier') {
    const [item, index, array] = ['item', 'index', 'array'].map((n) => freshName(new Set([...taken, count]), [n]));
    reducer = `(${count}, ${item}, ${index}, ${array}) => (${cb.name}(${item}, ${index}, ${array}) ? ${count} + 1 : ${count})`;
  } else {
    // The parameters move as written, patterns and defaults included: reduce passes (element, index, array) after the count.
    if (!isFunction(cb) || cb.async || cb.generator) return undefined;
    if (cb.type === 'FunctionExpression' && usesThisOrArguments(cb)) return undefined;
    const body = bodyExpression(cb);
    if (!body) return undefined;
    const params = cb.params.length ? `, ${slice(context, [cb.params[0].range[0], cb.params[cb.params.length - 1].range[1]])}` : '';
    reducer = `(${count}${params}) => (${asOperand(source(context.text, body), body)} ? ${count} + 1 : ${count})`;
  }
  // reduce calls its callback on the same elements, in the same order, with the same (element, index, array)
  // as filter does: identical for every array. Only a receiver that is not an array could differ.
  const safe = !!arrayFacts(step.member.object);
  const receiver = slice(context, [step.call.range[0], step.member.property.range[0]]);
  return {
    title: 'Count without building an array',
    safety: safe ? 'safe' : 'unsafe',
    edits: [{ start: use.replace.range[0], end: use.replace.range[1], text: `${receiver}reduce(${reducer}, 0)` }],
  };
}

// ---- Array.from(x).map(f), [...x].map(f) -> Array.from(x, f) ---------------------------------------

export function fromSource(receiver: Node): { source: Node; spread: boolean } | undefined {
  const r = unwrap(receiver);
  if (r.type === 'ArrayExpression' && r.elements.length === 1 && r.elements[0]?.type === 'SpreadElement') return { source: r.elements[0].argument, spread: true };
  if (r.type === 'CallExpression' && r.arguments.length === 1 && r.arguments[0].type !== 'SpreadElement') {
    const callee = unwrap(r.callee);
    if (callee.type === 'MemberExpression' && isIdentifier(callee.object, 'Array') && isIdentifier(callee.property, 'from') && !callee.computed) {
      return { source: r.arguments[0], spread: false };
    }
  }
  return undefined;
}

export function fromFix(context: JsContext, step: Step, from: { source: Node; spread: boolean }): Fix | undefined {
  const cb = step.callback && unwrap(step.callback);
  if (!cb || step.call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  // Array.from calls mapFn with (value, index): a third parameter (the array) would get undefined.
  if (isFunction(cb) && (cb.params.length > 2 || cb.params.some((p) => p.type === 'RestElement') || (cb.type === 'FunctionExpression' && usesThisOrArguments(cb)))) return undefined;
  const kind = iterableKind(from.source, new Map());
  const purity = callbackPurity(cb, kind ?? 'unknown');
  // Array.from(x, f) calls f while it iterates x: f must not have effects. If f throws, iteration stops
  // early, which only a source with effects of its own (a generator) could notice. A spread needs an
  // iterable (Array.from also takes array-likes such as { length: 2 }).
  const safe = kind !== undefined ? purity !== 'impure' : !from.spread && purity === 'total';
  const args = step.call.arguments.map((a) => slice(context, a)).join(', ');
  return {
    title: 'Map while copying: Array.from(x, f)',
    safety: safe ? 'safe' : 'unsafe',
    edits: [{ start: step.member.object.range[0], end: step.call.range[1], text: `Array.from(${source(context.text, from.source)}, ${args})` }],
  };
}

// ---- filter/map chains (and .map(f).reduce(g, init)) -> one pass -----------------------------------

interface ChainPlan {
  steps: PassStep[];
  reducer?: Reducer;
  /** The receiver is certainly an array. */
  array: boolean;
  /** ... without holes (for...of and iterators visit holes; filter, map and reduce skip them). */
  dense: boolean;
  /** No callback has effects or can throw, so calling them interleaved instead of step by step is the same. */
  pure: boolean;
}

function reducerOf(call: TSESTree.CallExpression): Reducer | undefined {
  const [cb, init] = call.arguments;
  if (!cb || !init || call.arguments.length !== 2 || cb.type === 'SpreadElement' || init.type === 'SpreadElement') return undefined;
  const fn = unwrap(cb);
  if (!isFunction(fn) || fn.async || fn.generator || fn.params.length !== 2 || !fn.params.every((p) => p.type === 'Identifier')) return undefined;
  if (fn.type === 'FunctionExpression' && usesThisOrArguments(fn)) return undefined;
  const body = bodyExpression(fn);
  if (!body) return undefined;
  const [acc, param] = fn.params as TSESTree.Identifier[];
  return { callback: { acc: acc.name, param: param.name, body }, source: fn };
}

function planChain(chain: Chain, consumer: Consumer | undefined): ChainPlan | undefined {
  if (chain.optional || chain.steps.some((s) => s.extraArgs || !s.callback)) return undefined;
  const facts = arrayFacts(chain.receiver);
  let kind: Kind = facts?.kind ?? 'unknown';
  let pure = true;
  const steps: PassStep[] = [];
  for (const s of chain.steps) {
    const callback = inlinable(s.callback);
    if (!callback) return undefined;
    const p: Purity = callbackPurity(s.callback!, kind);
    if (p !== 'total') pure = false;
    steps.push({ kind: s.name, callback, source: s.callback!, purity: p });
    if (s.name === 'map') {
      const fn = unwrap(s.callback!);
      const env = isFunction(fn) ? paramEnv(fn, kind) : undefined;
      kind = callback.body && env ? kindOf(callback.body, env) : 'unknown';
    }
  }
  let reducer: Reducer | undefined;
  if (consumer?.kind === 'reduce') {
    reducer = reducerOf(consumer.node);
    if (!reducer) return undefined;
    const env = new Map<string, Kind>([[reducer.callback.acc, 'unknown'], [reducer.callback.param!, kind]]);
    if (purity(reducer.callback.body!, env) !== 'total') pure = false;
  }
  return { steps, reducer, array: !!facts, dense: !!facts?.dense, pure };
}

/** `const r = chain;`: the declaration, when the chain is its whole initial value and it is a plain statement. */
function declarationOf(top: Node): { declaration: Node; declarator: TSESTree.VariableDeclarator; statement: Node } | undefined {
  const declarator = top.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== top || declarator.id.type !== 'Identifier') return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return undefined;
  const holder = declaration.parent;
  const statement = holder?.type === 'ExportNamedDeclaration' ? holder : declaration;
  const container = statement.parent?.type;
  if (!container || !['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'TSModuleBlock'].includes(container)) return undefined;
  return { declaration, declarator, statement };
}

export function chainFixes(context: JsContext, chain: Chain, consumer: Consumer | undefined, top: Node): Fix[] {
  const plan = planChain(chain, consumer);
  if (!plan) return [];
  const { text } = context;
  const receiverEnd = chain.receiver.range[1];
  const last = chain.steps[chain.steps.length - 1];

  if (context.iteratorHelpers) {
    const edits = [{ start: receiverEnd, end: receiverEnd, text: '.values()' }];
    if (!plan.reducer) edits.push({ start: last.call.range[1], end: last.call.range[1], text: '.toArray()' });
    // Iterator callbacks get (value, counter): the renumbered index a chained array callback gets too.
    return [{ title: 'Iterate once with iterator helpers (ES2025)', safety: plan.dense && plan.pure ? 'safe' : 'unsafe', edits }];
  }

  const outside = plan.reducer ? [chain.receiver, (consumer as { node: TSESTree.CallExpression }).node.arguments[1]] : [chain.receiver];
  const pass = planPass(text, plan.steps, plan.reducer, outside);
  if (!pass) return [];
  const eol = lineBreakOf(text);
  const base = indentAt(text, top.range[0]);
  const unit = indentUnit(text);
  const block = (lines: string[], indent: string) => lines.map((l) => `${indent}${unit}${l}`).join(eol);

  if (plan.reducer) {
    const { acc } = plan.reducer.callback;
    const init = slice(context, (consumer as { node: TSESTree.CallExpression }).node.arguments[1]);
    const lines = pass.lines.map((l) => l.replace(SKIP, `return ${acc}`));
    const body = lines.length === 0
      ? (unwrap(plan.reducer.callback.body!).type === 'ObjectExpression' ? `(${pass.value})` : pass.value)
      : `{${eol}${block([...lines, `return ${pass.value};`], base)}${eol}${base}}`;
    return [{
      title: 'Fold in one pass',
      // map, filter and reduce all skip holes: any array will do.
      safety: plan.array && plan.pure ? 'safe' : 'unsafe',
      edits: [{ start: receiverEnd, end: top.range[1], text: `.reduce((${acc}, ${pass.element}) => ${body}, ${init})` }],
    }];
  }

  const push = (out: string) => (pass.conds.length ? `if (${pass.conds.join(' && ')}) ${out}.push(${pass.value});` : `${out}.push(${pass.value});`);
  const declared = declarationOf(top);
  if (declared) {
    const out = (declared.declarator.id as TSESTree.Identifier).name;
    if (pass.taken.has(out)) return [];
    const lines = [...pass.lines.map((l) => l.replace(SKIP, 'continue')), push(out)];
    const stmtIndent = indentAt(text, declared.statement.range[0]);
    const loop = `for (const ${pass.element} of ${slice(context, chain.receiver)}) {${eol}${block(lines, stmtIndent)}${eol}${stmtIndent}}`;
    // TypeScript types `const r = []` from its pushes, except where a closure reads r; a type annotation avoids that.
    const typed = !isTs(context) || !!(declared.declarator.id as TSESTree.Identifier).typeAnnotation;
    return [{
      title: 'Build the result in one loop',
      safety: plan.dense && plan.pure && typed ? 'safe' : 'unsafe',
      edits: [
        { start: top.range[0], end: top.range[1], text: '[]' },
        { start: declared.statement.range[1], end: declared.statement.range[1], text: `${eol}${stmtIndent}${loop}` },
      ],
    }];
  }

  // In TypeScript, reduce(..., []) types its accumulator never[]: no fix there.
  if (isTs(context)) return [];
  const out = freshName(new Set([...pass.taken, ...wordsOf(slice(context, top))]), ['out', 'result', 'acc']);
  const lines = [...pass.lines.map((l) => l.replace(SKIP, `return ${out}`)), push(out), `return ${out};`];
  return [{
    title: 'Build the result in one pass',
    // reduce skips holes, but a chain of maps alone keeps them in its result.
    safety: plan.pure && (plan.dense || (plan.array && plan.steps.some((s) => s.kind === 'filter'))) ? 'safe' : 'unsafe',
    edits: [{ start: receiverEnd, end: top.range[1], text: `.reduce((${out}, ${pass.element}) => {${eol}${block(lines, base)}${eol}${base}}, [])` }],
  }];
}
