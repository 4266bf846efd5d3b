// What the read rules' fixes need to know about a read site before they stream it: how to name the file
// object in new code, whether anything else depends on where the read leaves the file, whether a loop body
// could touch the file, and how to place new code (a `with` block, parentheses).
import type { Node, Tree } from 'web-tree-sitter';
import type { Edit } from '../../../core/rule';
import { bindingScope } from './builtins';
import { callArguments, outerParent, unparenthesized, inField } from './calls';
import { evaluatedOnceBy, variableOccurrences } from './flow';
import { identifiersNamed } from './identifiers';
import { freshName, mentions, statementOf, wrapInWith } from './layout';
import type { Lines, ReadSite } from './read-sites';
import { COMPREHENSIONS } from './scopes';

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
  const name = freshName(text);
  if (!name) return undefined;
  return { expr: name, header: `${openExpression(site)} as ${name}` };
}

/** `p.open(...)` for a path read: the same file, in the same mode, as read_text() / read_bytes() opens. */
export function openExpression(site: ReadSite): string {
  if (site.file.kind !== 'path') return site.file.handle.expr;
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
  if (!statement || !evaluatedOnceBy(at, statement)) return undefined;
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

/**
 * Whether code that now runs while the file is being streamed could touch it or hand control elsewhere
 * mid-stream: it names the file object or its path, or it yields/awaits (a caller could then change the file).
 */
export function mayTouchFile(site: ReadSite, nodes: readonly Node[]): boolean {
  const words = [...pathWords(site), 'yield', 'await'];
  if (site.file.kind === 'handle' && site.file.handle.variable) words.push(site.file.handle.variable.name);
  return nodes.some((n) => words.some((w) => mentions(n.text, w)));
}

/** Whether `node` may run more than once per binding of the file: in a loop (or comprehension body) within `region`. */
function repeatsWithin(node: Node, region: Node): boolean {
  const path: Node[] = [node];
  for (let p = node.parent; p && p.id !== region.id; p = p.parent) path.push(p);
  for (let i = 1; i < path.length; i++) {
    const p = path[i];
    const child = path[i - 1];
    if (p.type === 'while_statement') return true;
    if (p.type === 'for_statement' && !inField(p, 'right', child)) return true;
    if (COMPREHENSIONS.has(p.type)) {
      // Only a comprehension's first iterable runs once.
      const first = p.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (!(first && child.id === first.id && i >= 2 && inField(first, 'right', path[i - 2]))) return true;
    }
  }
  return false;
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
  for (const id of variableOccurrences(site.read.tree.rootNode, text, name, Math.max(region.startIndex, binding.startIndex), until)) {
    if (id.id === binding.id || id.id === receiver.id) continue;
    const { parent } = outerParent(id);
    const closes = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'close' && parent.parent?.type === 'call';
    if (closes) continue;
    if (id.startIndex > site.read.startIndex) return true;
    // Before the read: method calls (`f.readline()`) only move the position first; anything else lets it escape.
    if (parent?.type !== 'attribute') return true;
  }
  return false;
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

/** A name for a generator's loop variable that the code inside it does not already use. */
export function loopName(avoid: string, candidates: readonly string[] = ['line', 'chunk', 'row', 'item']): string {
  return candidates.find((c) => !mentions(avoid, c)) ?? '_line';
}

/**
 * Streaming code that yields what a lines value held, from the file object `file`: the file itself for
 * readlines(); for splitlines(), each line split again (a file line can hold \x0b, \x0c, \x1c-\x1e, \x85,
 * \u2028 or \u2029, where splitlines() also splits) - identical unless lines end at a lone \r (`newline='\r'`)
 * or the newline mode is unknown (`exact` false). split("\n") has no such form (its trailing '').
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
 * splitting the whole text: the file's lines must end where `kind` splits, so no split straddles two of them.
 * splitlines(): lines ending at \n, \r\n or any of the three untranslated (not a lone \r, `newline='\r'`);
 * split("\n"): lines ending with \n.
 */
export function joinExact(site: ReadSite, kind: 'splitlines' | 'split-newline'): boolean {
  const nl = site.file.mode.newline;
  return kind === 'splitlines' ? nl === 'lf' || nl === 'any' || nl === 'crlf' : nl === 'lf' || nl === 'crlf';
}

const REBOUND = new WeakMap<Tree, Map<string, boolean>>();

/** `from m import *` in the code (not in a string or a comment). */
function hasWildcardImport(root: Node, text: string): boolean {
  for (const m of text.matchAll(/\bimport\s*\*/g)) {
    const star = root.descendantForIndex(m.index! + m[0].length - 1, m.index! + m[0].length);
    if (star && (star.type === 'wildcard_import' || star.parent?.type === 'wildcard_import')) return true;
  }
  return false;
}

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
