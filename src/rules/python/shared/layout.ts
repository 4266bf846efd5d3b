// Statement-level edits that keep a file's layout: finding a node's statement, re-indenting lines (never
// inside a multi-line string), wrapping a statement in a `with` block, picking a name the file does not use.
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../core/rule';
import { applyEdits } from '../../../core/fixes';
import { inherited, memoised, parentOf } from '../../../core/parsers/pythonTree';
import { indentAt, lineBreakOf } from '../../../core/text';
import { textCache } from './text-cache';

const STATEMENT = {};

/** The statement holding `node`: its nearest ancestor (or itself) that sits directly in a block or the module. */
export function statementOf(node: Node): Node | undefined {
  return inherited<Node | undefined>(STATEMENT, node, (n, p) => {
    if (!p) return { value: undefined };
    return p.type === 'block' || p.type === 'module' ? { value: n } : { from: p };
  });
}

/** Offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break that ends the line holding `offset` (or the end of the text). */
export function nextLineOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

const OWNS_LINES = {};

/** Whether `node` has its lines to itself: only indentation before it, only a comment after it (once per node). */
export function ownsItsLines(text: string, node: Node): boolean {
  return memoised(OWNS_LINES, node, () => {
    const before = text.slice(lineStartOf(text, node.startIndex), node.startIndex);
    const nl = text.indexOf('\n', node.endIndex);
    const after = text.slice(node.endIndex, nl === -1 ? text.length : nl);
    return /^[ \t]*$/.test(before) && /^[ \t]*(#.*)?\r?$/.test(after);
  });
}

/** Whether a statement sits in a class body, where a new name would become a class attribute. */
export function inClassBody(statement: Node): boolean {
  const block = parentOf(statement);
  return block?.type === 'block' && parentOf(block)?.type === 'class_definition';
}

/**
 * The indentation of the first block in the file: the line after one ending with a colon (and perhaps a comment),
 * as `/:[ \t]*(?:#[^\n]*)?\r?\n([ \t]+)\S/` finds it, line by line so a line of many colons costs its length once.
 */
const firstBlockIndent = textCache((text): string | undefined => {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    const nl = text.indexOf('\n', colon);
    if (nl === -1) return undefined;
    // Some colon of this line is followed by blanks, then a comment or the line's end (a \r allowed)...
    let ends = false;
    for (; colon !== -1 && colon < nl; colon = text.indexOf(':', colon + 1)) {
      let i = colon + 1;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] === '#' || i === nl || (text[i] === '\r' && i + 1 === nl)) {
        ends = true;
        break;
      }
    }
    // ...and the next line is indented.
    if (ends) {
      let i = nl + 1;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i > nl + 1 && i < text.length && /\S/.test(text[i])) return text.slice(nl + 1, i);
      colon = text.indexOf(':', nl);
    }
  }
  return undefined;
});

const INDENT_UNIT = {};

/** One level of indentation as the file writes it (taken from the block around `statement`, else the file). */
export function indentUnit(text: string, statement: Node): string {
  return memoised(INDENT_UNIT, statement, () => {
    const own = indentAt(text, statement.startIndex);
    const block = parentOf(statement);
    const owner = block && parentOf(block);
    if (block?.type === 'block' && owner) {
      const outer = indentAt(text, owner.startIndex);
      if (own.startsWith(outer) && own.length > outer.length) return own.slice(outer.length);
    }
    const first = firstBlockIndent(text);
    if (first && own === '') return first[0] === '\t' ? '\t' : first;
    return own.includes('\t') ? '\t' : '    ';
  });
}

/** [start, end) ranges of string literals that span lines: their inner lines must not be re-indented. */
function multiLineStrings(node: Node): [number, number][] {
  return node
    .descendantsOfType('string')
    .filter((s): s is Node => !!s && s.startPosition.row !== s.endPosition.row)
    .map((s) => [s.startIndex, s.endIndex]);
}

/**
 * Zero-length edits adding `extra` at the start of every non-blank line that starts in (start, end], skipping
 * lines inside a multi-line string of `nodes` (re-indenting there would change the string).
 */
export function lineIndentEdits(text: string, start: number, end: number, extra: string, nodes: readonly Node[]): Edit[] {
  const protectedRanges = nodes.flatMap(multiLineStrings).sort((a, b) => a[0] - b[0]);
  const edits: Edit[] = [];
  let r = 0;
  for (let nl = text.indexOf('\n', start); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const at = nl + 1;
    // Strings do not overlap: skip those ending before this line, then see whether the next one holds it.
    while (r < protectedRanges.length && protectedRanges[r][1] <= at) r++;
    if (at >= end || (r < protectedRanges.length && at > protectedRanges[r][0] && at < protectedRanges[r][1])) continue;
    const lineEnd = text.indexOf('\n', at);
    if (text.slice(at, lineEnd === -1 ? text.length : lineEnd).trim() === '') continue;
    edits.push({ start: at, end: at, text: extra });
  }
  return edits;
}

/** Zero-length edits adding `extra` at the start of every non-blank line after the first within `node`. */
export function indentEdits(text: string, node: Node, extra: string): Edit[] {
  return lineIndentEdits(text, node.startIndex, node.endIndex, extra, [node]);
}

/** `node`'s text with `edits` (offsets into the whole text, all inside `node`) applied. */
export function rewrite(text: string, node: Node, edits: readonly Edit[]): string | undefined {
  const local = edits.map((e) => ({ start: e.start - node.startIndex, end: e.end - node.startIndex, text: e.text }));
  if (local.some((e) => e.start < 0 || e.end > node.endIndex - node.startIndex)) return undefined;
  try {
    return applyEdits(text.slice(node.startIndex, node.endIndex), local);
  } catch {
    return undefined;
  }
}

/**
 * One edit that turns `statement` into `with <header>:` holding the statement (re-indented, `inner` edits
 * applied). Undefined where that cannot be done cleanly: a statement sharing its line, or in a class body.
 */
export function wrapInWith(text: string, statement: Node, header: string, inner: readonly Edit[]): Edit | undefined {
  if (!ownsItsLines(text, statement) || inClassBody(statement)) return undefined;
  const unit = indentUnit(text, statement);
  const indent = indentAt(text, statement.startIndex);
  const body = rewrite(text, statement, [...inner, ...indentEdits(text, statement, unit)]);
  if (body === undefined) return undefined;
  const eol = lineBreakOf(text);
  return { start: statement.startIndex, end: statement.endIndex, text: `with ${header}:${eol}${indent}${unit}${body}` };
}

const WORD = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, 'u');

/** The first of `candidates` that appears nowhere in the file as a word (so it shadows and clashes with nothing). */
function firstFresh(text: string, candidates: readonly string[]): string | undefined {
  for (const c of candidates) if (!WORD(c).test(text)) return c;
  for (let i = 1; i < 100; i++) if (!WORD(`f${i}`).test(text)) return `f${i}`;
  return undefined;
}

const DEFAULT_FRESH = ['f', 'fh', 'file', 'stream', 'handle'];
const freshFileName = textCache((text) => firstFresh(text, DEFAULT_FRESH));

/** The first of `candidates` that appears nowhere in the file as a word (so it shadows and clashes with nothing). */
export function freshName(text: string, candidates: readonly string[] = DEFAULT_FRESH): string | undefined {
  return candidates === DEFAULT_FRESH ? freshFileName(text) : firstFresh(text, candidates);
}

/** Whether `word` occurs in `source` as a whole word (a cheap, conservative "is this name mentioned?"). */
export function mentions(source: string, word: string): boolean {
  return WORD(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).test(source);
}
