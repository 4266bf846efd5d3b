import type { Node } from 'web-tree-sitter';
import * as path from 'node:path';
import { childrenOf, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import { defineRule, type Edit, type PythonContext, type RelatedSpan, type Size } from '../../../core/rule';
import { enclosingFunction, scopeOf } from '../shared/scopes';
import { sizeEnv } from '../shared/resolver';
import { iterableSize, strongest, type SizeEnv } from '../shared/size';
import { removeStatement } from '../shared/statements';
import { accumulator, isEmptyList, type Accumulator } from './accumulator';
import { annotationEdits } from './annotation';
import { promisedToOthers } from './api';
import { callersIterateOnce, remoteCallers } from './callers';

// `name = []` or `name = list()` on a line of its own inside a block: found in the text, confirmed by the nodes there.
/** `= []` or `= list()`: the end of an empty list's assignment. */
const EMPTY_LIST = /=[ \t]*(?:\[[ \t]*\]|list[ \t]*\([ \t]*\))/g;
/** What comes before it on its line: an indented name, maybe annotated (no other `=`). */
const TARGET = /^([ \t]+)[\p{L}_][\p{L}\p{N}_]*[ \t]*(?::[^=\n]+)?$/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

const isBreak = (code: number) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;

/**
 * Where an indented `name = []` (or `name: T = list()`) starts, in text order: its name. Each line with a match is
 * looked at once, from its start to its end, however many `= []` it holds: linear in the text.
 */
export function emptyListTargets(text: string): number[] {
  const out: number[] = [];
  let lineEnd = -1; // where the last line looked at ends (its break)
  EMPTY_LIST.lastIndex = 0;
  for (let m = EMPTY_LIST.exec(text); m; m = EMPTY_LIST.exec(text)) {
    if (m.index < lineEnd) continue; // only a line's first `=` can follow its target
    let lineStart = m.index;
    while (lineStart > 0 && !isBreak(text.charCodeAt(lineStart - 1))) lineStart--;
    LINE_BREAK.lastIndex = m.index;
    lineEnd = LINE_BREAK.exec(text)?.index ?? Infinity;
    if (text.indexOf('=', lineStart) !== m.index) continue;
    const target = TARGET.exec(text.slice(lineStart, m.index));
    if (target) out.push(lineStart + target[1].length);
  }
  return out;
}

/** The statement `name = [...]` / `name = f(...)` starting at `at`: `(expression_statement (assignment left: (identifier) right: [(list) (call)]))`. */
function initAt(context: PythonContext, at: number): Node | undefined {
  let statement: Node | null = nodeAt(context.tree, at, at + 1);
  while (statement && statement.type !== 'expression_statement' && statement.startIndex === at) statement = parentOf(statement);
  if (statement?.type !== 'expression_statement' || statement.startIndex !== at) return undefined;
  const fits = (c: Node) =>
    c.type === 'assignment' && c.childForFieldName('left')?.type === 'identifier' && ['list', 'call'].includes(c.childForFieldName('right')?.type ?? '');
  return childrenOf(statement).some(fits) ? statement : undefined;
}

export default defineRule({
  meta: {
    id: 'list-accumulation',
    family: 'python',
    description: 'Appends every item of a loop to a list that is returned whole.',
    defaultLevel: 'information',
    fixable: 'unsafe',
  },
  check(context: PythonContext) {
    const { text } = context;
    for (const at of emptyListTargets(text)) {
      const init = initAt(context, at);
      if (init) check(context, init);
    }
  },
});

function check(context: PythonContext, init: Node): void {
  const { text, root } = context;
  const assignment = init.firstNamedChild!;
  if (!isEmptyList(assignment.childForFieldName('right')!, text)) return;
  const fn = enclosingFunction(init);
  if (!fn || fn.type !== 'function_definition' || scopeOf(init).id !== fn.id) return;
  // A coroutine cannot become a plain generator; a decorator may rely on the list (caching, frameworks);
  // a method's result type belongs to its class's interface; dunders have fixed contracts.
  if (fn.child(0)?.type === 'async' || parentOf(fn)?.type === 'decorated_definition' || scopeOf(fn).type === 'class_definition') return;
  const fname = fn.childForFieldName('name')!.text;
  if (/^__.*__$/.test(fname) || promisedToOthers(text, fn, fname)) return;
  const annotation = annotationEdits(text, root, fn);
  if (annotation === 'not-a-list') return;
  const name = assignment.childForFieldName('left')!.text;
  const acc = accumulator(text, fn, init, name);
  if (!acc) return;
  const local = callersIterateOnce(root, text, fn, fname);
  const remote = local >= 0 && !enclosingFunction(fn) ? remoteCallers(context, fname) : { ok: local >= 0, related: [] };
  if (local < 0 || !remote.ok || local + remote.related.length === 0) return;
  const body = annotation === 'unfixable' ? undefined : generatorEdits(text, acc);
  const edits = body && annotation !== 'unfixable' ? [...body, ...annotation] : undefined;
  context.report({
    start: assignment.startIndex,
    end: assignment.endIndex,
    message: `\`${fname}()\` collects every item in \`${name}\` and returns the whole list, yet each caller ${where(local, remote.related)} iterates it once: a generator would hold one item at a time`,
    related: remote.related.length ? remote.related : undefined,
    fixes: edits ? [{ title: `Make \`${fname}()\` a generator`, safety: 'unsafe', edits }] : [],
    size: accumulatedSize(acc, sizeEnv(context)),
  });
}

/** `here`, `in app.py`, `here and in app.py, cli.py`. */
function where(local: number, related: RelatedSpan[]): string {
  const files = [...new Set(related.map((r) => ('file' in r ? path.basename(r.file) : '')))].filter(Boolean);
  if (files.length === 0) return 'here';
  return `${local > 0 ? 'here and ' : ''}in ${files.join(', ')}`;
}

/** As many items as the loops around the appends run: the strongest of their iterables (`while`: unknown). */
function accumulatedSize(acc: Accumulator, env: SizeEnv): Size {
  const sizes: Size[] = [];
  for (const { call } of acc.adds) {
    let child: Node = call;
    for (let p = parentOf(call); p && p.id !== acc.fn.id; child = p, p = parentOf(p)) {
      if (p.type === 'for_statement' && p.childForFieldName('body')?.id === child.id) sizes.push(iterableSize(p.childForFieldName('right')!, env));
      else if (p.type === 'while_statement') sizes.push({ growth: 'unknown' });
    }
  }
  return strongest(sizes);
}

/** `results = []` goes, `results.append(x)` becomes `yield x`, `results.extend(xs)` becomes `yield from xs`, returns go bare. */
function generatorEdits(text: string, acc: Accumulator): Edit[] | undefined {
  const removeInit = removeStatement(text, acc.init);
  if (!removeInit) return undefined;
  const edits: Edit[] = [removeInit];
  for (const { call, argument, from } of acc.adds) {
    const around = text.slice(call.startIndex, argument.startIndex) + text.slice(argument.endIndex, call.endIndex);
    if (around.includes('#')) return undefined;
    const value = argument.type === 'named_expression' || /[\r\n]/.test(argument.text) ? `(${argument.text})` : argument.text;
    edits.push({ start: call.startIndex, end: call.endIndex, text: `${from ? 'yield from' : 'yield'} ${value}` });
  }
  edits.push(removeStatement(text, acc.last) ?? { start: acc.last.startIndex, end: acc.last.endIndex, text: 'return' });
  for (const r of acc.early) edits.push({ start: r.startIndex, end: r.endIndex, text: 'return' });
  return edits;
}
