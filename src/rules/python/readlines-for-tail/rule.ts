import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, parentOf } from '../../../core/parsers/pythonTree';
import { defineRule, type Edit, type Fix, type PythonContext } from '../../../core/rule';
import { bindingScope, isBuiltin } from '../shared/builtins';
import { outerParent, inField } from '../shared/calls';
import { soleBinding } from '../shared/flow';
import { importedName } from '../shared/imports';
import { stringValue } from '../shared/literals';
import { reportFlow } from '../shared/flows';
import { sizeEnv } from '../shared/resolver';
import { linesOf, plainExpression, readPhrase, readSites, usesOf, type ReadSite, type Use, siteSize } from '../shared/read-sites';
import { accessOf, asReplacementFor, builtinsCallable, emptyText, joinExact, placeEdits } from '../shared/streaming';

type TailUse = Extract<Use, { kind: 'tail' }>;

/** Consumers that take any iterable, so a deque can stand in for the list a slice made. */
const ITERABLE_BUILTINS = new Set(['list', 'tuple', 'set', 'frozenset', 'sorted', 'len', 'sum', 'any', 'all', 'min', 'max', 'enumerate', 'reversed', 'iter']);

/** Whether the slice's value is only iterated (joined, looped over, passed to list()...), never used as a list. */
function onlyIterated(node: Node, text: string): boolean {
  const { parent, child } = outerParent(node);
  if (!parent) return false;
  if ((parent.type === 'for_statement' || parent.type === 'for_in_clause') && inField(parent, 'right', child)) return true;
  if (parent.type === 'list_splat') return true;
  if (parent.type !== 'argument_list' || namedChildrenOf(parent).length !== 1) return false;
  const fn = parentOf(parent)?.childForFieldName('function');
  if (fn?.type === 'identifier') return ITERABLE_BUILTINS.has(fn.text) && isBuiltin(fn, text);
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join' && stringValue(fn.childForFieldName('object')) !== undefined;
}

/** Whether every name in `n` keeps one value from the read to its use: bound once, as a parameter or before the read. */
function constantUntil(n: Node, read: Node, text: string): boolean {
  if (n.type === 'integer') return true;
  if (n.type === 'attribute' || n.descendantsOfType('attribute').length > 0) return false;
  const ids = n.type === 'identifier' ? [n] : n.descendantsOfType('identifier').filter((x): x is Node => !!x);
  return ids.every((id) => {
    const binding = soleBinding(id, text);
    if (!binding || !bindingScope(binding)) return false;
    return /parameter/.test(parentOf(binding)?.type ?? '') || binding.endIndex <= read.startIndex;
  });
}

/** `the last 5 lines`, `the last line`, ``the last `n` lines``. */
function theLast(n: string, literal: boolean): string {
  if (!literal) return `the last \`${n}\` lines`;
  return n === '1' ? 'the last line' : `the last ${n} lines`;
}

function message(site: ReadSite, uses: TailUse[]): string {
  const literal = uses.every((u) => u.literal !== undefined);
  const n = literal ? String(Math.max(...uses.map((u) => u.literal!))) : uses[0].n.text;
  return `${readPhrase(site, linesOf(site, uses[0]))} only to keep ${theLast(n, literal)}; a collections.deque with maxlen keeps just those while streaming the file.`;
}

interface Plan {
  title: string;
  target: Node;
  code: string;
  unsafe?: boolean;
}

/**
 * The plans for `readlines()` tails: `deque(f, maxlen=k)` where the slice stood (a list again where the code may
 * need one), or, through a variable, as the variable's value (`lines[-k:]` of the last K >= k lines is unchanged).
 */
function readlinesPlans(site: ReadSite, uses: TailUse[], deque: (n: string) => string, text: string): Plan[] {
  const guardTitle = (n: string) => `Keep only ${theLast(n, false)} with a deque (when ${n} <= 0, read every line as before)`;
  const plainTitle = (n: string, also = '') => `Keep only ${theLast(n, false)} with a deque (assumes ${n} > 0${also})`;
  if (!site.assigned) {
    const use = uses[0];
    const n = use.literal !== undefined ? String(use.literal) : use.n.text;
    if (use.index) return [{ title: `Keep only ${theLast(n, true)} with a deque`, target: use.node, code: `${deque(n)}[-${n}]` }];
    const value = onlyIterated(use.node, text) ? deque(n) : `list(${deque(n)})`;
    if (use.literal !== undefined) return [{ title: `Keep only ${theLast(n, true)} with a deque`, target: use.node, code: value }];
    const plans: Plan[] = [];
    // The guard evaluates `n` twice: only for a plain value (a name, an attribute, arithmetic), never a call.
    if (plainExpression(use.n)) plans.push({ title: guardTitle(n), target: use.node, code: asReplacementFor(use.node, `${value} if ${n} > 0 else ${use.node.text}`) });
    plans.push({ title: plainTitle(n), target: use.node, code: value, unsafe: true });
    return plans;
  }
  if (uses.every((u) => u.literal !== undefined)) {
    const k = String(Math.max(...uses.map((u) => u.literal!)));
    const code = uses.every((u) => u.index) ? deque(k) : `list(${deque(k)})`;
    return [{ title: `Keep only ${theLast(k, true)} with a deque`, target: site.source, code }];
  }
  const n = uses[0].n.text;
  const value = `list(${deque(n)})`;
  const plans: Plan[] = [];
  if (plainExpression(uses[0].n) && constantUntil(uses[0].n, site.read, text)) {
    plans.push({ title: guardTitle(n), target: site.source, code: asReplacementFor(site.source, `${value} if ${n} > 0 else ${site.source.text}`) });
  }
  plans.push({ title: plainTitle(n, ' and unchanged until the slice'), target: site.source, code: value, unsafe: true });
  return plans;
}

/**
 * The plans for tails of split text (`f.read().splitlines()[-k:]`, `text.split("\n")[-k:]`): bound the read itself
 * to the file's last k lines, joined. Each file line splits into at least one item, so the last k items are the same.
 */
function splitPlans(site: ReadSite, uses: TailUse[], join: (n: string) => string, text: string): Plan[] {
  if (uses.every((u) => u.literal !== undefined)) {
    const k = String(Math.max(...uses.map((u) => u.literal!)));
    return [{ title: `Read only ${theLast(k, true)} of the file, with a deque`, target: site.read, code: join(k) }];
  }
  const n = uses[0].n.text;
  const plans: Plan[] = [];
  if (plainExpression(uses[0].n) && (!site.assigned || constantUntil(uses[0].n, site.read, text))) {
    plans.push({ title: `Read only ${theLast(n, false)} of the file, with a deque (when ${n} <= 0, read it all as before)`, target: site.read, code: asReplacementFor(site.read, `${join(n)} if ${n} > 0 else ${site.read.text}`) });
  }
  plans.push({ title: `Read only ${theLast(n, false)} of the file, with a deque (assumes ${n} > 0)`, target: site.read, code: join(n), unsafe: true });
  return plans;
}

function fixes(context: PythonContext, site: ReadSite, uses: TailUse[]): Fix[] {
  const { text, root } = context;
  const lines = linesOf(site, uses[0])!;
  const access = accessOf(site, text);
  const deque = importedName(root, text, site.read, 'collections', 'deque');
  if (!access || !deque) return [];
  let plans: Plan[];
  if (lines.kind === 'readlines') {
    plans = readlinesPlans(site, uses, (n) => `${deque.ref}(${access.expr}, maxlen=${n})`, text);
  } else {
    const empty = emptyText(site);
    if (!empty || !joinExact(site, lines)) return [];
    plans = splitPlans(site, uses, (n) => `${empty}.join(${deque.ref}(${access.expr}, maxlen=${n}))`, text);
  }
  const unprovable = site.file.kind === 'path' && !site.file.provable ? ` (unsafe: assumes ${site.file.receiver.text} is a pathlib.Path)` : '';
  const out: Fix[] = [];
  for (const plan of plans) {
    if (!builtinsCallable(root, text, plan.code)) continue;
    const edits = placeEdits(access, plan.target, [{ start: plan.target.startIndex, end: plan.target.endIndex, text: plan.code }], text);
    if (!edits) continue;
    const all: Edit[] = deque.edit ? [deque.edit, ...edits] : edits;
    out.push({ title: plan.title + unprovable, safety: plan.unsafe || unprovable ? 'unsafe' : 'safe', edits: all });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'readlines-for-tail',
    family: 'python',
    description: 'Reads every line of a file only to keep the last few.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: PythonContext) {
    for (const site of readSites(context.root, context.text, ['tail', 'other'])) {
      if (reportFlow(context, site, ['tail'], 'keep the last lines', 'Keep just those while streaming the file (collections.deque(f, maxlen=n))')) continue;
      if (site.category !== 'tail') continue;
      const uses = site.uses as TailUse[];
      const span = site.assigned ? site.source : uses[0].node;
      context.report({ start: span.startIndex, end: span.endIndex, message: message(site, uses), fixes: fixes(context, site, uses), related: usesOf(site), size: siteSize(site, sizeEnv(context)) });
    }
  },
});
