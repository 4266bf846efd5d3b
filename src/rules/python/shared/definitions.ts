// Code a fix adds to a module once (the `_stream_split` helper, the `_Reread` stand-in): after the module's
// leading imports, framed by two blank lines, under a name the module uses for nothing else. Every fix that needs
// it carries the same edit, so fix-all adds it once.
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, perTree } from '../../../core/parsers/pythonTree';
import type { Edit } from '../../../core/rule';
import { lineBreakOf } from '../../../core/text';
import { importInsertionPoint } from './imports';
import { mentions } from './layout';

export interface Definition {
  name: string;
  /** The code, without a trailing line break, in the module's line breaks. */
  code: (nl: string) => string;
}

const ADDED = {};

/**
 * The edits that add `definition`: none when the module defines it already, word for word, at its top level;
 * undefined when the module uses its name for anything else (a fix would clobber it, or call something else) or
 * has no place for it. Once per tree and definition.
 */
export function definitionEdits(root: Node, text: string, definition: Definition): Edit[] | undefined {
  const known = perTree(ADDED, root.tree, () => new Map<string, Edit[] | undefined>());
  if (!known.has(definition.name)) known.set(definition.name, added(root, text, definition));
  return known.get(definition.name);
}

function added(root: Node, text: string, definition: Definition): Edit[] | undefined {
  const code = definition.code(lineBreakOf(text));
  if (namedChildrenOf(root).some((c) => c.endIndex - c.startIndex === code.length && text.slice(c.startIndex, c.endIndex) === code)) return [];
  if (mentions(text, definition.name)) return undefined;
  const placed = placement(root, text, code);
  return placed && [placed];
}

/** Blank (or whitespace-only) lines from `at`, the start of a line. */
function blankLinesFrom(text: string, at: number): number {
  let count = 0;
  for (let i = at; ; count++) {
    const eol = text.indexOf('\n', i);
    if (eol === -1 || text.slice(i, eol).trim() !== '') return count;
    i = eol + 1;
  }
}

/** Blank lines just before `at`, the start of a line. */
function blankLinesBefore(text: string, at: number): number {
  let count = 0;
  for (let end = at - 1; end > 0; count++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (text.slice(start, end).trim() !== '') return count;
    end = start - 1;
  }
  return count;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * After the imports that open the module (at the end of the last one's line, so the blank lines that follow it stay
 * after the code, topped up to two), else before the first statement: ahead of any code that could call it.
 */
function placement(root: Node, text: string, code: string): Edit | undefined {
  const nl = lineBreakOf(text);
  let end: number | undefined;
  namedChildrenOf(root).every((c, i) => {
    const docstring = i === 0 && c.type === 'expression_statement' && c.namedChildCount === 1 && c.namedChild(0)?.type === 'string';
    if (IMPORTS.has(c.type)) end = c.endIndex;
    return docstring || IMPORTS.has(c.type);
  });
  if (end !== undefined) {
    const eol = text.indexOf('\n', end);
    if (eol === -1) return { start: text.length, end: text.length, text: `${nl}${nl}${nl}${code}${nl}` };
    const at = text[eol - 1] === '\r' ? eol - 1 : eol;
    const blanks = blankLinesFrom(text, eol + 1);
    return { start: at, end: at, text: `${nl}${nl}${nl}${code}${nl.repeat(Math.max(0, 2 - blanks))}` };
  }
  const at = importInsertionPoint(root, text);
  if (at === undefined) return undefined;
  const before = text.slice(0, at).trim() === '' ? '' : nl.repeat(Math.max(0, 2 - blankLinesBefore(text, at)));
  return { start: at, end: at, text: `${before}${code}${nl}${nl}${nl}` };
}
