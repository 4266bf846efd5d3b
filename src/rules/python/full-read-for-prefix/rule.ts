import type { Node } from 'web-tree-sitter';
import { defineRule, type Edit, type Fix, type PythonContext } from '../../../core/rule';
import { importedName } from '../shared/imports';
import { reportFlow } from '../shared/flows';
import { sizeEnv } from '../shared/resolver';
import { linesOf, plainExpression, readPhrase, readSites, usesOf, type Lines, type ReadSite, type Use, siteSize } from '../shared/read-sites';
import { accessOf, builtinsCallable, emptyText, joinExact, placeEdits, positionMatters } from '../shared/streaming';

type PrefixUse = Extract<Use, { kind: 'prefix' }>;

/** What a bound counts: characters or bytes of the text, or lines. */
function unitOf(site: ReadSite, lines: Lines | undefined): string {
  if (lines) return 'lines';
  return site.file.mode.binary === true ? 'bytes' : site.file.mode.binary === false ? 'characters' : 'characters (or bytes)';
}

/** `line`, `16 bytes`, `` `n` characters ``. */
function amount(n: number | string, unit: string): string {
  return n === 1 ? unit.replace(/s\b/, '') : typeof n === 'number' ? `${n} ${unit}` : `\`${n}\` ${unit}`;
}

function message(site: ReadSite, uses: PrefixUse[]): string {
  const lines = linesOf(site, uses[0]);
  let start: string;
  if (uses.length === 1 && uses[0].shape === 'startswith') start = 'how it starts';
  else if (uses.every((u) => u.need !== undefined)) start = `its first ${amount(Math.max(...uses.map((u) => u.need!)), unitOf(site, lines))}`;
  else start = `its first ${amount(uses[0].bound?.text ?? 'n', unitOf(site, lines))}`;
  return `${readPhrase(site, lines)} only to look at ${start}; read only that much.`;
}

interface Plan {
  title: string;
  /** The node replaced: the use (`f.read()[:16]`), or the read (`f.read()` → `f.read(16)`) when the uses stay. */
  target: Node;
  code: (file: string, islice: string) => string;
  needsIslice: boolean;
  unsafe?: boolean;
}

/** Plans on the text (no lines): read(k) where the slice stood, or as the variable's value. */
function textPlans(site: ReadSite, uses: PrefixUse[]): Plan[] {
  const unit = unitOf(site, undefined);
  if (site.assigned || uses.length > 1) {
    if (uses.every((u) => u.need !== undefined)) {
      const k = Math.max(...uses.map((u) => u.need!));
      return [{ title: `Read only the first ${amount(k, unit)} with read(${k})`, target: site.read, code: (f) => `${f}.read(${k})`, needsIslice: false }];
    }
    const bound = uses.length === 1 ? uses[0].bound : undefined;
    if (!bound) return [];
    const n = bound.text;
    return [{ title: `Read only the first ${amount(n, unit)} with read(${n}) (assumes ${n} is not negative and unchanged until the slice)`, target: site.read, code: (f) => `${f}.read(${n})`, needsIslice: false, unsafe: true }];
  }
  const use = uses[0];
  const target = use.node;
  if (use.shape === 'startswith') {
    const needle = use.needle!.text;
    if (use.need !== undefined) return [{ title: `Read only the first ${amount(use.need, unit)} to compare`, target, code: (f) => `${f}.read(${use.need}).startswith(${needle})`, needsIslice: false }];
    if (!plainExpression(use.needle!)) return [];
    return [{ title: `Read only len(${needle}) ${unit} to compare (assumes ${needle} is a string, not a tuple)`, target, code: (f) => `${f}.read(len(${needle})).startswith(${needle})`, needsIslice: false, unsafe: true }];
  }
  if (use.shape === 'index') {
    return [{ title: `Read only the first ${amount(use.need!, unit)}`, target, code: (f) => `${f}.read(${use.need})[${use.need! - 1}]`, needsIslice: false }];
  }
  if (use.need !== undefined) return [{ title: `Read only the first ${amount(use.need, unit)} with read(${use.need})`, target, code: (f) => `${f}.read(${use.need})`, needsIslice: false }];
  const n = use.bound!.text;
  return [{ title: `Read only the first ${amount(n, unit)} with read(${n}) (assumes ${n} is not negative)`, target, code: (f) => `${f}.read(${n})`, needsIslice: false, unsafe: true }];
}

/** Plans on readlines(): `list(islice(f, k))` where the subscript stood, or as the variable's value (uses stay). */
function readlinesPlans(site: ReadSite, uses: PrefixUse[]): Plan[] {
  const known = uses.every((u) => u.need !== undefined);
  const k = known ? Math.max(...uses.map((u) => u.need!)) : undefined;
  const list = (n: string) => (f: string, islice: string) => `list(${islice}(${f}, ${n}))`;
  if (site.assigned || uses.length > 1) {
    if (k !== undefined) return [{ title: `Read only the first ${amount(k, 'lines')} with islice()`, target: site.source, code: list(String(k)), needsIslice: true }];
    return [];
  }
  const use = uses[0];
  if (use.shape === 'index') {
    const plans: Plan[] = [
      { title: `Read only the first ${amount(k!, 'lines')} with islice()`, target: use.node, code: (f, islice) => `${list(String(k))(f, islice)}[${k! - 1}]`, needsIslice: true },
    ];
    if (k === 1) {
      plans.push({ title: "Read only the first line with readline() (returns '' for an empty file instead of raising IndexError)", target: use.node, code: (f) => `${f}.readline()`, needsIslice: false, unsafe: true });
    }
    return plans;
  }
  if (k !== undefined) return [{ title: `Read only the first ${amount(k, 'lines')} with islice()`, target: use.node, code: list(String(k)), needsIslice: true }];
  const n = use.bound!.text;
  return [{ title: `Read only the first ${amount(n, 'lines')} with islice() (assumes ${n} is not negative)`, target: use.node, code: list(n), needsIslice: true, unsafe: true }];
}

/**
 * Plans on split text (`f.read().splitlines()[0]`, `text.split("\n")[:3]`): bound the read itself to the file's
 * first k lines (`readline()` for one, else joined): each file line splits into at least one item, so the first k
 * items are the same. The uses stay as they are.
 */
function splitPlans(site: ReadSite, uses: PrefixUse[], lines: Lines): Plan[] {
  if (lines.kind === 'readlines' || !joinExact(site, lines)) return [];
  const known = uses.every((u) => u.need !== undefined);
  const k = known ? Math.max(...uses.map((u) => u.need!)) : undefined;
  if (k === 1) return [{ title: 'Read only the first line with readline()', target: site.read, code: (f) => `${f}.readline()`, needsIslice: false }];
  const empty = emptyText(site);
  if (!empty) return [];
  const join = (n: string) => (f: string, islice: string) => `${empty}.join(${islice}(${f}, ${n}))`;
  if (k !== undefined) return [{ title: `Read only the first ${amount(k, 'lines')} with islice()`, target: site.read, code: join(String(k)), needsIslice: true }];
  if (uses.length !== 1 || !uses[0].bound) return [];
  const n = uses[0].bound.text;
  return [{ title: `Read only the first ${amount(n, 'lines')} with islice() (assumes ${n} is not negative${site.assigned ? ' and unchanged until the slice' : ''})`, target: site.read, code: join(n), needsIslice: true, unsafe: true }];
}

function fixes(context: PythonContext, site: ReadSite, uses: PrefixUse[]): Fix[] {
  const { text, root } = context;
  const access = accessOf(site, text);
  if (!access) return [];
  const lines = linesOf(site, uses[0]);
  const plans = !lines ? textPlans(site, uses) : lines.kind === 'readlines' ? readlinesPlans(site, uses) : splitPlans(site, uses, lines);
  // Anything that looks at the file after the read would now find it part-way instead of at its end.
  const why = positionMatters(site, text)
    ? 'unsafe: the file is used after the read, and is now left part-way'
    : site.file.kind === 'path' && !site.file.provable
      ? `unsafe: assumes ${site.file.receiver.text} is a pathlib.Path`
      : undefined;
  const out: Fix[] = [];
  for (const plan of plans) {
    const islice = plan.needsIslice ? importedName(root, text, site.read, 'itertools', 'islice') : { ref: '' };
    if (!islice) continue;
    const edit: Edit = { start: plan.target.startIndex, end: plan.target.endIndex, text: plan.code(access.expr, islice.ref) };
    if (!builtinsCallable(root, text, edit.text)) continue;
    const edits = placeEdits(access, plan.target, [edit], text);
    if (!edits) continue;
    out.push({ title: why ? `${plan.title} (${why})` : plan.title, safety: plan.unsafe || why ? 'unsafe' : 'safe', edits: islice.edit ? [islice.edit, ...edits] : edits });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'full-read-for-prefix',
    family: 'python',
    description: 'Reads a whole file only to look at its start.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: PythonContext) {
    for (const site of readSites(context.root, context.text, ['prefix', 'other'])) {
      if (reportFlow(context, site, ['prefix'], 'look at its start', 'Read just that much instead')) continue;
      if (site.category !== 'prefix') continue;
      const uses = site.uses as PrefixUse[];
      const span = site.assigned ? site.source : uses[0].node;
      context.report({ start: span.startIndex, end: span.endIndex, message: message(site, uses), fixes: fixes(context, site, uses), related: usesOf(site), size: siteSize(site, sizeEnv(context)) });
    }
  },
});
