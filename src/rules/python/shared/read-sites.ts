// Every whole-file read in a module and what the code does with the result, shared by whole-file-read,
// readlines-for-tail and full-read-for-prefix (computed once per tree, whichever rule asks first; what file a read
// reads, the costly part, only for the reads whose uses a rule reports).
//
// A read site is `f.read()`, `f.readlines()`, `p.read_text()` or `p.read_bytes()` on something known to be a
// file or a path, without a size. Its value (possibly split into lines by `.splitlines()` / `.split("\n")`)
// is used directly or through one local variable; each use is classified:
//   iterate  `for x in lines`, a comprehension's first `for`, `enumerate(lines)` in those places, `out.writelines(lines)`
//   search   `"x" in text`, `"x" not in text`
//   count    `len(lines)`, `text.count("x")`
//   tail     `lines[-n:]`, `lines[-1]`, `list(reversed(lines))[:n]`
//   prefix   `text[:n]`, `text[0]`, `text.startswith(s)`, `lines[0]`, `lines[:k]`
//   other    anything else: the value is needed whole (or we cannot tell), nothing to report but in strict mode.
import type { Node, Tree } from 'web-tree-sitter';
import { inherited, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import type { RelatedSpan, Size } from '../../../core/rule';
import { firstAtLeast } from '../../../core/sorted';
import { isBuiltin } from './builtins';
import { wordSites } from './words';
import { resourceFunction } from './bindings';
import { argument, callArguments, methodCalls, outerParent, unparenthesized, inField, type MethodCall } from './calls';
import { decodingMayFail, fileOf, isPathLike, type FileHandle, type FileMode, type NewlineMode } from './files';
import { assignmentOf, loadsOf, type Assignment } from './flow';
import { boolValue, intValue, literalLength, stringValue } from './literals';
import { namedLikeConfig, pathSize, type SizeEnv } from './size';

export type ReadMethod = 'read' | 'readlines' | 'read_text' | 'read_bytes';

/**
 * What a lines value holds: `readlines()` (line endings kept, exactly what iterating the file yields), `splitlines()`,
 * `split("\n")` or `split("\r\n")` (`sep` says which).
 */
export type LinesKind = 'readlines' | 'splitlines' | 'split-newline';

/**
 * The file a read reads: an open file object, a path read with read_text() / read_bytes(), or a package resource read
 * by `importlib.resources.read_text(package, name)` / `read_binary(...)` (the call stands for the path; no fix).
 */
export type FileSource =
  | { kind: 'handle'; handle: FileHandle; mode: FileMode; path?: Node }
  | { kind: 'path'; receiver: Node; openArgs: string; mode: FileMode; provable: boolean; path: Node }
  | { kind: 'resource'; mode: FileMode; path: Node };

/** Lines made from the text: how, with what arguments (`keepends`), and by which call. */
export interface Lines {
  kind: LinesKind;
  /** The arguments as written: splitlines()'s, or split()'s separator literal. */
  args: string;
  /** split()'s separator, and whether it is a bytes literal. */
  sep?: { value: '\n' | '\r\n'; bytes: boolean };
  /** The splitting call (`x.splitlines()`); absent for readlines(). */
  call?: Node;
}

/**
 * One use of the value. `value` is the expression used (the source itself, a variable, or the variable split into
 * lines right there); `node` is the whole expression the use covers (`x[-5:]`, `"a" in x`, `len(x)`); `lines` is set
 * when the text is split into lines at the use (`text.splitlines()[-5:]`).
 */
export type Use = (
  // `loop`: the for statement, the comprehension, or the `out.writelines(...)` call (`body`: what runs per line).
  | { kind: 'iterate'; loop: Node; body: Node[] }
  | { kind: 'search'; needle: Node; negated: boolean }
  | { kind: 'count'; needle?: Node }
  // `reversed`: `list(reversed(lines))[:n]`, the last n lines, last first.
  | { kind: 'tail'; n: Node; literal?: number; index: boolean; reversed?: boolean }
  | { kind: 'prefix'; shape: 'slice' | 'index' | 'startswith'; need?: number; bound?: Node; needle?: Node }
  | { kind: 'other' }
) & { value: Node; node: Node; lines?: Lines };

export type Category = 'iterate' | 'search' | 'count' | 'tail' | 'prefix' | 'other';

export interface ReadSite {
  /** The read call. */
  read: Node;
  method: ReadMethod;
  file: FileSource;
  /** The value the code works on: the read call, or `<read>.splitlines(...)` / `<read>.split("\n")`. */
  source: Node;
  /** Set when the source itself splits the text into lines (`f.readlines()`, `f.read().splitlines()`). */
  lines?: Lines;
  /** Set when the value goes through `name = source`. */
  assigned?: Assignment;
  uses: Use[];
  category: Category;
}

const READ_METHODS: readonly ReadMethod[] = ['read', 'readlines', 'read_text', 'read_bytes'];

/** `-1`, `None`, `0` (readlines), nothing: a read without a bound. */
function unbounded(method: ReadMethod, args: Node): boolean {
  const a = callArguments(args);
  if (a.splat) return false;
  if (method === 'read_bytes') return a.positional.length === 0 && a.keywords.size === 0;
  if (method === 'read_text') {
    return a.positional.length <= 1 && [...a.keywords.keys()].every((k) => k === 'encoding' || k === 'errors' || k === 'newline');
  }
  const size = argument(a, 0, method === 'read' ? 'size' : 'hint');
  if (!size) return a.positional.length === 0 && a.keywords.size === 0;
  if (a.positional.length + a.keywords.size !== 1) return false;
  if (size.type === 'none') return true;
  const s = unparenthesized(size);
  const negative = s.type === 'unary_operator' && s.child(0)?.text === '-' && intValue(s.childForFieldName('argument')) !== undefined;
  return negative || (method === 'readlines' && intValue(s) === 0);
}

function pathSource(receiver: Node, method: 'read_text' | 'read_bytes', args: Node, text: string): FileSource {
  const a = callArguments(args);
  const provable = isPathLike(receiver, text);
  if (method === 'read_bytes') return { kind: 'path', receiver, openArgs: '"rb"', mode: { binary: true, newline: 'lf', decodeMayFail: false }, provable, path: receiver };
  const parts: string[] = [];
  if (a.positional[0]) parts.push(`encoding=${a.positional[0].text}`);
  for (const [k, v] of a.keywords) parts.push(`${k}=${v.text}`);
  let newline: NewlineMode = 'lf';
  const nl = a.keywords.get('newline');
  if (nl && nl.type !== 'none') {
    const v = stringValue(nl);
    newline = v && !v.bytes ? ({ '': 'any', '\n': 'lf', '\r': 'cr', '\r\n': 'crlf' } as Record<string, NewlineMode>)[v.value] ?? 'unknown' : 'unknown';
  }
  const decodeMayFail = decodingMayFail(false, a.positional[0] ?? a.keywords.get('encoding'), a.keywords.get('errors'));
  return { kind: 'path', receiver, openArgs: parts.join(', '), mode: { binary: false, newline, decodeMayFail }, provable, path: receiver };
}

/** `<value>.splitlines(...)` / `<value>.split("\n")` / `<value>.split("\r\n")` right around `value`, if any. */
function splitAround(value: Node): Lines | undefined {
  const { parent, child } = outerParent(value);
  if (parent?.type !== 'attribute' || !inField(parent, 'object', child)) return undefined;
  const call = parentOf(parent);
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== parent.id) return undefined;
  const name = parent.childForFieldName('attribute')?.text;
  const argumentList = call.childForFieldName('arguments')!;
  const args = callArguments(argumentList);
  if (args.splat) return undefined;
  if (name === 'splitlines' && args.positional.length + args.keywords.size <= 1) {
    const keep = args.positional[0] ?? args.keywords.get('keepends');
    if (!keep || boolValue(keep) !== undefined) return { kind: 'splitlines', args: argumentList.text.slice(1, -1), call };
  }
  const sep = name === 'split' && args.positional.length === 1 && args.keywords.size === 0 ? stringValue(args.positional[0]) : undefined;
  if (sep?.value === '\n' || sep?.value === '\r\n') return { kind: 'split-newline', args: args.positional[0].text, sep: { value: sep.value, bytes: sep.bytes }, call };
  return undefined;
}

/** For messages: what the site reads, and into what. */
export function readPhrase(site: ReadSite, lines: Lines | undefined): string {
  const into = site.assigned ? ` into \`${site.assigned.name}\`` : '';
  if (site.method === 'readlines') return `Every line of the file is read into ${into ? `\`${site.assigned!.name}\`` : 'a list'}`;
  return `The whole file is read${into}${lines ? ' and split into lines' : ''}`;
}

/** The lines a use works on: split at the use, or by the source. */
export function linesOf(site: ReadSite, use: Use): Lines | undefined {
  return use.lines ?? site.lines;
}

/** A generator expression consumed where it is made: the argument of any(), sum(), "".join(), list(), ... */
const EAGER_CONSUMERS = new Set(['any', 'all', 'sum', 'min', 'max', 'sorted', 'list', 'set', 'tuple', 'frozenset', 'dict']);
function consumedAtOnce(genexp: Node, text: string): boolean {
  let call = parentOf(genexp);
  if (call?.type === 'argument_list') {
    if (callArguments(call).positional[0]?.id !== genexp.id) return false;
    call = parentOf(call);
  }
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return EAGER_CONSUMERS.has(fn.text) && isBuiltin(fn, text);
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join' && stringValue(fn.childForFieldName('object')) !== undefined;
}

/** `x[...]` with one subscript: the index, or the slice's start/stop/step. */
function subscriptParts(sub: Node): { index?: Node; slice?: (Node | undefined)[] } | undefined {
  const subs = sub.childrenForFieldName('subscript').filter((s): s is Node => !!s);
  if (subs.length !== 1) return undefined;
  const s = subs[0];
  if (s.type !== 'slice') return { index: s };
  const parts: (Node | undefined)[] = [undefined, undefined, undefined];
  let at = 0;
  for (const c of s.children) {
    if (!c) continue;
    if (c.type === ':') at++;
    else if (c.isNamed && c.type !== 'comment') parts[at] = c;
  }
  return { slice: parts };
}

/** `-k` / `-n`: the negated expression. */
function negated(node: Node | undefined): Node | undefined {
  const n = node && unparenthesized(node);
  return n?.type === 'unary_operator' && n.child(0)?.text === '-' ? n.childForFieldName('argument') ?? undefined : undefined;
}

/** Names and attributes (`n`, `self.n`, `n + 1`): a bound the fix may repeat without running anything twice that matters. */
export function plainExpression(node: Node, depth = 0): boolean {
  const n = unparenthesized(node);
  if (depth > 64) return false;
  switch (n.type) {
    case 'identifier':
    case 'integer':
      return true;
    case 'attribute':
      return plainExpression(n.childForFieldName('object')!, depth + 1);
    case 'binary_operator':
      return plainExpression(n.childForFieldName('left')!, depth + 1) && plainExpression(n.childForFieldName('right')!, depth + 1);
    case 'unary_operator':
      return plainExpression(n.childForFieldName('argument')!, depth + 1);
    default:
      return false;
  }
}

function subscriptUse(value: Node, sub: Node, lines: boolean): Use {
  const parts = subscriptParts(sub);
  if (!parts) return { kind: 'other', value, node: sub };
  if (parts.index) {
    const k = intValue(unparenthesized(parts.index));
    if (k !== undefined) return { kind: 'prefix', value, node: sub, shape: 'index', need: k + 1 };
    const neg = negated(parts.index);
    const kk = intValue(neg);
    if (lines && neg && kk !== undefined && kk > 0) return { kind: 'tail', value, node: sub, n: neg, literal: kk, index: true };
    return { kind: 'other', value, node: sub };
  }
  const [start, stop, step] = parts.slice!;
  if (step) return { kind: 'other', value, node: sub };
  const tailN = negated(start);
  if (lines && tailN && !stop) {
    const k = intValue(tailN);
    if (k === 0) return { kind: 'other', value, node: sub };
    return { kind: 'tail', value, node: sub, n: tailN, literal: k, index: false };
  }
  if ((!start || intValue(unparenthesized(start)) === 0) && stop) {
    const k = intValue(unparenthesized(stop));
    if (k !== undefined) return { kind: 'prefix', value, node: sub, shape: 'slice', need: k };
    if (plainExpression(stop) && !negated(stop)) return { kind: 'prefix', value, node: sub, shape: 'slice', bound: stop };
  }
  return { kind: 'other', value, node: sub };
}

/** `list(reversed(<lines>))[:k]` around the `reversed(...)` call: the last k lines, last first (k > 0, or a plain bound). */
function reversedTail(reversedCall: Node, text: string): Omit<Extract<Use, { kind: 'tail' }>, 'value'> | undefined {
  const inList = outerParent(reversedCall);
  const list = inList.parent?.type === 'argument_list' ? parentOf(inList.parent) : null;
  const fn = list?.type === 'call' ? list.childForFieldName('function') : null;
  if (fn?.type !== 'identifier' || fn.text !== 'list' || !isBuiltin(fn, text) || callArguments(inList.parent).positional.length !== 1) return undefined;
  const { parent: sub, child } = outerParent(list!);
  if (sub?.type !== 'subscript' || !inField(sub, 'value', child)) return undefined;
  const parts = subscriptParts(sub)?.slice;
  if (!parts) return undefined;
  const [start, stop, step] = parts;
  if (step || !stop || (start && intValue(unparenthesized(start)) !== 0)) return undefined;
  const k = intValue(unparenthesized(stop));
  if (k !== undefined) return k > 0 ? { kind: 'tail', node: sub, n: stop, literal: k, index: false, reversed: true } : undefined;
  return plainExpression(stop) && !negated(stop) ? { kind: 'tail', node: sub, n: stop, index: false, reversed: true } : undefined;
}

/** How `startswith(x)` needs the start: the longest literal prefix (a tuple of literals counts), else unknown. */
function startswithNeed(needle: Node): number | undefined {
  const n = unparenthesized(needle);
  const literal = stringValue(n);
  if (literal) return literalLength(literal);
  if (n.type !== 'tuple') return undefined;
  let max = 0;
  for (const item of n.namedChildren) {
    const v = item && stringValue(item);
    if (!v) return undefined;
    max = Math.max(max, literalLength(v));
  }
  return max;
}

/** What the code does with `value` (lines when `lines`, else the text) right where it stands. */
export function classifyUse(value: Node, lines: boolean, text: string): Use {
  const { parent, child } = outerParent(value);
  const other: Use = { kind: 'other', value, node: value };
  if (!parent) return other;
  if (!lines) {
    const split = splitAround(value);
    if (split) return { ...classifyUse(split.call!, true, text), lines: split };
  }
  if (lines) {
    if (parent.type === 'for_statement' && inField(parent, 'right', child)) {
      return { kind: 'iterate', value, node: value, loop: parent, body: [parent.childForFieldName('body')!] };
    }
    if (parent.type === 'for_in_clause' && inField(parent, 'right', child)) {
      const comprehension = parentOf(parent)!;
      const first = comprehension.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (first?.id !== parent.id) return other;
      if (comprehension.type === 'generator_expression' && !consumedAtOnce(comprehension, text)) return other;
      const body = comprehension.namedChildren.filter((c): c is Node => !!c && c.id !== parent.id);
      const target = parent.childForFieldName('left');
      return { kind: 'iterate', value, node: value, loop: comprehension, body: target ? [...body, target] : body };
    }
    const grand = parentOf(parent);
    if (parent.type === 'argument_list' && grand?.type === 'call') {
      const call = grand;
      const fn = call.childForFieldName('function');
      const args = callArguments(parent);
      const name = fn?.type === 'identifier' && isBuiltin(fn, text) ? fn.text : undefined;
      if (name === 'enumerate' && args.positional[0]?.id === child.id && !args.splat && args.positional.length + args.keywords.size <= 2) {
        const outer = classifyUse(call, true, text);
        return outer.kind === 'iterate' ? { ...outer, value, node: value } : other;
      }
      if (name === 'len' && args.positional.length === 1 && args.keywords.size === 0) return { kind: 'count', value, node: call };
      const sole = args.positional.length === 1 && args.keywords.size === 0 && !args.splat;
      if (name === 'reversed' && sole) {
        const tail = reversedTail(call, text);
        return tail ? { ...tail, value } : other;
      }
      // `out.writelines(lines)`: each line is written once, in order, as iterating the file yields it.
      if (sole && fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'writelines') {
        return { kind: 'iterate', value, node: value, loop: call, body: [fn.childForFieldName('object')!] };
      }
    }
    if (parent.type === 'subscript' && inField(parent, 'value', child)) return subscriptUse(value, parent, true);
    return other;
  }
  if (parent.type === 'comparison_operator' && parent.childCount === 3 && parent.child(2)?.id === child.id) {
    const op = parent.child(1)?.type;
    if (op === 'in' || op === 'not in') return { kind: 'search', value, node: parent, needle: parent.child(0)!, negated: op === 'not in' };
  }
  const grand = parentOf(parent);
  if (parent.type === 'attribute' && inField(parent, 'object', child) && grand?.type === 'call') {
    const call = grand;
    const args = callArguments(call.childForFieldName('arguments'));
    const method = parent.childForFieldName('attribute')?.text;
    if (args.splat || args.positional.length !== 1 || args.keywords.size !== 0) return other;
    if (method === 'count') return { kind: 'count', value, node: call, needle: args.positional[0] };
    if (method === 'startswith') {
      return { kind: 'prefix', value, node: call, shape: 'startswith', need: startswithNeed(args.positional[0]), needle: args.positional[0] };
    }
    return other;
  }
  if (parent.type === 'subscript' && inField(parent, 'value', child)) return subscriptUse(value, parent, false);
  return other;
}

/**
 * What all the uses together ask for; several uses only combine for prefixes and tails with known bounds, on the
 * same kind of lines (or all on the text).
 */
function categoryOf(uses: Use[]): Category {
  if (uses.length === 0) return 'other';
  const kinds = new Set(uses.map((u) => u.kind));
  if (kinds.size !== 1) return 'other';
  const splits = new Set(uses.map((u) => (u.lines ? `${u.lines.kind}(${u.lines.args})` : '')));
  if (splits.size !== 1) return 'other';
  const kind = uses[0].kind;
  if (uses.length === 1) return kind;
  if (kind === 'prefix') {
    return uses.every((u) => u.kind === 'prefix' && u.need !== undefined) ? 'prefix' : 'other';
  }
  if (kind === 'tail') return uses.every((u) => u.kind === 'tail' && u.literal !== undefined) ? 'tail' : 'other';
  return 'other';
}

/**
 * Our own fixes keep an unbounded read for the bounds where a streaming form differs (`... if n > 0 else
 * f.readlines()[-n:]`): a read in the `else` of such a guard is not reported again.
 */
function guardedFallback(read: Node): boolean {
  const { holder, child } = outsideAccess(read);
  if (holder?.type !== 'conditional_expression') return false;
  const [consequence, guard, alternative] = holder.namedChildren;
  // `n > 0`, or `n is None or n >= 0` (a reversed tail's bound may be None).
  const condition = guard?.type === 'boolean_operator' && / is None$/.test(guard.childForFieldName('left')?.text ?? '') ? guard.childForFieldName('right') : guard;
  return (
    alternative?.id === child.id &&
    condition?.type === 'comparison_operator' &&
    /^(?:>|>=)$/.test(condition.child(1)?.type ?? '') &&
    intValue(condition.child(2)) === 0 &&
    /\b(?:deque|islice)\b/.test(consequence?.text ?? '')
  );
}

const ACCESS = new Set(['call', 'attribute', 'subscript', 'argument_list', 'parenthesized_expression']);
const OUTSIDE_ACCESS = {};

/** The first ancestor of `node` that is not a call, attribute, subscript, argument list or parentheses, and its child on the way (once per node). */
function outsideAccess(node: Node): { holder: Node | null; child: Node } {
  return inherited<{ holder: Node | null; child: Node }>(OUTSIDE_ACCESS, node, (n, p) => (p && ACCESS.has(p.type) ? { from: p } : { value: { holder: p, child: n } }));
}

/** A read site before the file it reads is known (working that out is the costly part, so it waits until a rule asks). */
interface Candidate extends Omit<ReadSite, 'file'> {
  object: Node;
  args: Node;
  /** `importlib.resources.read_text(...)` / `read_binary(...)`: the read is the call itself. */
  resource?: boolean;
  /** The site once its file is known; null when the receiver is not known to be a file. */
  resolved?: ReadSite | null;
}

/** `read_text(package, name)`, `importlib.resources.read_binary(...)`: whole reads of a package's resources, in order. */
function resourceReads(root: Node, text: string): { call: Node; method: ReadMethod; fn: Node; args: Node }[] {
  const out: { call: Node; method: ReadMethod; fn: Node; args: Node }[] = [];
  for (const { at, name } of wordSites(text, ['read_text', 'read_binary'], { after: '(' })) {
    const id = nodeAt(root.tree, at, at + name.length);
    if (id.type !== 'identifier' || id.startIndex !== at || id.endIndex !== at + name.length) continue;
    const parent = parentOf(id);
    const fn = parent?.type === 'attribute' && inField(parent, 'attribute', id) ? parent : id;
    const call = parentOf(fn);
    const args = call?.childForFieldName('arguments');
    if (call?.type !== 'call' || !inField(call, 'function', fn) || args?.type !== 'argument_list') continue;
    const what = resourceFunction(fn, text);
    if (what === 'read_text' || what === 'read_binary') out.push({ call, method: what === 'read_text' ? 'read_text' : 'read_bytes', fn, args });
  }
  return out;
}

function candidates(root: Node, text: string): Candidate[] {
  const out: Candidate[] = [];
  const reads = [
    ...methodCalls(root, text, READ_METHODS).filter((c) => c.method !== 'read_text' || !resourceFunction(c.call.childForFieldName('function'), text)),
    ...resourceReads(root, text).map((r) => ({ call: r.call, object: r.fn, method: r.method, arguments: r.args, resource: true })),
  ].sort((a, b) => a.call.startIndex - b.call.startIndex);
  for (const { call, object, method, arguments: args, resource } of reads as (MethodCall & { resource?: boolean })[]) {
    const m = method as ReadMethod;
    if (!resource && (!unbounded(m, args) || guardedFallback(call))) continue;
    const split = m === 'readlines' ? undefined : splitAround(call);
    const lines: Lines | undefined = m === 'readlines' ? { kind: 'readlines', args: '' } : split;
    const source = split?.call ?? call;
    const isLines = !!lines;
    const assigned = assignmentOf(source);
    let uses: Use[];
    if (assigned) {
      const loads = loadsOf(assigned, text);
      uses = loads ? loads.map((id) => classifyUse(id, isLines, text)) : [];
    } else {
      uses = [classifyUse(source, isLines, text)];
    }
    out.push({ read: call, method: m, object, args, source, lines, assigned, uses, category: categoryOf(uses), resource });
  }
  return out;
}

/** The candidate as a read site, if what it reads is known to be a file (or a path, for read_text() / read_bytes()). */
function resolve(c: Candidate, text: string): ReadSite | null {
  const { read, method, object, args, source, lines, assigned, uses, category } = c;
  let file: FileSource;
  if (c.resource) {
    const a = callArguments(args);
    // The arguments' meaning changed in Python 3.13 (`*path_names`): only a keyword `errors` is read.
    const errors = a.positional.length <= 2 && !a.splat ? a.keywords.get('errors') : undefined;
    const binary = method === 'read_bytes';
    file = { kind: 'resource', mode: { binary, newline: 'lf', decodeMayFail: decodingMayFail(binary, a.keywords.get('encoding'), errors) }, path: read };
  } else if (method === 'read_text' || method === 'read_bytes') {
    // `x.read_text("METADATA")` (importlib.metadata) names a file: a positional argument is an encoding only on a path.
    if (callArguments(args).positional.length > 0 && !isPathLike(object, text)) return null;
    file = pathSource(object, method, args, text);
  } else {
    const handle = fileOf(object, text);
    if (!handle) return null;
    file = { kind: 'handle', handle, mode: handle.opened.mode, path: handle.opened.path };
  }
  return { read, method, file, source, lines, assigned, uses, category };
}

const CACHE = new WeakMap<Tree, Candidate[]>();

function candidatesOf(root: Node, text: string): Candidate[] {
  let all = CACHE.get(root.tree);
  if (!all) CACHE.set(root.tree, (all = candidates(root, text)));
  return all;
}

/** How many whole-file reads (of any file, used any way) start within [start, end): a binary search. */
export function readsWithin(root: Node, text: string, start: number, end: number): number {
  const all = candidatesOf(root, text);
  const first = (offset: number) => firstAtLeast(all, offset, (c) => c.read.startIndex);
  return first(end) - first(start);
}

/**
 * The module's read sites whose uses fall in `categories`, in source order: the uses of every read are worked out
 * once per parse tree (whichever rule asks first), the file a read reads only for the categories a rule reports.
 */
export function readSites(root: Node, text: string, categories: readonly Category[]): ReadSite[] {
  const all = candidatesOf(root, text);
  const out: ReadSite[] = [];
  for (const c of all) {
    if (!categories.includes(c.category)) continue;
    if (c.resolved === undefined) c.resolved = resolve(c, text);
    if (c.resolved) out.push(c.resolved);
  }
  return out;
}

/** Where the size of what a site reads comes from: the path it opens. */
export function siteSize(site: ReadSite, env: SizeEnv): Size {
  const handle = site.file.kind === 'handle' ? site.file.handle.variable?.name : undefined;
  return (handle && namedLikeConfig(handle)) || pathSize(site.file.path, env);
}

/** Where a read's content is used, when it went through a variable first: the finding's related places. */
export function usesOf(site: ReadSite): RelatedSpan[] {
  const name = site.assigned?.name;
  if (!name) return [];
  return site.uses.map((u) => ({ start: u.node.startIndex, end: u.node.endIndex, message: `\`${name}\` is used here` }));
}
