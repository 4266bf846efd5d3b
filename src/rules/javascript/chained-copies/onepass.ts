// A chain of filter/map steps (and an optional reduce) as the body of one pass over the receiver.
import type { Node } from '../shared/walk';
import type { Purity } from './facts';
import { applied, asOperand, freshName, parenthesized, usesOf, wordsOf, type Inlinable } from './rewrite';

export interface PassStep {
  kind: 'filter' | 'map';
  callback: Inlinable;
  /** The callback node as written (its source decides which names it uses). */
  source: Node;
  purity: Purity;
}

export interface Reducer {
  callback: Inlinable & { acc: string };
  source: Node;
}

export interface Pass {
  /** The element variable of the loop or reduce callback. */
  element: string;
  /** Statements before the last one; `SKIP` stands for `continue` or `return acc`. */
  lines: string[];
  /** Conditions still to test before pushing `value` (none with a reducer: they became early returns). */
  conds: string[];
  /** What the last step produces: pushed, or (with a reducer) the new accumulator. */
  value: string;
  /** Names the pass declares or its sources use: its caller must not declare them. */
  taken: Set<string>;
}

export const SKIP = '\u0000SKIP\u0000';

/** `!c` with parentheses when `c` needs them. */
function negated(cond: string, source: Node | undefined): string {
  return source && parenthesized('', source) === '' ? `!${cond}` : `!(${cond})`;
}

/**
 * Plan one pass. `outside`: sources evaluated outside the pass (the receiver, the reduce's initial
 * value), whose names the pass must not shadow. Undefined when a callback cannot be inlined safely.
 */
export function planPass(text: string, steps: readonly PassStep[], reducer: Reducer | undefined, outside: readonly Node[]): Pass | undefined {
  // Names the pass must not introduce: any word in the sources, except a callback's own parameter.
  const taken = new Set<string>();
  const add = (source: Node, own: readonly (string | undefined)[]) => {
    for (const w of wordsOf(text.slice(source.range[0], source.range[1]))) if (!own.includes(w)) taken.add(w);
  };
  outside.forEach((n) => add(n, []));
  steps.forEach((s) => add(s.source, [s.callback.param]));
  if (reducer) add(reducer.source, [reducer.callback.param, reducer.callback.acc]);
  if (reducer && taken.has(reducer.callback.acc)) return undefined;

  const declared = new Set<string>(reducer ? [reducer.callback.acc] : []);
  const pick = (preferred: string | undefined, fallback: string) => {
    const name = preferred && !taken.has(preferred) && !declared.has(preferred) ? preferred : freshName(new Set([...taken, ...declared]), [preferred ?? fallback]);
    declared.add(name);
    return name;
  };

  const element = pick(steps[0].callback.param, 'item');
  let current = element;
  let inlined: string | undefined;
  const lines: string[] = [];
  let conds: { text: string; source: Node | undefined }[] = [];
  const flush = () => {
    for (const c of conds) lines.push(`if (${negated(c.text, c.source)}) ${SKIP};`);
    conds = [];
  };

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const expr = applied(text, step.callback, inlined ?? current);
    if (expr === undefined) return undefined;
    inlined = undefined;
    if (step.kind === 'filter') {
      conds.push({ text: expr, source: step.callback.body });
      continue;
    }
    const next: Inlinable | undefined = steps[i + 1]?.callback ?? reducer?.callback;
    if (!next) return { element, lines, conds: conds.map((c) => (c.source ? asOperand(c.text, c.source) : c.text)), value: expr, taken: new Set([...taken, ...declared]) };
    // A value used once by the next map (or the reducer) moves into it: `.map(f).reduce(g)` as g(acc, f(x)).
    // Without side effects, computing it a little later changes nothing (a throw is the same throw).
    const nextIsFilter = steps[i + 1]?.kind === 'filter';
    const uses = next.reference ? 1 : next.param ? usesOf(next.body!, next.param) : 0;
    if (!nextIsFilter && step.purity !== 'impure' && uses === 1) {
      inlined = step.callback.body ? parenthesized(expr, step.callback.body) : expr;
      continue;
    }
    flush();
    current = pick(next.param, 'value');
    lines.push(`const ${current} = ${expr};`);
  }

  const value = inlined ?? current;
  if (reducer) {
    flush();
    const result = applied(text, reducer.callback, value);
    if (result === undefined) return undefined;
    return { element, lines, conds: conds.map((c) => (c.source ? asOperand(c.text, c.source) : c.text)), value: result, taken: new Set([...taken, ...declared]) };
  }
  return { element, lines, conds: conds.map((c) => (c.source ? asOperand(c.text, c.source) : c.text)), value, taken: new Set([...taken, ...declared]) };
}
