// Removing a whole statement from the source, keeping the file's layout and any comment on its line.
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, nextNamedSiblingOf, parentOf } from '../../../core/parsers/pythonTree';
import type { Edit } from '../../../core/rule';

const BLANK = /\s/;

/** Where the line holding `offset` starts (after a \n or a \r), if only whitespace comes before `offset` on it. */
function blankLineStart(text: string, offset: number): number | undefined {
  let i = offset;
  for (; i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r'; i--) if (!BLANK.test(text[i - 1])) return undefined;
  return i;
}

/** Offset just past the line break ending the line that holds `offset` (or the end of the text). */
function nextLineAt(text: string, offset: number): number {
  const m = /\r\n|\r|\n/g;
  m.lastIndex = offset;
  const hit = m.exec(text);
  return hit ? hit.index + hit[0].length : text.length;
}

/**
 * The edit that deletes `statement` (a child of a block or the module): its whole lines, or up to a trailing
 * comment (which stays), or `pass` when it is the only statement of its block. Undefined when it shares a
 * line with other code (`a = 1; b = 2`, `if c: b = 2`), where a line edit would take the neighbour along.
 */
export function removeStatement(text: string, statement: Node): Edit | undefined {
  const start = statement.startIndex;
  const end = statement.endIndex;
  const lineStart = blankLineStart(text, start);
  if (lineStart === undefined) return undefined;
  // After the statement: blanks, then a comment or the line's end (looking no further than that).
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const comment = text[i] === '#';
  if (!comment) {
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r' && BLANK.test(text[i])) i++;
    if (i < text.length && text[i] !== '\n' && text[i] !== '\r') return undefined;
  }
  const block = parentOf(statement);
  if (block && parentOf(block) && namedChildrenOf(block).length === 1) return { start, end, text: 'pass' };
  if (comment) return { start, end: i, text: '' };
  return { start: lineStart, end: nextLineAt(text, end), text: '' };
}

/** The statement after `statement` in its block, skipping comments. */
export function nextStatement(statement: Node): Node | null {
  return nextNamedSiblingOf(statement) ?? null;
}
