// Can this file see every caller of the function? Callers in other files may index or measure the list.
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../shared/scopes';

const ALL = /^__all__[ \t]*(?::[^=\n]*)?\+?=/m;
const MENTIONS_LIST = /(?<![\p{L}\p{N}_])(?:list|List)s?(?![\p{L}\p{N}_])/u;

/**
 * Whether the function may have callers in other files who were promised a list: a public module-level
 * function listed in `__all__`, or whose docstring or return annotation says it returns a list.
 * Nested functions and `_private` ones have all their callers in this file.
 */
export function promisedToOthers(text: string, fn: Node, name: string): boolean {
  if (name.startsWith('_') || enclosingFunction(fn)) return false;
  if (ALL.test(text) && new RegExp(`['"]${name}['"]`, 'u').test(text)) return true;
  let first = fn.childForFieldName('body')?.firstNamedChild;
  while (first?.type === 'comment') first = first.nextNamedSibling;
  const docstring = first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string' ? first.text : '';
  const annotation = fn.childForFieldName('return_type')?.text ?? '';
  return MENTIONS_LIST.test(docstring) || MENTIONS_LIST.test(annotation);
}
