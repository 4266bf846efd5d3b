// The builtins that consume an iterable whole, what they do with each item, and the calls that fit them.
import type { Node } from 'web-tree-sitter';
import { childrenOf } from '../../../core/parsers/pythonTree';
import type { Edit, Safety } from '../../../core/rule';
import { containsIn } from '../shared/words';
import { isNumeric, isPure } from './expressions';

/**
 * What the consumer does with an item before it has seen the next one:
 * `nothing` (collects them first: sorted() copies its input into a list before it sorts or calls `key`),
 * `combines` (adds, compares or hashes each item as it arrives: runs the items' own methods, may raise),
 * `stops-early` (any/all stop at the deciding item, leaving the rest unevaluated).
 */
export type Work = 'nothing' | 'combines' | 'stops-early';

export interface Consumer {
  work: Work;
  /** Positional arguments it takes, the iterable first. */
  positional: number;
  keywords: readonly string[];
}

export const CONSUMERS: Readonly<Record<string, Consumer>> = {
  sorted: { work: 'nothing', positional: 1, keywords: ['key', 'reverse'] },
  tuple: { work: 'nothing', positional: 1, keywords: [] },
  list: { work: 'nothing', positional: 1, keywords: [] },
  sum: { work: 'combines', positional: 2, keywords: ['start'] },
  min: { work: 'combines', positional: 1, keywords: ['key', 'default'] },
  max: { work: 'combines', positional: 1, keywords: ['key', 'default'] },
  set: { work: 'combines', positional: 1, keywords: [] },
  frozenset: { work: 'combines', positional: 1, keywords: [] },
  any: { work: 'stops-early', positional: 1, keywords: [] },
  all: { work: 'stops-early', positional: 1, keywords: [] },
};

export const CONSUMER_NAMES = Object.keys(CONSUMERS);

/** A call of a consumer whose first argument is the iterable. */
export interface ConsumerCall {
  name: string;
  consumer: Consumer;
  call: Node;
  /** The iterable: the first argument. */
  first: Node;
  /** Every other argument (keyword arguments included). */
  others: Node[];
  /** The iterable is the only argument, with no trailing comma: a generator expression needs no parentheses of its own. */
  sole: boolean;
}

/** `call` as a consumer call, when its arguments fit the builtin's signature (else it raises anyway, or is not ours). */
export function consumerCall(call: Node): ConsumerCall | undefined {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || fn.type !== 'identifier' || !args || args.type !== 'argument_list') return undefined;
  const name = fn.text;
  const consumer = CONSUMERS[name];
  if (!consumer) return undefined;
  const all = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (all.length === 0) return undefined;
  let positional = 0;
  for (const a of all) {
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return undefined;
    if (a.type === 'keyword_argument') {
      if (!consumer.keywords.includes(a.childForFieldName('name')!.text)) return undefined;
    } else positional++;
  }
  const first = all[0];
  if (first.type === 'keyword_argument' || positional > consumer.positional) return undefined;
  const children = childrenOf(args);
  let before = children.length - 2;
  while (before >= 0 && children[before].type === 'comment') before--;
  const trailingComma = children[before]?.type === ',';
  return { name, consumer, call, first, others: all.slice(1), sole: all.length === 1 && !trailingComma };
}

/** The value of keyword argument `keyword`, else the positional argument at `index` (if given). */
function argument(c: ConsumerCall, keyword: string, index?: number): Node | undefined {
  const all = [c.first, ...c.others];
  const kw = all.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')!.text === keyword);
  if (kw) return kw.childForFieldName('value')!;
  return index === undefined ? undefined : all.filter((a) => a.type !== 'keyword_argument')[index];
}

/**
 * Whether feeding the consumer `items` lazily instead of as a finished list behaves identically for every input.
 * `numericItems`: every item is an exact int, float or bool, whose `+`, `<` and hash run no user code and
 * never raise, so interleaving them with the items' evaluation cannot be observed.
 */
export function consumerSafety(c: ConsumerCall, items: Node, numericItems: boolean, text: string): Safety {
  // The other arguments are now evaluated before the items instead of after them; a walrus in the items
  // now binds its name after them.
  if (!c.others.every((o) => isPure(o)) || containsIn(text, ':=', items.startIndex, items.endIndex)) return 'unsafe';
  switch (c.consumer.work) {
    case 'nothing':
      return 'safe';
    case 'stops-early':
      return 'unsafe';
    case 'combines': {
      // min/max call `key` on each item as it arrives.
      if (!numericItems || argument(c, 'key')) return 'unsafe';
      const start = c.name === 'sum' ? argument(c, 'start', 1) : undefined;
      return !start || isNumeric(start, text) ? 'safe' : 'unsafe';
    }
  }
}

/** Delete `call(` ... `)` around `inner`, keeping `inner`; undefined when a comment would go with them. */
export function unwrapEdits(text: string, call: Node, innerStart: number, innerEnd: number): Edit[] | undefined {
  const before = { start: call.startIndex, end: innerStart, text: '' };
  const after = { start: innerEnd, end: call.endIndex, text: '' };
  if (text.slice(before.start, before.end).includes('#') || text.slice(after.start, after.end).includes('#')) return undefined;
  return [before, after];
}
