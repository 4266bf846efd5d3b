// What a program does with a whole-file read: follow the content (through `const`s used exactly once,
// `.toString()` on a Buffer, `.split(separator)`) to the one operation that consumes it, and say which rule that
// operation belongs to. Anything else (the text used twice, returned, stored, parsed as JSON) is no local finding;
// where the content then goes (a call, a return, several uses) is what flows.ts follows further.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { climbWrappers, methodCallOn, numberValue, parentOf, stringValue, up, type Node, type Site } from './ast';
import { type WholeRead } from './reads';
import { references, resolve } from './scope';
import { lineSeparator, type Separator } from './separators';

export type RuleId = 'whole-file-read' | 'readlines-for-tail' | 'full-read-for-prefix';

/** whole-file-read: the lines are looped over (`for...of`, an index loop) or handed to an array method. */
export type LinesOp = 'for-of' | 'for-index' | 'forEach' | 'map' | 'filter' | 'some' | 'every' | 'find' | 'findIndex' | 'findLast' | 'findLastIndex' | 'includes' | 'indexOf' | 'lastIndexOf' | 'reduce' | 'reduceRight' | 'flatMap';
/** readlines-for-tail: `.slice(-n)`, `.at(-k)`, `.pop()`, `lines[lines.length - k]`. */
export type TailOp = 'slice' | 'at' | 'pop' | 'index';
/** full-read-for-prefix: on the text `.startsWith(s)`, `.slice(0, n)`, `.substring(0, n)`, `.substr(0, n)`; on a Buffer `.subarray(0, n)` / `.slice(0, n)`; on the lines `[0]`, `.at(0)`, `.shift()`, `.slice(0, k)`, `split(sep, k)`, `const [a, b] = ...`. */
export type PrefixOp = 'startsWith' | 'text-slice' | 'substring' | 'substr' | 'bytes' | 'first-line' | 'head' | 'split-limit' | 'destructure';

interface Common {
  read: WholeRead;
  /** The declarations the content passes through on its way (`const text = ...;`, `const lines = text.split(...);`), as VariableDeclaration sites, in order. */
  decls: Site[];
  /** The expression the pattern ends with, which a fix replaces (for `for...of`, the loop's iterable). */
  target: Site;
  /** False when the text went through `.trim()` on the way: a finding, but no exact fix. */
  exact: boolean;
}

export type Usage =
  | (Common & { rule: 'whole-file-read'; op: LinesOp; separator: Separator; call?: TSESTree.CallExpression; loop?: IndexLoop })
  | (Common & { rule: 'readlines-for-tail'; op: TailOp; separator: Separator; call?: TSESTree.CallExpression; fromEnd?: number })
  | (Common & { rule: 'full-read-for-prefix'; op: PrefixOp; separator?: Separator; call?: TSESTree.CallExpression; source: Site; count?: number });

const LINE_METHODS = new Set<string>(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'indexOf', 'lastIndexOf', 'reduce', 'reduceRight', 'flatMap']);

/** A statement list a declaration can sit in (not a `for` head, not an `export`). */
function inStatementList(declSite: Site): boolean {
  const p = parentOf(declSite);
  return !!p && (p.type === 'Program' || p.type === 'BlockStatement' || p.type === 'StaticBlock' || p.type === 'SwitchCase');
}

/** Written to, deleted, or destructured into: not a plain read. */
function isWritten(site: Site): boolean {
  const p = parentOf(site);
  if (!p) return false;
  return (
    (p.type === 'AssignmentExpression' && p.left === site.node) ||
    p.type === 'UpdateExpression' ||
    (p.type === 'UnaryExpression' && p.operator === 'delete') ||
    ((p.type === 'ForOfStatement' || p.type === 'ForInStatement') && p.left === site.node)
  );
}

/** `-n`, `-3`, `-n - 1`: an index written as counting from the end. */
function countsFromEnd(node: Node): boolean {
  const n = numberValue(node);
  if (n !== undefined) return n < 0;
  if (node.type === 'UnaryExpression') return node.operator === '-';
  return node.type === 'BinaryExpression' && (node.operator === '-' || node.operator === '+') && countsFromEnd(node.left as Node);
}

function isNonNegativeInteger(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 0;
}

/** `lines[lines.length - k]` with k a positive integer: the two references `refs` and k. */
function lastIndexPattern(refs: Site[]): { target: Site; k: number } | undefined {
  if (refs.length !== 2) return undefined;
  const [obj, inner] = refs;
  const m = parentOf(obj);
  if (m?.type !== 'MemberExpression' || m.object !== obj.node || !m.computed || m.optional) return undefined;
  const prop = m.property;
  if (prop.type !== 'BinaryExpression' || prop.operator !== '-') return undefined;
  const len = prop.left;
  const k = numberValue(prop.right);
  if (len.type !== 'MemberExpression' || len.computed || len.object !== inner.node || len.property.type !== 'Identifier' || len.property.name !== 'length') return undefined;
  if (!isNonNegativeInteger(k) || k < 1) return undefined;
  const target = up(obj)!;
  return isWritten(target) ? undefined : { target, k };
}

/** `for (let i = 0; i < lines.length; i++) { ... lines[i] ... }`: the loop, its index and every `lines[i]`. */
export interface IndexLoop {
  loop: TSESTree.ForStatement;
  index: TSESTree.Identifier;
  /** The `lines[i]` reads in the body, in source order. */
  items: TSESTree.MemberExpression[];
}

function isIndex(node: Node, index: TSESTree.Identifier, ancestors: readonly Node[]): boolean {
  return node.type === 'Identifier' && node.name === index.name && resolve(index.name, ancestors)?.id === index;
}

/** `i++`, `++i`, `i += 1`, `i = i + 1`. */
function stepsByOne(update: Node | null, index: TSESTree.Identifier): boolean {
  if (!update) return false;
  if (update.type === 'UpdateExpression') return update.operator === '++' && update.argument.type === 'Identifier' && update.argument.name === index.name;
  if (update.type !== 'AssignmentExpression' || update.left.type !== 'Identifier' || update.left.name !== index.name) return false;
  if (update.operator === '+=') return numberValue(update.right) === 1;
  const r = update.right;
  return update.operator === '=' && r.type === 'BinaryExpression' && r.operator === '+' && r.left.type === 'Identifier' && r.left.name === index.name && numberValue(r.right) === 1;
}

/**
 * A counting loop over every line and nothing else: `for (let i = 0; i < lines.length; i++)` whose body reads the
 * lines only as `lines[i]`, and the index only there. It visits the same items as `for (const line of lines)`.
 */
function indexLoopPattern(refs: Site[]): IndexLoop | undefined {
  const length = refs.find((r) => {
    const m = parentOf(r);
    const test = m && up(r) && parentOf(up(r)!);
    return m?.type === 'MemberExpression' && !m.computed && propertyNameOf(m) === 'length' && test?.type === 'BinaryExpression' && test.operator === '<' && test.right === m && parentOf(up(up(r)!)!)?.type === 'ForStatement';
  });
  if (!length) return undefined;
  const loop = parentOf(up(up(length)!)!) as TSESTree.ForStatement;
  const test = loop.test as TSESTree.BinaryExpression;
  const init = loop.init;
  if (test !== parentOf(up(length)!) || init?.type !== 'VariableDeclaration' || init.kind !== 'let' || init.declarations.length !== 1) return undefined;
  const d = init.declarations[0];
  if (d.id.type !== 'Identifier' || numberValue(d.init) !== 0 || test.left.type !== 'Identifier' || test.left.name !== d.id.name || !stepsByOne(loop.update, d.id)) return undefined;
  const index = d.id;
  const items: TSESTree.MemberExpression[] = [];
  for (const r of refs) {
    if (r === length) continue;
    const m = parentOf(r);
    if (m?.type !== 'MemberExpression' || m.object !== r.node || !m.computed || m.optional || !r.ancestors.includes(loop.body)) return undefined;
    if (!isIndex(m.property, index, [...r.ancestors, m]) || isWritten(up(r)!)) return undefined;
    items.push(m);
  }
  // The index means nothing else in the body, and nothing changes it.
  const binding = resolve(index.name, [...length.ancestors, loop]);
  if (!binding || binding.id !== index) return undefined;
  const uses = references(binding).filter((s) => s.ancestors.includes(loop.body));
  if (uses.length !== items.length || uses.some((s) => !items.some((m) => m.property === s.node))) return undefined;
  return items.length > 0 ? { loop, index, items } : undefined;
}

function propertyNameOf(m: TSESTree.MemberExpression): string | undefined {
  return !m.computed && m.property.type === 'Identifier' ? m.property.name : undefined;
}

/** What the content is at a point of its way: the file's text, its bytes, or its lines (after a line split). */
export type Kind = 'text' | 'buffer' | 'lines';

/** A usage without its read: what a content walk finds from any starting point (a read, or a parameter). */
export type Consumption = Usage extends infer U ? (U extends unknown ? Omit<U, 'read'> : never) : never;

/**
 * Where the content goes when no operation here consumes it: handed to a call (`parse(text)`), returned, bound
 * to a name used more than once (each use is a way of its own), or anything else.
 */
export type Stop =
  | { end: 'consumed'; found: Consumption }
  | { end: 'passed'; call: TSESTree.CallExpression; index: number; site: Site; kind: Kind }
  | { end: 'returned'; site: Site; kind: Kind }
  | { end: 'refs'; refs: Site[]; kind: Kind; name: string }
  | { end: 'other'; site: Site };

/** Follow the content of `read` to what consumes it. */
export function usageOf(read: WholeRead): Usage | undefined {
  if (read.content === 'other') return undefined;
  let site: Site;
  if (read.value) site = read.value;
  else if (read.data) {
    const refs = references(read.data);
    if (refs.length !== 1) return undefined;
    site = refs[0];
  } else return undefined;
  const stop = followContent(site, read.content);
  return stop.end === 'consumed' ? ({ ...stop.found, read } as Usage) : undefined;
}

/** Where a value that is not consumed here goes next: an argument of a call, a returned value, or elsewhere. */
function stopAt(site: Site, kind: Kind): Stop {
  const parent = parentOf(site);
  if (parent?.type === 'CallExpression' && parent.callee !== site.node) {
    const index = parent.arguments.indexOf(site.node as TSESTree.CallExpressionArgument);
    if (index >= 0 && !parent.arguments.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return { end: 'passed', call: parent, index, site, kind };
  }
  if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === site.node)) return { end: 'returned', site, kind };
  return { end: 'other', site };
}

/**
 * Follow content (of `kind`, at `start`) through `const`s used once, `.toString()` on a Buffer, `.trim()` and a
 * line split, to the one operation that consumes it, or to where it leaves (a call, a return, a name used twice).
 */
export function followContent(start: Site, startKind: Kind): Stop {
  let kind: Kind = startKind;
  let exact = true;
  let separator: Separator | undefined;
  const decls: Site[] = [];
  let site = start;
  const common = () => ({ decls, exact });
  const stop = () => stopAt(site, kind);
  const consumed = (found: Consumption): Stop => ({ end: 'consumed', found });

  for (let steps = 0; steps < 12; steps++) {
    site = climbWrappers(site);
    const parent = parentOf(site);
    if (!parent) return stop();

    // Through a variable: `const text = <content>;` used exactly once.
    if (parent.type === 'VariableDeclarator' && parent.init === site.node) {
      const declSite = up(up(site)!)!;
      const decl = declSite.node as TSESTree.VariableDeclaration;
      if (!inStatementList(declSite) || decl.declarations.length !== 1 || decl.declare) return stop();
      if (parent.id.type === 'ArrayPattern' && kind === 'lines') {
        const elements = parent.id.elements;
        if (elements.length === 0 || elements.some((e) => e !== null && e.type !== 'Identifier')) return stop();
        return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'destructure', separator, target: site, source: site, count: elements.length });
      }
      if (parent.id.type !== 'Identifier') return stop();
      const binding = resolve(parent.id.name, site.ancestors);
      if (!binding || binding.id !== parent.id) return stop();
      const refs = references(binding);
      if (kind === 'lines') {
        const last = lastIndexPattern(refs);
        if (last) {
          decls.push(declSite);
          return consumed({ ...common(), rule: 'readlines-for-tail', op: 'index', separator: separator!, target: last.target, fromEnd: last.k });
        }
        const counted = indexLoopPattern(refs);
        if (counted) {
          decls.push(declSite);
          const length = refs.find((r) => !counted.items.some((m) => m.object === r.node))!;
          const target = up(up(up(length)!)!)!;
          return consumed({ ...common(), rule: 'whole-file-read', op: 'for-index', separator: separator!, target, loop: counted });
        }
      }
      if (refs.length !== 1) return { end: 'refs', refs, kind, name: parent.id.name };
      decls.push(declSite);
      site = refs[0];
      continue;
    }

    if (kind === 'buffer') {
      const m = methodCallOn(site);
      if (!m) return stop();
      const args = m.call.arguments;
      if (m.name === 'toString' && (args.length === 0 || (args.length === 1 && /^utf-?8$/i.test(stringValue(args[0]) ?? '')))) {
        kind = 'text';
        site = m.site;
        continue;
      }
      if ((m.name === 'subarray' || m.name === 'slice') && args.length === 2 && numberValue(args[0]) === 0) {
        return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'bytes', target: m.site, source: site, call: m.call });
      }
      return stop();
    }

    if (kind === 'text') {
      const m = methodCallOn(site);
      if (!m) return stop();
      const args = m.call.arguments;
      switch (m.name) {
        case 'trim':
        case 'trimStart':
        case 'trimEnd':
          if (args.length !== 0) return stop();
          exact = false;
          site = m.site;
          continue;
        case 'split': {
          const sep = lineSeparator(args[0], [...m.site.ancestors, m.call]);
          if (!sep) return stop();
          if (args.length === 2) {
            const limit = numberValue(args[1]);
            if (!isNonNegativeInteger(limit)) return stop();
            return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'split-limit', separator: sep, target: m.site, source: site, call: m.call, count: limit });
          }
          if (args.length !== 1) return stop();
          kind = 'lines';
          separator = sep;
          site = m.site;
          continue;
        }
        case 'startsWith':
          if (args.length !== 1) return stop();
          return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'startsWith', target: m.site, source: site, call: m.call });
        case 'slice':
        case 'substring':
        case 'substr':
          if (args.length !== 2 || numberValue(args[0]) !== 0) return stop();
          return consumed({ ...common(), rule: 'full-read-for-prefix', op: m.name === 'slice' ? 'text-slice' : m.name, target: m.site, source: site, call: m.call });
        default:
          return stop();
      }
    }

    // kind === 'lines'
    const sep = separator!;
    if (parent.type === 'ForOfStatement' && parent.right === site.node && !parent.await) {
      return consumed({ ...common(), rule: 'whole-file-read', op: 'for-of', separator: sep, target: site });
    }
    if (parent.type === 'MemberExpression' && parent.object === site.node && parent.computed && !parent.optional && numberValue(parent.property) === 0) {
      const target = up(site)!;
      if (isWritten(target)) return stop();
      return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'first-line', separator: sep, target, source: site, count: 1 });
    }
    const m = methodCallOn(site);
    if (!m) return stop();
    const args = m.call.arguments;
    if (LINE_METHODS.has(m.name)) {
      return consumed({ ...common(), rule: 'whole-file-read', op: m.name as LinesOp, separator: sep, target: m.site, call: m.call });
    }
    switch (m.name) {
      case 'slice': {
        if (args.length === 2 && numberValue(args[0]) === 0) {
          return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'head', separator: sep, target: m.site, source: site, call: m.call });
        }
        if (args.length !== 1 || !countsFromEnd(args[0])) return stop();
        return consumed({ ...common(), rule: 'readlines-for-tail', op: 'slice', separator: sep, target: m.site, call: m.call });
      }
      case 'at': {
        if (args.length !== 1) return stop();
        const n = numberValue(args[0]);
        if (n === 0) return consumed({ ...common(), rule: 'full-read-for-prefix', op: 'first-line', separator: sep, target: m.site, source: site, call: m.call, count: 1 });
        if (!countsFromEnd(args[0])) return stop();
        const fromEnd = n !== undefined && Number.isInteger(n) ? -n : undefined;
        return consumed({ ...common(), rule: 'readlines-for-tail', op: 'at', separator: sep, target: m.site, call: m.call, fromEnd });
      }
      case 'pop':
        return args.length === 0 ? consumed({ ...common(), rule: 'readlines-for-tail', op: 'pop', separator: sep, target: m.site, call: m.call, fromEnd: 1 }) : stop();
      case 'shift':
        return args.length === 0 ? consumed({ ...common(), rule: 'full-read-for-prefix', op: 'first-line', separator: sep, target: m.site, source: site, call: m.call, count: 1 }) : stop();
      default:
        return stop();
    }
  }
  return stop();
}

export type { Node };
