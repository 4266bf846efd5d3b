// What the read rules' fixes need to know about a read site before they stream it: how to name the file
// object in new code, whether anything else depends on where the read leaves the file, whether a loop body
// could touch the file, and how to place new code (a `with` block, parentheses).
import type { Node, Tree } from 'web-tree-sitter';
import { childrenOf, folded, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import type { Edit } from '../../../core/rule';
import { bindingScope, hasWildcardImport } from './builtins';
import { callArguments, outerParent, unparenthesized, inField } from './calls';
import { fileOf } from './files';
import { evaluatedOnce, isVariable, type Between } from './flow';
import { allIdentifiersNamed, firstFrom, identifiersNamed } from './identifiers';
import { freshName, statementOf, wrapInWith } from './layout';
import { inertOverLines } from './inert';
import { readsWithin, type Lines, type ReadSite, type Use } from './read-sites';
import { COMPREHENSIONS } from './scopes';
import { mentionedInStatements, mentionsIn } from './words';

/** How fix code reaches the file: the same file object, or (path reads) a `with` block around a statement. */
export interface Access {
  /** The file object in generated code: `f`, `open(p)`, or the name a new `with` binds. */
  expr: string;
  /** Wrap the statement in `with <header> as <expr>:` (path reads). */
  header?: string;
}

/** Access to the site's file: its own file object, or for `p.read_text()` a `with p.open() as <fresh>:`. */
export function accessOf(site: ReadSite, text: string): Access | undefined {
  if (site.file.kind === 'handle') return { expr: site.file.handle.expr };
  // `importlib.resources.read_text(package, name)`: no fix (what to open instead depends on the Python version).
  if (site.file.kind === 'resource') return undefined;
  const name = freshName(text);
  if (!name) return undefined;
  return { expr: name, header: `${openExpression(site)} as ${name}` };
}

/**
 * Budget for fixes that copy a stretch of the file (wrapping a statement in a `with`, moving statements into one):
 * each read in the stretch may get such a fix, so the stretch's length times its reads is kept under this. A
 * statement of a few hundred lines with one read qualifies; thousands of reads in one huge statement do not,
 * where their fixes would copy the statement once per read.
 */
const MAX_COPIED = 40_000;

/** Whether fixes may copy text[start, end) once for each read in it. */
export function mayCopy(root: Node, text: string, start: number, end: number): boolean {
  return (end - start) * Math.max(1, readsWithin(root, text, start, end)) <= MAX_COPIED;
}

/** `p.open(...)` for a path read: the same file, in the same mode, as read_text() / read_bytes() opens. */
export function openExpression(site: ReadSite): string {
  if (site.file.kind === 'handle') return site.file.handle.expr;
  if (site.file.kind === 'resource') throw new Error('a package resource read has no file object to open (accessOf gives it none)');
  return `${wrapIfNeeded(site.file.receiver)}.open(${site.file.openArgs})`;
}

/** An expression that may take `.attr` as it is (`p`, `f(x)`, `a.b`), else parenthesised (`a / b`). */
function wrapIfNeeded(node: Node): string {
  const simple = ['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression'].includes(node.type);
  return simple ? node.text : `(${node.text})`;
}

/**
 * Apply `edits` (inside one statement) so the file is reachable: as they are for a file object; for a path read,
 * inside a new `with` around the statement holding `at`, if it runs `at` exactly once. Undefined otherwise.
 */
export function placeEdits(access: Access, at: Node, edits: Edit[], text: string): Edit[] | undefined {
  if (!access.header) return edits;
  const statement = statementOf(at);
  if (!statement || !evaluatedOnce(at) || !mayCopy(statement.tree.rootNode, text, statement.startIndex, statement.endIndex)) return undefined;
  const wrapped = wrapInWith(text, statement, access.header, edits);
  return wrapped && [wrapped];
}

/**
 * The path expression as written (`p`, `self.path`, `sys.argv[1]`), and for `Path(p)` its arguments too, to spot
 * code that names the file again.
 */
function pathWords(site: ReadSite): string[] {
  const path = site.file.path && unparenthesized(site.file.path);
  if (!path || path.text.length > 200) return [];
  const args = path.type === 'call' ? callArguments(path.childForFieldName('arguments')).positional : [];
  return [path.text, ...args.map((a) => a.text)];
}

/** The words that name the file or hand control elsewhere: its path, its variable, `yield`, `await`. */
function touchingWords(site: ReadSite): string[] {
  const words = [...pathWords(site), 'yield', 'await'];
  if (site.file.kind === 'handle' && site.file.handle.variable) words.push(site.file.handle.variable.name);
  return words;
}

/**
 * Whether code that now runs while the file is being streamed could touch it or hand control elsewhere
 * mid-stream: it names the file object or its path, or it yields/awaits (a caller could then change the file).
 * `nodes`: the code (a loop body), or the statements of a block between two others.
 */
export function mayTouchFile(site: ReadSite, text: string, nodes: readonly Node[] | Between): boolean {
  const words = touchingWords(site);
  if ('siblings' in nodes) return words.some((w) => mentionedInStatements(text, w, nodes.siblings, nodes.from, nodes.to));
  return nodes.some((n) => words.some((w) => mentionsIn(text, w, n.startIndex, n.endIndex)));
}

const REPEATS = {};

/**
 * Whether evaluating `node`'s statement may evaluate `node` more than once: `node` is in a comprehension's body
 * (anything but its first iterable), or in a for loop's target. Once per node.
 */
function repeatsInStatement(node: Node): boolean {
  return folded<boolean>(
    REPEATS,
    node,
    (n, parent) => (!parent || parent.type === 'block' || parent.type === 'module' ? false : undefined),
    (n, parent, above) => above || repeatedBy(parent, n),
  );
}

/** Whether `parent` evaluates its child `child` more than once (a loop, a comprehension's body). */
function repeatedBy(parent: Node, child: Node): boolean {
  if (parent.type === 'while_statement') return true;
  if (parent.type === 'for_statement') return !inField(parent, 'right', child);
  // A comprehension runs everything but its first iterable once per item; the first clause says what under it runs once.
  if (COMPREHENSIONS.has(parent.type)) return firstClause(parent)?.id !== child.id;
  if (parent.type === 'for_in_clause') {
    const comprehension = parentOf(parent);
    return !!comprehension && COMPREHENSIONS.has(comprehension.type) && firstClause(comprehension)?.id === parent.id && !inField(parent, 'right', child);
  }
  return false;
}

function firstClause(comprehension: Node): Node | undefined {
  return childrenOf(comprehension).find((c) => c.type === 'for_in_clause');
}

/** Whether `node` may run more than once per binding of the file: in a loop (or comprehension body) within `region`. */
function repeatsWithin(node: Node, region: Node): boolean {
  if (repeatsInStatement(node)) return true;
  // The statements around it, up to the region: loops among them (as deep as the code is indented).
  let child = statementOf(node);
  if (!child) return false;
  for (let p = parentOf(child); p && p.id !== region.id; child = p, p = parentOf(p)) {
    if (repeatedBy(p, child)) return true;
  }
  return false;
}

/** The variable `name`'s occurrences in the file, with prefix counts of the kinds `positionMatters` asks about. */
interface Occurrences {
  ids: readonly Node[];
  /** others[i]: how many of ids[0, i) are not `name.close()`. */
  others: number[];
  /** escapes[i]: how many of ids[0, i) are not `name.anything` (uses that may let the file escape). */
  escapes: number[];
}

const OCCURRENCES = new WeakMap<Tree, Map<string, Occurrences>>();

function occurrencesOf(root: Node, text: string, name: string): Occurrences {
  let perTree = OCCURRENCES.get(root.tree);
  if (!perTree) OCCURRENCES.set(root.tree, (perTree = new Map()));
  let known = perTree.get(name);
  if (!known) {
    const ids = allIdentifiersNamed(root, text, name).filter(isVariable);
    const others = [0];
    const escapes = [0];
    for (const id of ids) {
      const { parent } = outerParent(id);
      const closes = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'close' && parentOf(parent)?.type === 'call';
      others.push(others[others.length - 1] + (closes ? 0 : 1));
      escapes.push(escapes[escapes.length - 1] + (parent?.type === 'attribute' ? 0 : 1));
    }
    known = { ids, others, escapes };
    perTree.set(name, known);
  }
  return known;
}

/** How many of ids[from, to) `counts` counts, leaving out the nodes `skip`. */
function countIn(o: Occurrences, counts: number[], from: number, to: number, skip: readonly Node[]): number {
  if (to <= from) return 0;
  let n = counts[to] - counts[from];
  for (const node of skip) {
    const i = firstFrom(o.ids, node.startIndex);
    if (i >= from && i < to && o.ids[i]?.id === node.id && counts[i + 1] > counts[i]) n--;
  }
  return n;
}

/**
 * Whether anything depends on where the read leaves the file position (end of file): the file object is used
 * after the read (`f.close()` aside), escapes, or the read runs again in a loop on the same file.
 */
export function positionMatters(site: ReadSite, text: string): boolean {
  if (site.file.kind !== 'handle' || !site.file.handle.variable) return false;
  const { name, binding, region, until } = site.file.handle.variable;
  if (repeatsWithin(site.read, region)) return true;
  const receiver = unparenthesized(site.read.childForFieldName('function')!.childForFieldName('object')!);
  const o = occurrencesOf(site.read.tree.rootNode, text, name);
  // The occurrences between the binding (or the region's start) and `until`, split at the read.
  const from = firstFrom(o.ids, Math.max(region.startIndex, binding.startIndex));
  const to = Math.max(from, firstFrom(o.ids, until - name.length + 1));
  const split = Math.min(to, Math.max(from, firstFrom(o.ids, site.read.startIndex + 1)));
  const skip = [binding, receiver];
  // After the read: any use but `f.close()`. Before it: any use but a method call (`f.readline()` only moves the position).
  return countIn(o, o.others, split, to, skip) > 0 || countIn(o, o.escapes, from, split, skip) > 0;
}

/**
 * For `out.writelines(lines)` → `out.writelines(f)`: why it is not identical, if it is not. The lines are now written
 * while the file is still being read, which nobody can tell when `out` is a file opened empty for writing
 * (`open(dst, "w")`) from another path expression: even if `dst` names the same file (a link), opening it emptied
 * it before either version read it (taken: nothing was written to `out` before the copy). Anything else
 * (`sys.stdout`, a parameter, a file opened to append, the same path) may be this file, or not a file at all.
 */
export function writerWhy(site: ReadSite, use: Use, text: string): string | undefined {
  if (use.kind !== 'iterate' || use.loop.type !== 'call') return undefined;
  const writer = use.body[0];
  const opened = fileOf(writer, text)?.opened;
  const samePath = !!opened?.path && !!site.file.path && opened.path.text === site.file.path.text;
  return opened?.truncates && !samePath ? undefined : `assumes ${writer.text} is a file of its own, opened for writing`;
}

/**
 * Why reading the file as a stream is not identical to the whole read when a byte does not decode, if it is not.
 * The whole read raised `UnicodeDecodeError` before anything else ran; a stream raises it only on reaching the byte.
 * A loop has then run (printed, written, stopped early) for the lines before it, and a search that stops at its
 * match, or a read of the file's start, never reaches it. Nothing tells them apart when decoding cannot fail
 * (binary, `errors='replace'`, Latin-1), when the stream is consumed whole with nothing run per line (counts,
 * tails), or when a comprehension's items are inert (`inert.ts`). The error is the same type either way; only the
 * byte offset in its message may count from the start of a read chunk rather than of the file.
 */
export function undecodableWhy(site: ReadSite, use: Use, text: string): string | undefined {
  if (!site.file.mode.decodeMayFail) return undefined;
  switch (use.kind) {
    case 'iterate':
      if (use.loop.type === 'call') return 'a byte that does not decode now raises after the lines before it were written';
      if (COMPREHENSIONS.has(use.loop.type) && inertOverLines(use.loop, site.file.mode.binary, text)) return undefined;
      return 'a byte that does not decode now raises when the loop reaches it, after the lines before it ran';
    case 'search':
      return 'a byte that does not decode after the match is no longer read, so no longer raises';
    case 'prefix':
      return 'a byte that does not decode past the start is no longer read, so no longer raises';
    default:
      return undefined;
  }
}

/** Parent node types where a bare `a if c else b` needs no parentheses. */
const LOOSE_SLOTS: Record<string, string | null> = {
  argument_list: null,
  keyword_argument: 'value',
  assignment: 'right',
  augmented_assignment: 'right',
  return_statement: null,
  expression_statement: null,
  for_statement: 'right',
};

/** `code` (a conditional expression) as it may replace `node`: parenthesised unless its slot takes it bare. */
export function asReplacementFor(node: Node, code: string): string {
  const { parent, child } = outerParent(node);
  if (child.id !== node.id) return code;
  if (parent && parent.type in LOOSE_SLOTS) {
    const field = LOOSE_SLOTS[parent.type];
    if (field === null || inField(parent, field, node)) return code;
  }
  return `(${code})`;
}

/** A name for a generator's loop variable that the code `avoid` (a node of the file) does not already use. */
export function loopName(text: string, avoid: Node, candidates: readonly string[] = ['line', 'chunk', 'row', 'item']): string {
  return candidates.find((c) => !mentionsIn(text, c, avoid.startIndex, avoid.endIndex)) ?? '_line';
}

/**
 * Streaming code that yields what a lines value held, from the file object `file`: the file itself for
 * readlines(); for splitlines(), each line split again (a file line can hold \x0b, \x0c, \x1c-\x1e, \x85,
 * \u2028 or \u2029, where splitlines() also splits) - identical unless lines end at a lone \r (`newline='\r'`)
 * or the newline mode is unknown (`exact` false). split("\n") streams through `_stream_split` instead (split-stream.ts).
 */
export function linesIterable(site: ReadSite, lines: Lines, file: string): { code: string; exact: boolean } | undefined {
  if (lines.kind === 'split-newline') return undefined;
  if (lines.kind === 'readlines') return { code: file, exact: true };
  return { code: `(part for raw in ${file} for part in raw.splitlines(${lines.args}))`, exact: splitlinesExact(site) };
}

/** Splitting each line of the file again with splitlines() gives what splitlines() on the whole text gives. */
export function splitlinesExact(site: ReadSite): boolean {
  return site.file.mode.newline !== 'cr' && site.file.mode.newline !== 'unknown';
}

/** `""` or `b""` for joining the file's lines back into text, when the mode says which. */
export function emptyText(site: ReadSite): string | undefined {
  return site.file.mode.binary === true ? 'b""' : site.file.mode.binary === false ? '""' : undefined;
}

/**
 * Whether the first (or last) k lines of the file, joined, split into at least the first (last) k items of
 * splitting the whole text: the file's lines must end where `lines` splits, so no split straddles two of them.
 * splitlines(): lines ending at \n, \r\n or any of the three untranslated (not a lone \r, `newline='\r'`);
 * split("\n"): lines ending with \n; split("\r\n"): lines ending with \r\n (`newline='\r\n'`).
 */
export function joinExact(site: ReadSite, lines: Lines): boolean {
  const nl = site.file.mode.newline;
  if (lines.kind === 'splitlines') return nl === 'lf' || nl === 'any' || nl === 'crlf';
  return lines.sep?.value === '\r\n' ? nl === 'crlf' && site.file.mode.binary === false : nl === 'lf' || nl === 'crlf';
}

const REBOUND = new WeakMap<Tree, Map<string, boolean>>();


/**
 * Whether fix code may call the builtins `names` (`any`, `sum`, `list`) anywhere in the file: none of them is
 * bound by the module or any function in it, and no `import *` could bring one in.
 */
export function builtinsFree(root: Node, text: string, names: readonly string[]): boolean {
  let known = REBOUND.get(root.tree);
  if (!known) REBOUND.set(root.tree, (known = new Map()));
  return names.every((name) => {
    let taken = known!.get(name);
    if (taken === undefined) {
      taken = hasWildcardImport(root, text) || identifiersNamed(root, text, name).some((id) => bindingScope(id));
      known!.set(name, taken);
    }
    return !taken;
  });
}

/** Whether the builtins that generated `code` calls (`any(`, `sum(`, `len(`, `list(`) are the builtins in this file. */
export function builtinsCallable(root: Node, text: string, code: string): boolean {
  const called = [...new Set([...code.matchAll(/\b(any|sum|len|list)\(/g)].map((m) => m[1]))];
  return called.length === 0 || builtinsFree(root, text, called);
}
