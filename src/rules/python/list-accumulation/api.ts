// Can this file see every caller of the function? Callers in other files may index or measure the list.
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf } from '../../../core/parsers/pythonTree';
import { enclosingFunction } from '../shared/scopes';
import { textCache } from '../shared/text-cache';

const ALL = /^__all__[ \t]*(?::[^=\n]*)?\+?=/m;
const MENTIONS_LIST = /(?<![\p{L}\p{N}_])(?:list|List)s?(?![\p{L}\p{N}_])/u;
const NAME = /^[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]+$/u;

/** Whether the file assigns `__all__`, and the names written between quotes (`'name'`, `"name"`) in it: once per text. */
const exported = textCache((text) => {
  if (!ALL.test(text)) return undefined;
  const quoted = new Set<string>();
  for (const m of text.matchAll(/['"]([\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]+)(?=['"])/gu)) quoted.add(m[1]);
  return quoted;
});

/**
 * Whether the function may have callers in other files who were promised a list: a public module-level
 * function listed in `__all__`, or whose docstring or return annotation says it returns a list.
 * Nested functions and `_private` ones have all their callers in this file.
 */
export function promisedToOthers(text: string, fn: Node, name: string): boolean {
  if (name.startsWith('_') || enclosingFunction(fn)) return false;
  const quoted = exported(text);
  if (quoted && (NAME.test(name) ? quoted.has(name) : new RegExp(`['"]${name}['"]`, 'u').test(text))) return true;
  const body = fn.childForFieldName('body');
  const first = body ? namedChildrenOf(body)[0] : undefined;
  const docstring = first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string' ? first.text : '';
  const annotation = fn.childForFieldName('return_type')?.text ?? '';
  return MENTIONS_LIST.test(docstring) || MENTIONS_LIST.test(annotation);
}
