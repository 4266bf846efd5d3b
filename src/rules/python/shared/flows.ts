// Following a whole read's content through functions and modules: handed to `find_section_headers(content)`,
// which splits it into lines and loops over them (in this file or another), or returned by `load(p)` to callers
// that loop over `load(p).splitlines()`. The result says what every use does and the steps that lead there, for
// the finding's related locations. Other files come from the project index; this file from its own tree.
import type { Node } from 'web-tree-sitter';
import type { ProjectView } from '../../../core/project';
import type { Fix, PythonContext, Range, RelatedSpan } from '../../../core/rule';
import { LineIndex } from '../../../core/text';
import { readPhrase, siteSize, type LinesKind, type ReadSite } from './read-sites';
import { isModuleScope, scopeOf } from './scopes';
import { rereadFix } from './reread';
import { projectOf, Resolver, sizeEnv, type Module } from './resolver';
import { valueFacts, type UseFact } from './summary';

export type StreamKind = 'iterate' | 'search' | 'count' | 'tail' | 'prefix';

export interface FlowUse {
  kind: StreamKind;
  lines?: LinesKind;
  /** The function that does it, when not the read's own (`find_section_headers`). */
  by?: string;
  /** Where: its file (absent: this one) and range. */
  file?: string;
  range: Range;
}

export interface Flow {
  uses: FlowUse[];
  /** Every step from the read to each use, in order, as related locations. */
  steps: RelatedSpan[];
}

const MAX_DEPTH = 4;

const DOES: Record<StreamKind, string> = {
  iterate: 'loops over its lines',
  search: 'searches it',
  count: 'counts in it',
  tail: 'keeps only its last lines',
  prefix: 'looks only at its start',
};

/** What a flow use does, for messages: `find_section_headers() loops over its lines`. */
export function phraseOf(use: FlowUse): string {
  const does = use.kind === 'count' && use.lines ? 'counts its lines' : DOES[use.kind];
  return use.by ? `\`${use.by}()\` ${does}` : does;
}

/** A related location: offsets in the file being linted, else a range in another file. */
function span(w: Walk, module: Module, range: Range, message: string): RelatedSpan {
  const lines = w.lines;
  if (module.file === w.file) {
    return { start: lines.offset(range.line, range.column), end: lines.offset(range.endLine, range.endColumn), message };
  }
  return { file: module.file, range, message };
}

interface Walk {
  resolver: Resolver;
  file: string;
  lines: LineIndex;
  name: string;
  steps: RelatedSpan[];
  uses: FlowUse[];
}

/** Expand one fact in `module`; false when its use is not one that streams (the whole value is needed). */
function expand(w: Walk, module: Module, fact: UseFact, fn: string | undefined, by: string | undefined, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (fact.kind) {
    case 'iterate':
    case 'search':
    case 'count':
    case 'tail':
    case 'prefix': {
      const use: FlowUse = { kind: fact.kind, lines: fact.lines, by, range: fact.range, file: module.file === w.file ? undefined : module.file };
      w.uses.push(use);
      w.steps.push(span(w, module, fact.range, `${phraseOf(use)} here`));
      return true;
    }
    case 'passed': {
      const target = w.resolver.function(module, fact.callee);
      if (!target) return false;
      const index = typeof fact.arg === 'number' ? fact.arg : target.facts.params.indexOf(fact.arg);
      const consumed = target.facts.consumes[index];
      if (!consumed) return false;
      w.steps.push(span(w, module, fact.range, `\`${w.name}\` is passed to \`${target.name}()\` here`));
      return consumed.every((f) => expand(w, target.module, f, target.name, target.name, depth + 1));
    }
    case 'returned': {
      if (!fn) return false;
      const { calls, complete } = w.resolver.callers(module, fn);
      if (!complete || calls.length === 0) return false;
      for (const { module: caller, call } of calls) {
        w.steps.push(span(w, caller, call.range, `\`${fn}()\` returns it here`));
        if (!call.result.every((f) => expand(w, caller, f, call.in, call.in, depth + 1))) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Where the content of a read goes when the read's own function does not settle it: every use, through calls
 * and returns, if each one only streams the content; undefined when any use needs it whole or cannot be seen.
 * Only for reads whose local uses are not one plain use (the rules handle those with fixes).
 */
export function flowOf(site: ReadSite, context: PythonContext): Flow | undefined {
  const project = projectOf(context);
  const cached = CACHE.get(site);
  if (cached?.project === project) return cached.flow;
  const flow = computeFlow(site, context, project);
  CACHE.set(site, { project, flow });
  return flow;
}

const CACHE = new WeakMap<ReadSite, { project: ProjectView; flow: Flow | undefined }>();

function computeFlow(site: ReadSite, context: PythonContext, project: ProjectView): Flow | undefined {
  const resolver = new Resolver(context, project);
  const self = resolver.module(project.file);
  if (!self) return undefined;
  const lines = new LineIndex(context.text);
  const facts = valueFacts(site.source, !!site.lines, context.text, lines);
  if (!facts.some((f) => f.kind === 'passed' || f.kind === 'returned') && facts.length < 2) return undefined;
  const fn = enclosingFunctionName(site.read);
  const w: Walk = { resolver, file: project.file, lines, name: site.assigned?.name ?? 'the content', steps: [], uses: [] };
  for (const fact of facts) if (!expand(w, self, fact, fn, undefined, 0)) return undefined;
  return w.uses.length ? { uses: w.uses, steps: w.steps } : undefined;
}

function enclosingFunctionName(node: Node): string | undefined {
  const fn = scopeOf(node);
  return fn.type === 'function_definition' && isModuleScope(scopeOf(fn)) ? fn.childForFieldName('name')!.text : undefined;
}

/** `find_section_headers()` loops over its lines (helpers.py:6) and `count()` counts in it (line 12): for messages. */
export function flowPhrase(flow: Flow): string {
  const parts = flow.uses.map((u) => {
    const where = u.file ? `${basename(u.file)}:${u.range.line}` : `line ${u.range.line}`;
    return `${phraseOf(u)} (${where})`;
  });
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function basename(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/**
 * Report a read whose content goes on through other functions (or is used several times) when every use is one
 * of `kinds`: at the read, each step as a related location, no fix (the change spans functions). True if reported.
 */
export function reportFlow(context: PythonContext, site: ReadSite, kinds: readonly StreamKind[], purpose: string, advice: string): boolean {
  if (site.category !== 'other') return false;
  const flow = flowOf(site, context);
  if (!flow || !flow.uses.every((u) => kinds.includes(u.kind))) return false;
  const span = site.assigned ? site.source : site.read;
  const passes = flow.uses.length > 1 ? `, once per pass (${flow.uses.length} passes)` : '';
  context.report({
    start: span.startIndex,
    end: span.endIndex,
    message: `${readPhrase(site, undefined)} only to ${purpose}: ${flowPhrase(flow)}. ${advice}${passes}.`,
    related: flow.steps,
    size: siteSize(site, sizeEnv(context)),
    fixes: [rereadFix(context, site, flow)].filter((f): f is Fix => !!f),
  });
  return true;
}
