// chained-copies: arrays built only to feed the next step of a chain.
//   xs.filter(p).map(f)          one intermediate array; one pass builds only the result
//   xs.filter(p)[0]              every match copied to take the first: .find(p)
//   xs.filter(p).length          every match copied to count or test them: .some(p) / a count
//   Array.from(x).map(f)         the array built twice: Array.from(x, f)
//   xs.map(f).reduce(g, init)    one intermediate array; fold in one pass
import { defineRule, type Fix, type JsContext, type Report, type Size } from '../../../core/rule';
import { methodOf } from '../shared/nodes';
import { sizeEnv } from '../shared/resolver';
import { itemsSize, type SizeEnv } from '../shared/size';
import type { Node } from '../shared/walk';
import { indexAst } from '../shared/walk';
import { chainAt, consumerOf, feedsAnotherStep, isUiCode, lazyReceiver, STEPS, type Chain, type Consumer } from './chain';
import { chainFixes, countFix, findFix, fromFix, fromSource, lengthUse, someFix } from './fixes';

export default defineRule({
  meta: {
    id: 'chained-copies',
    family: 'javascript',
    description: 'Builds intermediate arrays that only feed the next step of a chain.',
    defaultLevel: 'information',
    fixable: 'mixed',
  },
  check(context: JsContext) {
    let env: SizeEnv | undefined;
    for (const call of indexAst(context.ast).ofType('CallExpression')) {
      const m = methodOf(call);
      if (!m || !STEPS.includes(m.name) || feedsAnotherStep(call)) continue;
      const chain = chainAt(call);
      if (!chain || lazyReceiver(chain.receiver)) continue;
      const consumer = consumerOf(call);
      if (consumer?.kind === 'lazy') continue;
      const found = classify(context, chain, consumer, call);
      if (!found) continue;
      found.size = chainSize(chain, call, (env ??= sizeEnv(context)));
      context.report(found);
    }
  },
});

const code = (names: string[]) => `\`.${names.join('().')}()\``;

/**
 * Chains longer than this (callbacks included) get no rewrite: a fix copies the callbacks' source, so callbacks
 * nested inside one another (each a chain) would cost the nest's length once per level.
 */
const MAX_REWRITTEN = 2_000;

/**
 * The intermediate arrays hold references to items that exist anyway (or that one pass would make too): what a
 * chain saves is a pointer array per step, worth a note only when the receiver grows with the program's data.
 * A rendered list (JSX) is small next to the DOM it builds.
 */
function chainSize(chain: Chain, top: Node, env: SizeEnv): Size {
  if (isUiCode(chain, top)) return { growth: 'bounded', why: 'It renders a list (JSX): small next to the DOM it builds.' };
  return itemsSize(chain.receiver, env);
}

function classify(context: JsContext, chain: Chain, consumer: Consumer | undefined, top: Node): Report | undefined {
  const { steps } = chain;
  const first = steps[0];
  const start = first.member.property.range[0];
  const rewrite = !chain.optional && top.range[1] - chain.receiver.range[0] <= MAX_REWRITTEN;
  // Fixes are built only when offered (a thunk per builder).
  const fixes = (...list: (() => Fix | undefined)[]): Fix[] | undefined => (rewrite ? list.map((f) => f()).filter((f): f is Fix => !!f) : chain.optional ? undefined : []);

  if (consumer?.kind === 'reduce' || steps.length >= 2) {
    const names = [...steps.map((s) => s.name), ...(consumer?.kind === 'reduce' ? ['reduce'] : [])];
    const copies = names.length - 1;
    const end = consumer?.kind === 'reduce' ? consumer.node : top;
    const message = copies === 1
      ? `${code(names)} builds an intermediate array only to feed the next step; one pass needs none.`
      : `${code(names)} builds ${copies} intermediate arrays, each only to feed the next step; one pass needs none.`;
    return { start, end: end.range[1], message, fixes: fixes(...(rewrite ? chainFixes(context, chain, consumer, end).map((f) => () => f) : [])) };
  }

  if (first.name === 'filter' && consumer?.kind === 'first') {
    return {
      start,
      end: consumer.node.range[1],
      message: '`.filter(…)[0]` tests every element and copies the matches to take the first; `.find(…)` stops at the first match.',
      fixes: fixes(() => findFix(context, first, consumer)),
    };
  }

  if (first.name === 'filter' && consumer?.kind === 'length') {
    const use = lengthUse(consumer.node);
    const message = use.kind === 'count'
      ? '`.filter(…).length` copies every match only to count them; count them without the copy.'
      : '`.filter(…).length` copies every match only to test whether there is one; `.some(…)` stops at the first.';
    return { start, end: consumer.node.range[1], message, fixes: fixes(() => (use.kind === 'count' ? countFix(context, first, use) : someFix(context, first, use))) };
  }

  const from = first.name === 'map' ? fromSource(chain.receiver) : undefined;
  if (from) {
    const what = from.spread ? '`[...x].map(f)`' : '`Array.from(x).map(f)`';
    return {
      start: chain.receiver.range[0],
      end: first.call.range[1],
      message: `${what} builds the array twice; \`Array.from(x, f)\` maps while it copies.`,
      fixes: fixes(() => fromFix(context, first, from)),
    };
  }
  return undefined;
}
