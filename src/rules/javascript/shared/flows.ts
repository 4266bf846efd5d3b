// Following a whole read's content through functions and modules: handed to `parse(text)`, which splits it into
// lines and loops over them (in this file or another), or returned by `load(p)` to callers that loop over
// `load(p).split('\n')`. The result says what every use does and the steps that lead there, for the finding's
// related locations. Other files come from the project index; this file from its own AST (so flows within one
// file are found without an index).
import type { JsContext, Range, RelatedSpan } from '../../../core/rule';
import { basename } from 'node:path';
import { lineIndexOf } from './callers';
import { readSpan, type WholeRead } from './reads';
import { resolverFor, sizeEnv, type Module, type Resolver } from './resolver';
import { pathSize } from './size';
import { moduleFunctionOf, useFacts, type StreamKind, type UseFact } from './summary';
import type { LineIndex } from '../../../core/text';

export interface FlowUse {
  kind: StreamKind;
  /** The function that does it, when not the read's own (`parse`). */
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
  search: 'searches its lines',
  tail: 'keeps only its last lines',
  prefix: 'looks only at its start',
};

/** What a flow use does, for messages: `parse() loops over its lines`. */
export function phraseOf(use: FlowUse): string {
  return use.by ? `\`${use.by}()\` ${DOES[use.kind]}` : DOES[use.kind];
}

interface Walk {
  resolver: Resolver;
  file: string;
  lines: LineIndex;
  name: string;
  steps: RelatedSpan[];
  uses: FlowUse[];
}

/** A related location: offsets in the file being linted, else a range in another file. */
function span(w: Walk, module: Module, range: Range, message: string): RelatedSpan {
  if (module.file === w.file) return { start: w.lines.offset(range.line, range.column), end: w.lines.offset(range.endLine, range.endColumn), message };
  return { file: module.file, range, message };
}

/** Expand one fact in `module`; false when its use is not one that streams (the whole content is needed). */
function expand(w: Walk, module: Module, fact: UseFact, fn: string | undefined, by: string | undefined, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (fact.kind) {
    case 'iterate':
    case 'search':
    case 'tail':
    case 'prefix': {
      const use: FlowUse = { kind: fact.kind, by, range: fact.range, file: module.file === w.file ? undefined : module.file };
      w.uses.push(use);
      w.steps.push(span(w, module, fact.range, `${phraseOf(use)} here`));
      return true;
    }
    case 'passed': {
      const target = w.resolver.function(module, fact.callee);
      const consumed = target?.facts.consumes[fact.arg]?.[fact.as];
      if (!target || !consumed) return false;
      w.steps.push(span(w, module, fact.range, `${w.name} is passed to \`${target.name}()\` here`));
      return consumed.every((f) => expand(w, target.module, f, target.name, target.name, depth + 1));
    }
    case 'returned': {
      if (!fn) return false;
      const { calls, complete } = w.resolver.callers(module, fn);
      if (!complete || calls.length === 0) return false;
      for (const { module: caller, call } of calls) {
        const result = call.result[fact.as];
        if (!result) return false;
        w.steps.push(span(w, caller, call.range, `\`${fn}()\` returns it here`));
        if (!result.every((f) => expand(w, caller, f, call.in, call.in, depth + 1))) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const CACHE = new WeakMap<WholeRead, { project: object | undefined; flow: Flow | undefined }>();

/**
 * Where the content of a read goes when its own function does not settle it: every use, through calls and
 * returns, when each only streams the content; undefined when any use needs it whole or cannot be seen. Only for
 * reads whose content goes on to a call, a return, or several uses (the rules handle one local use with fixes).
 */
export function flowOf(read: WholeRead, context: JsContext): Flow | undefined {
  const cached = CACHE.get(read);
  if (cached && cached.project === context.project) return cached.flow;
  const flow = computeFlow(read, context);
  CACHE.set(read, { project: context.project, flow });
  return flow;
}

function computeFlow(read: WholeRead, context: JsContext): Flow | undefined {
  if (!read.value || read.content === 'other') return undefined;
  const lines = lineIndexOf(context.ast, context.text);
  const facts = useFacts(read.value, read.content, lines);
  if (!facts.some((f) => f.kind === 'passed' || f.kind === 'returned') && facts.length < 2) return undefined;
  const resolver = resolverFor(context);
  const self = resolver.self;
  const declared = read.value.ancestors[read.value.ancestors.length - 1];
  const name = declared?.type === 'VariableDeclarator' && declared.id.type === 'Identifier' ? `\`${declared.id.name}\`` : 'the content';
  const w: Walk = { resolver, file: self.file, lines, name, steps: [], uses: [] };
  const fn = moduleFunctionOf(read.call.node, context.ast);
  for (const fact of facts) if (!expand(w, self, fact, fn, undefined, 0)) return undefined;
  return w.uses.length ? { uses: w.uses, steps: w.steps } : undefined;
}

/** `parse()` loops over its lines (lib.js:6) and `count()` searches its lines (line 12): for messages. */
export function flowPhrase(flow: Flow): string {
  const parts = flow.uses.map((u) => `${phraseOf(u)} (${u.file ? `${basename(u.file)}:${u.range.line}` : `line ${u.range.line}`})`);
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Report a read whose content goes on through other functions (or is used several times) when every use is one
 * of `kinds`: at the read, each step as a related location, no fix (the change spans functions). True if reported.
 */
export function reportFlow(context: JsContext, read: WholeRead, kinds: readonly StreamKind[], purpose: string, advice: string): boolean {
  const flow = flowOf(read, context);
  if (!flow || !flow.uses.every((u) => kinds.includes(u.kind))) return false;
  const passes = flow.uses.length > 1 ? `, once per pass (${flow.uses.length} passes)` : '';
  context.report({
    ...readSpan(read),
    message: `\`${read.name}\` reads the whole file into memory only to ${purpose}: ${flowPhrase(flow)}. ${advice}${passes}.`,
    related: flow.steps,
    size: pathSize(read.path, sizeEnv(context)),
  });
  return true;
}

/** Whether some rule reports the read through its flow (every use streams): strict mode's hint then says nothing new. */
export function streamsThroughFlow(read: WholeRead, context: JsContext): boolean {
  return !!flowOf(read, context);
}
