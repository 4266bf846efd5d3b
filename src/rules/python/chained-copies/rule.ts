import type { Node } from 'web-tree-sitter';
import { childrenOf, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import { defineRule, type Edit, type Fix, type PythonContext, type Size } from '../../../core/rule';
import { isBuiltin } from '../shared/builtins';
import { inField } from '../shared/calls';
import { sizeEnv } from '../shared/resolver';
import { iterableSize, type SizeEnv } from '../shared/size';
import { removeStatement } from '../shared/statements';
import { wordSites } from '../shared/words';
import { localChain } from './chain';
import { CONSUMER_NAMES, consumerCall, consumerSafety, unwrapEdits, type ConsumerCall } from './consumers';
import { isNumeric, mayRaiseStopIteration, yieldsNumeric } from './expressions';
import { listArgument, usesAsync } from './producers';

/**
 * Where a consumer may be called, in text order: its name as a whole word (from the file's word index, which
 * follows the editor's edits), not right after a `.`, before `(`. The nodes there confirm it.
 */
export function consumerCandidates(text: string): Array<[at: number, length: number]> {
  return wordSites(text, CONSUMER_NAMES, { after: '(' })
    .filter(({ at }) => text[at - 1] !== '.')
    .map(({ at, name }) => [at, name.length]);
}

/**
 * The call `name(...)` whose name starts at `at`, if its arguments hold a list comprehension, a call of a plain
 * name or a plain name (anywhere among them, so a comment before the argument does not hide it; consumerCall()
 * takes the first argument).
 */
function consumerCallAt(context: PythonContext, at: number, length: number): Node | undefined {
  const name = nodeAt(context.tree, at, at + length);
  if (name.type !== 'identifier' || name.startIndex !== at || name.endIndex !== at + length) return undefined;
  const call = parentOf(name);
  if (call?.type !== 'call' || !inField(call, 'function', name)) return undefined;
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  const fits = (c: Node) =>
    c.type === 'list_comprehension' || c.type === 'identifier' || (c.type === 'call' && c.childForFieldName('function')?.type === 'identifier');
  return childrenOf(args).some(fits) ? call : undefined;
}

const code = (name: string) => `\`${name}()\``;

export default defineRule({
  meta: {
    id: 'chained-copies',
    family: 'python',
    description: 'Builds a full intermediate collection that only feeds the next step.',
    defaultLevel: 'information',
    fixable: 'mixed',
  },
  check(context: PythonContext) {
    const { text } = context;
    const seen = new Set<number>();
    for (const [at, length] of consumerCandidates(text)) {
      const call = consumerCallAt(context, at, length);
      if (!call || seen.has(call.startIndex)) continue;
      seen.add(call.startIndex);
      const c = consumerCall(call);
      if (!c || !isBuiltin(call.childForFieldName('function')!, text)) continue;
      if (c.first.type === 'list_comprehension') comprehensionFed(context, c);
      else if (c.first.type === 'call') listCopy(context, c);
      else chainFed(context, c);
    }
  },
});

/** `sum([x for x in xs])`: the list exists only to be iterated once. */
function comprehensionFed(context: PythonContext, c: ConsumerCall): void {
  const { text } = context;
  const comp = c.first;
  if (usesAsync(comp, text)) return;
  const size = iterableSize(comp, sizeEnv(context));
  if (c.name === 'list') {
    // Nothing is evaluated in a different order: the comprehension just is not copied.
    const edits = unwrapEdits(text, c.call, comp.startIndex, comp.endIndex);
    context.report({
      start: comp.startIndex,
      end: comp.endIndex,
      message: '`list()` copies the list this comprehension has just built',
      fixes: edits ? [{ title: 'Remove the `list()` call', safety: 'safe', edits }] : [],
      size,
      severity: 'hint',
    });
    return;
  }
  const base = consumerSafety(c, comp, isNumeric(comp.childForFieldName('body')!, text), text);
  // A set comprehension is no generator; everything else here becomes one. The title names this reason when it decides.
  const stop = c.name === 'set' || base === 'unsafe' ? undefined : stopIterationWhy(comp, text);
  const safety = stop ? 'unsafe' : base;
  const open = comp.startIndex;
  const close = comp.endIndex - 1;
  let fix: Fix;
  if (c.name === 'set') {
    const edits: Edit[] = [
      { start: c.call.startIndex, end: open + 1, text: '{' },
      { start: close, end: c.call.endIndex, text: '}' },
    ];
    fix = { title: 'Use a set comprehension', safety, edits };
  } else {
    const [l, r] = c.sole ? ['', ''] : ['(', ')'];
    fix = {
      title: `Pass a generator expression to ${code(c.name)}${stop ? ` (unsafe: ${stop})` : ''}`,
      safety,
      edits: [
        { start: open, end: open + 1, text: l },
        { start: close, end: close + 1, text: r },
      ],
    };
  }
  const removed = fix.edits.map((e) => text.slice(e.start, e.end)).join('');
  // `all([form.is_valid() for form in forms])`: the list makes every call happen, which any()/all() over a
  // generator would stop doing at the deciding item. Often that is the point; strict mode still asks.
  const forcesCalls = c.consumer.work === 'stops-early' && callsInItems(comp);
  if (forcesCalls && !context.settings.strict) return;
  context.report({
    start: comp.startIndex,
    end: comp.endIndex,
    message: forcesCalls
      ? `${code(c.name)} iterates this list comprehension once; the list also makes every call in it run, which a generator would stop at the deciding item: keep it if that is intended`
      : `${code(c.name)} iterates this list comprehension once: the whole list is built only to be thrown away`,
    fixes: removed.includes('#') ? [] : [fix],
    size,
    severity: forcesCalls || keepsEveryItem(c) || filterOnly(comp) ? 'hint' : undefined,
  });
}

/** `sorted(list(x))`, `sum(list(map(f, xs)))`, `list(sorted(x))`: a copy nothing needs. */
function listCopy(context: PythonContext, c: ConsumerCall): void {
  const { text } = context;
  const inner = c.first;
  const fn = inner.childForFieldName('function')!;
  if (fn.text === 'sorted' && c.name === 'list' && c.others.length === 0) {
    if (!isBuiltin(fn, text)) return;
    const edits = unwrapEdits(text, c.call, inner.startIndex, inner.endIndex);
    context.report({
      start: c.call.startIndex,
      end: c.call.endIndex,
      message: '`sorted()` already returns a new list: `list()` copies it again',
      fixes: edits ? [{ title: 'Remove the `list()` call', safety: 'safe', edits }] : [],
      size: sortedSize(inner, sizeEnv(context)),
      severity: 'hint',
    });
    return;
  }
  if (fn.text !== 'list') return;
  const items = listArgument(inner);
  if (!items || usesAsync(items, text) || !isBuiltin(fn, text)) return;
  // `list(x for x in y)` passes the generator expression as its own parentheses.
  const bare = items.type === 'generator_expression' && c.sole;
  const edits = unwrapEdits(text, inner, items.startIndex + (bare ? 1 : 0), items.endIndex - (bare ? 1 : 0));
  const safety = consumerSafety(c, items, yieldsNumeric(items, text), text);
  const why = c.name === 'sorted' ? '`sorted()` copies its input into a new list anyway' : `${code(c.name)} accepts any iterable`;
  context.report({
    start: inner.startIndex,
    end: inner.endIndex,
    message: `${why}: the \`list()\` copy holds every item at once for nothing`,
    fixes: edits ? [{ title: 'Remove the `list()` copy', safety, edits }] : [],
    size: iterableSize(items, sizeEnv(context)),
    // `list(x)` of existing items copies pointers only; of a generator or map() it holds new items for nothing.
    severity: keepsEveryItem(c) || !makesItems(items) ? 'hint' : undefined,
  });
}

/** `filtered = [...]` then `sorted(filtered)`: the local list only feeds this call. */
function chainFed(context: PythonContext, c: ConsumerCall): void {
  const { text } = context;
  const chain = localChain(text, c);
  if (!chain) return;
  const { producer } = chain;
  const removal = removeStatement(text, chain.statement);
  const line = c.call.startPosition.row + 1;
  // Inlined into anything but list() or set(), the comprehension becomes a generator expression.
  const becomesGenerator = producer.type === 'list_comprehension' && c.name !== 'list' && c.name !== 'set';
  const stop = becomesGenerator && chain.safety === 'safe' ? stopIterationWhy(producer, text) : undefined;
  const title = `Build \`${chain.name}\` lazily inside ${code(c.name)}${stop ? ` (unsafe: ${stop})` : ''}`;
  context.report({
    start: producer.startIndex,
    end: producer.endIndex,
    message: `\`${chain.name}\` is a full list built only to be iterated once by ${code(c.name)} on line ${line}`,
    fixes: removal ? [{ title, safety: stop ? 'unsafe' : chain.safety, edits: [removal, inlined(c, producer)] }] : [],
    size: iterableSize(producer.type === 'list_comprehension' ? producer : listArgument(producer) ?? producer, sizeEnv(context)),
    severity: keepsEveryItem(c) ? 'hint' : undefined,
  });
}

/**
 * `sorted()`, `tuple()`, `list()` keep every item they are given: the list fed to them only adds one array of
 * pointers (8 bytes an item) beside items that live on anyway. A hint, not worth a warning on real code.
 */
function keepsEveryItem(c: ConsumerCall): boolean {
  return c.consumer.work === 'nothing';
}

/** `[f for f in names if ok(f)]`: the list holds the items it iterates, no new ones: one array of pointers. */
function filterOnly(comp: Node): boolean {
  const body = comp.childForFieldName('body');
  const clauses = comp.namedChildren.filter((c): c is Node => c?.type === 'for_in_clause');
  return !!body && body.type === 'identifier' && clauses.length === 1 && clauses[0].childForFieldName('left')?.text === body.text;
}

/** Whether iterating `items` makes new objects (a generator expression, `map()`), rather than handing over existing ones. */
function makesItems(items: Node): boolean {
  if (items.type === 'generator_expression' || items.type === 'list_comprehension') return true;
  return items.type === 'call' && ['map', 'zip', 'enumerate'].includes(items.childForFieldName('function')?.text ?? '');
}

/** Why a generator expression would not behave as the comprehension `comp` (PEP 479), if it might not. */
function stopIterationWhy(comp: Node, text: string): string | undefined {
  const callee = mayRaiseStopIteration(comp, text);
  if (callee === undefined) return undefined;
  const name = callee.length > 40 || /[\r\n]/.test(callee) ? 'a call in it' : `\`${callee}()\``;
  return `${name} may raise StopIteration, which a generator expression turns into RuntimeError`;
}

/** Calls that only compute a value: forcing them to run for every item changes nothing anyone can see. */
const VALUE_CALLS = new Set([
  'len', 'isinstance', 'issubclass', 'callable', 'abs', 'int', 'float', 'str', 'bool', 'ord', 'chr', 'type', 'repr',
  'startswith', 'endswith', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'isdigit', 'isalpha', 'isalnum',
  'isspace', 'isupper', 'islower', 'isidentifier', 'find', 'rfind', 'count', 'get', 'keys', 'values', 'items',
]);

/** A call in the comprehension's items or conditions (not in what it iterates) that may do more than compute a value. */
function callsInItems(comp: Node): boolean {
  const effectful = (call: Node) => {
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return !name || !VALUE_CALLS.has(name);
  };
  return comp.namedChildren.some((part) => {
    if (!part || part.type === 'comment') return false;
    const inside = part.type === 'for_in_clause' ? part.childForFieldName('left') : part;
    if (!inside) return false;
    return (inside.type === 'call' && effectful(inside)) || inside.descendantsOfType('call').some((c) => !!c && effectful(c));
  });
}

/** `list(sorted(x, ...))`: as many items as `x`. */
function sortedSize(sortedCall: Node, env: SizeEnv): Size {
  const first = sortedCall.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
  return first && first.type !== 'keyword_argument' && first.type !== 'list_splat' ? iterableSize(first, env) : { growth: 'unknown' };
}

/** The consumer call rewritten to take the producer's items directly. */
function inlined(c: ConsumerCall, producer: Node): Edit {
  const whole = (t: string) => ({ start: c.call.startIndex, end: c.call.endIndex, text: t });
  const arg = (t: string) => ({ start: c.first.startIndex, end: c.first.endIndex, text: t });
  if (producer.type === 'list_comprehension') {
    const body = producer.text.slice(1, -1);
    if (c.name === 'list') return whole(producer.text);
    if (c.name === 'set') return whole(`{${body}}`);
    return arg(c.sole ? body : `(${body})`);
  }
  const items = listArgument(producer)!;
  if (c.name === 'list') return whole(producer.text);
  return arg(items.type === 'generator_expression' && c.sole ? items.text.slice(1, -1) : items.text);
}

