import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, parentOf } from '../../../core/parsers/pythonTree';
import { defineRule, type Edit, type Fix, type PythonContext } from '../../../core/rule';
import { isBuiltin } from '../shared/builtins';
import { keptPerLine } from '../shared/kept';
import { callArguments, unparenthesized } from '../shared/calls';
import { evaluatedOnce, hasStatements, statements, statementsBetween } from '../shared/flow';
import { lineIndentEdits, lineStartOf, nextLineOf, ownsItsLines, statementOf } from '../shared/layout';
import { stringValue } from '../shared/literals';
import { reportFlow } from '../shared/flows';
import { sizeEnv } from '../shared/resolver';
import { linesOf, readPhrase, readSites, plainExpression, usesOf, type Category, type Lines, type ReadSite, type Use, siteSize } from '../shared/read-sites';
import { removeStatement } from '../shared/statements';
import { definitionEdits } from '../shared/definitions';
import { STREAM_SPLIT } from '../shared/split-stream';
import { accessOf, builtinsCallable, linesIterable, loopName, mayCopy, mayTouchFile, openExpression, placeEdits, positionMatters, undecodableWhy, writerWhy, type Access } from '../shared/streaming';
import { applyEdits } from '../../../core/fixes';
import { indentAt, lineBreakOf } from '../../../core/text';

type StreamUse = Extract<Use, { kind: 'iterate' | 'search' | 'count' }>;

const NEWLINE_MODE = "with newline='\\r', or a newline that is not a literal, a line may end at a lone \\r";

/** A fix title with the reason it is unsafe, if it is. */
function because(title: string, why: string | undefined): string {
  return why ? `${title} (unsafe: ${why})` : title;
}

function message(site: ReadSite, use: StreamUse): string {
  const read = readPhrase(site, linesOf(site, use));
  switch (use.kind) {
    case 'iterate':
      if (use.loop.type === 'call') return `${read} only to write the lines out again; pass the file object to writelines() instead.`;
      return `${read} only to loop over the lines once; iterate the file object instead.`;
    case 'search':
      return `${read} only to search it; search it line by line instead.`;
    case 'count':
      return `${read} only to count ${use.needle ? 'occurrences' : 'lines'}; count while streaming the lines instead.`;
  }
}

/**
 * A needle that cannot straddle two lines of the file, so searching line by line finds what searching the whole
 * text finds: a non-empty literal of the file's type (str/bytes) that is one character or holds no \r or \n.
 */
function lineLocalNeedle(needle: Node, site: ReadSite): boolean {
  const v = stringValue(needle);
  if (!v || v.value === '' || site.file.mode.binary === undefined || v.bytes !== site.file.mode.binary) return false;
  return [...v.value].length === 1 || !/[\r\n]/.test(v.value);
}

interface Replacement {
  node: Node;
  code: (file: string) => string;
  title: string;
  /** Why it is not identical, if it is not. */
  unsafe?: string;
  /** Edits that add what the code calls to the module (the `_stream_split` helper). */
  adds?: Edit[];
}

const MODE_UNKNOWN = 'the mode is not a literal: a separator of the wrong type (str, bytes) would raise only once a line is read';

/**
 * `for x in text.split("\n")` and `len(text.split("\n"))`: the same items from the file's lines through
 * `_stream_split()` (added once), whatever the newline mode. A loop now runs while the file is decoded, so text that
 * may fail to decode makes it unsafe (undecodableWhy, as for every loop); a count consumes everything at once, where
 * the error surfaces as before.
 */
function splitReplacement(context: PythonContext, site: ReadSite, use: StreamUse, lines: Lines): Replacement | undefined {
  const adds = definitionEdits(context.root, context.text, STREAM_SPLIT);
  const { binary } = site.file.mode;
  // A bytes separator on a text file (or the reverse) raises TypeError at the split, even for an empty file: no fix.
  if (!adds || (binary !== undefined && binary !== lines.sep!.bytes)) return undefined;
  const split = (file: string) => `${STREAM_SPLIT.name}(${file}, ${lines.args})`;
  const unsafe = binary === undefined ? MODE_UNKNOWN : undefined;
  if (use.kind === 'iterate') return { node: use.value, code: split, title: `Split the file as it streams, with \`${STREAM_SPLIT.name}()\``, unsafe, adds };
  if (use.kind !== 'count' || use.needle) return undefined;
  return { node: use.node, code: (file) => `sum(1 for _ in ${split(file)})`, title: 'Count the split lines while streaming the file', unsafe, adds };
}

/** The streaming code for a use, for a file object spelled `file`. */
function replacementFor(context: PythonContext, site: ReadSite, use: StreamUse): Replacement | undefined {
  const { text } = context;
  const lines = linesOf(site, use);
  if (lines?.kind === 'split-newline') return splitReplacement(context, site, use, lines);
  if (use.kind === 'iterate') {
    const probe = linesIterable(site, lines!, 'f');
    if (!probe) return undefined;
    const title = use.loop.type === 'call' ? 'Pass the file object to writelines()' : lines!.kind === 'readlines' ? 'Iterate the file object' : 'Iterate the file object, re-splitting each line with splitlines()';
    return { node: use.value, code: (file) => linesIterable(site, lines!, file)!.code, title, unsafe: probe.exact ? undefined : NEWLINE_MODE };
  }
  if (use.kind === 'search') {
    const needle = unparenthesized(use.needle);
    const exact = lineLocalNeedle(needle, site);
    if (!exact && !plainExpression(needle)) return undefined;
    const v = loopName(text, needle);
    const not = use.negated ? 'not ' : '';
    return {
      node: use.node,
      code: (file) => `${not}any(${needle.text} in ${v} for ${v} in ${file})`,
      title: 'Search the file line by line with any()',
      unsafe: exact ? undefined : 'the needle may hold a line break, or be empty',
    };
  }
  if (use.needle) {
    const needle = unparenthesized(use.needle);
    const exact = lineLocalNeedle(needle, site);
    if (!exact && !plainExpression(needle)) return undefined;
    const v = loopName(text, needle);
    return {
      node: use.node,
      code: (file) => `sum(${v}.count(${needle.text}) for ${v} in ${file})`,
      title: 'Count occurrences line by line with sum()',
      unsafe: exact ? undefined : 'the needle may hold a line break, or be empty',
    };
  }
  if (lines?.kind === 'readlines') return { node: use.node, code: (file) => `sum(1 for _ in ${file})`, title: 'Count the lines while streaming the file', unsafe: undefined };
  if (lines?.kind !== 'splitlines') return undefined;
  const exact = linesIterable(site, lines, 'f')!.exact;
  return {
    node: use.node,
    code: (file) => `sum(len(raw.splitlines(${lines.args})) for raw in ${file})`,
    title: 'Count the lines while streaming the file',
    unsafe: exact ? undefined : NEWLINE_MODE,
  };
}

/** What runs while the file streams: the loop body (iterate), nothing else (search and count consume at once). */
function streamedCode(use: StreamUse): Node[] {
  return use.kind === 'iterate' ? use.body : [];
}

/** `count = 0`, `seen = set()`, `rows = []`: a statement that reads no file and calls nothing but empty builtins. */
function harmless(statement: Node, text: string): boolean {
  if (statement.type === 'pass_statement') return true;
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  const a = statement.namedChild(0)!;
  if (a.type !== 'assignment') return false;
  const simple = (n: Node): boolean => {
    switch (n.type) {
      case 'integer': case 'float': case 'true': case 'false': case 'none': case 'identifier':
        return true;
      case 'string':
        return stringValue(n) !== undefined;
      case 'unary_operator':
        return simple(n.childForFieldName('argument')!);
      case 'list': case 'tuple': case 'set': case 'dictionary': case 'pair': case 'parenthesized_expression': case 'expression_list':
        return n.namedChildren.every((c) => !!c && (c.type === 'comment' || simple(c)));
      case 'call': {
        const fn = n.childForFieldName('function');
        const args = callArguments(n.childForFieldName('arguments'));
        return fn?.type === 'identifier' && ['list', 'dict', 'set', 'tuple', 'frozenset'].includes(fn.text) && isBuiltin(fn, text) && args.positional.length === 0 && args.keywords.size === 0;
      }
      default:
        return false;
    }
  };
  // Only names on the left: `x.a = 0` and `d[k] = 0` run __setattr__ / __setitem__.
  const names = (n: Node): boolean =>
    n.type === 'identifier' || (['pattern_list', 'tuple_pattern', 'list_pattern'].includes(n.type) && n.namedChildren.every((c) => !!c && names(c)));
  const left = a.childForFieldName('left');
  const right = a.childForFieldName('right');
  return !!left && !!right && names(left) && simple(right);
}

function directFixes(context: PythonContext, site: ReadSite, use: StreamUse, r: Replacement, access: Access): Fix[] {
  const { text } = context;
  const why = baseUnsafe(context, site, use, r) ?? undecodableWhy(site, use, text);
  const edit = (file: string): Edit => ({ start: r.node.startIndex, end: r.node.endIndex, text: r.code(file) });
  const placed = placeEdits(access, r.node, [edit(access.expr)], text);
  if (placed) return [{ title: because(access.header ? `${r.title} in a \`with ${access.header}\` block` : r.title, why), safety: why ? 'unsafe' : 'safe', edits: placed }];
  if (site.file.kind !== 'path') return [];
  // No statement to wrap: open the path inline; the file then closes when garbage-collected, not right away.
  return [{ title: `${r.title} (opened inline, closed by the garbage collector)`, safety: 'unsafe', edits: [edit(openExpression(site))] }];
}

function baseUnsafe(context: PythonContext, site: ReadSite, use: StreamUse, r: Replacement): string | undefined {
  if (r.unsafe) return r.unsafe;
  if (mayTouchFile(site, context.text, streamedCode(use))) return 'the loop body uses the file or its path, or yields';
  if (use.kind !== 'count' && positionMatters(site, context.text)) return 'the file is used after the read';
  if (site.file.kind === 'path' && !site.file.provable) return `assumes ${site.file.receiver.text} is a pathlib.Path`;
  return writerWhy(site, use, context.text);
}

/** Through a variable: drop `name = <read>` and stream where the value is used, if nothing in between depends on it. */
function variableFixes(context: PythonContext, site: ReadSite, use: StreamUse, r: Replacement, access: Access): Fix[] {
  const { text } = context;
  const assignment = site.assigned!.statement;
  const statement = statementOf(use.node);
  if (!statement || !evaluatedOnce(use.node) || !ownsItsLines(text, assignment)) return [];
  let why = baseUnsafe(context, site, use, r);
  const between = statementsBetween(assignment, statement);
  if (between) {
    // The read now happens later: statements in between must not touch the file or anything the opening call reads.
    const any = hasStatements(between);
    if (any && mayTouchFile(site, text, between)) return [];
    if (any && (site.file.kind !== 'handle' || !site.file.handle.variable)) why ??= 'the statements in between now run before the file is read';
    if (!every(statements(between), (s) => harmless(s, text))) why ??= 'the statements in between now run before the file is read';
    why ??= undecodableWhy(site, use, text);
    const removal = removeStatement(text, assignment);
    const placed = placeEdits(access, r.node, [{ start: r.node.startIndex, end: r.node.endIndex, text: r.code(access.expr) }], text);
    if (!removal || !placed) return [];
    const title = `${r.title}${access.header ? ` in a \`with ${access.header}\` block` : ''}; drop \`${site.assigned!.name}\``;
    return [{ title: because(title, why), safety: why ? 'unsafe' : 'safe', edits: [removal, ...placed] }];
  }
  return moveIntoWith(context, site, statement, r, why ?? undecodableWhy(site, use, text));
}

/**
 * `with open(p) as f: lines = f.readlines()` followed by `for line in lines:` becomes the loop inside the `with`,
 * over the file: the usual shape, where the use comes after the file's block. Plain assignments in between
 * (`count = 0`) move into the block with the loop, ahead of it, so they still run first.
 */
function moveIntoWith(context: PythonContext, site: ReadSite, statement: Node, r: Replacement, why: string | undefined): Fix[] {
  const { text } = context;
  const assignment = site.assigned!.statement;
  const variable = site.file.kind === 'handle' ? site.file.handle.variable : undefined;
  const body = parentOf(assignment);
  const withStatement = body && parentOf(body);
  if (!variable || body?.type !== 'block' || variable.region.id !== body.id || withStatement?.type !== 'with_statement') return [];
  if (namedChildrenOf(body).length !== 1) return [];
  const between = statementsBetween(withStatement, statement);
  if (!between || !ownsItsLines(text, statement) || !ownsItsLines(text, assignment)) return [];
  if (!every(statements(between), (s) => harmless(s, text) && ownsItsLines(text, s)) || mayTouchFile(site, text, between)) return [];
  // A comment after the assignment would be left stranded in the block.
  if (text.slice(assignment.endIndex, nextLineOf(text, assignment.endIndex)).trim() !== '') return [];
  const from = indentAt(text, statement.startIndex);
  const to = indentAt(text, assignment.startIndex);
  if (!to.startsWith(from) || to === from) return [];
  const moving = [...statements(between), statement];
  const start = lineStartOf(text, moving[0].startIndex);
  if (!mayCopy(context.root, text, start, statement.endIndex)) return [];
  const end = nextLineOf(text, statement.endIndex);
  const edits: Edit[] = [
    { start, end: start, text: to.slice(from.length) },
    ...lineIndentEdits(text, start, end, to.slice(from.length), moving),
    { start: r.node.startIndex, end: r.node.endIndex, text: r.code(variable.name) },
  ];
  let moved: string;
  try {
    moved = applyEdits(text.slice(start, end), edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start })));
  } catch {
    return [];
  }
  if (!moved.endsWith('\n')) moved += lineBreakOf(text);
  return [{
    title: because(`${r.title} inside the \`with\` block; drop \`${site.assigned!.name}\``, why),
    safety: why ? 'unsafe' : 'safe',
    edits: [
      { start: lineStartOf(text, assignment.startIndex), end: nextLineOf(text, assignment.endIndex), text: moved },
      { start, end, text: '' },
    ],
  }];
}

function every<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  for (const item of items) if (!test(item)) return false;
  return true;
}

// 'other': a read whose value goes to a function that streams it (reportFlow), or a strict-mode hint.
const CATEGORIES: readonly Category[] = ['iterate', 'search', 'count', 'other'];

function strictHint(site: ReadSite): string {
  const what = site.method === 'readlines' ? 'readlines() holds every line of the file' : `${site.method}() holds the whole file`;
  return `${what} in memory at once; if the file can be large, stream it (iterate it, or read it in chunks).`;
}

export default defineRule({
  meta: {
    id: 'whole-file-read',
    family: 'python',
    description: 'Reads a whole file into memory and then processes it line by line or searches it.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: PythonContext) {
    for (const site of readSites(context.root, context.text, CATEGORIES)) {
      if (site.category === 'iterate' || site.category === 'search' || site.category === 'count') {
        const use = site.uses[0] as StreamUse;
        const found = replacementFor(context, site, use);
        const r = found && builtinsCallable(context.root, context.text, found.code('f')) ? found : undefined;
        const access = r && accessOf(site, context.text);
        const streamed = r && access ? (site.assigned ? variableFixes : directFixes)(context, site, use, r, access) : [];
        const fixes = streamed.map((f) => (r?.adds?.length ? { ...f, edits: [...f.edits, ...r.adds] } : f));
        const span = site.assigned ? site.source : use.kind === 'iterate' ? use.value : use.node;
        const discount = use.kind === 'iterate' ? keptPerLine(use.loop, context.text) : undefined;
        context.report({ start: span.startIndex, end: span.endIndex, message: message(site, use), fixes, related: usesOf(site), size: siteSize(site, sizeEnv(context)), discount });
      } else if (reportFlow(context, site, ['iterate', 'search', 'count'], 'be processed line by line', 'Stream the file instead')) {
        continue;
      } else if (site.category === 'other' && context.settings.strict) {
        context.report({ start: site.read.startIndex, end: site.read.endIndex, message: strictHint(site), severity: 'hint', size: siteSize(site, sizeEnv(context)) });
      }
    }
  },
});
