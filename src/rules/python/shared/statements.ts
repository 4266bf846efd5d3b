// Removing a whole statement from the source, keeping the file's layout and any comment on its line.
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../core/rule';

function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
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
  const lineStart = lineStartAt(text, start);
  if (text.slice(lineStart, start).trim() !== '') return undefined;
  const next = nextLineAt(text, end);
  const rest = text.slice(end, next).replace(/[\r\n]+$/, '');
  const comment = /^[ \t]*#/.test(rest);
  if (rest.trim() !== '' && !comment) return undefined;
  const block = statement.parent;
  const siblings = block ? block.namedChildren.filter((c) => c && c.type !== 'comment') : [];
  if (block?.parent && siblings.length === 1) return { start, end, text: 'pass' };
  if (comment) return { start, end: end + rest.search(/#/), text: '' };
  return { start: lineStart, end: next, text: '' };
}

/** The statement after `statement` in its block, skipping comments. */
export function nextStatement(statement: Node): Node | null {
  let n = statement.nextNamedSibling;
  while (n && n.type === 'comment') n = n.nextNamedSibling;
  return n;
}
