// A generator annotated `-> list[str]` lies: rewrite the annotation to `Iterator[str]`, importing the name if needed.
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../core/rule';
import { firstNumberAtLeast as firstAtLeast } from '../../../core/sorted';
import { lineBreakOf } from '../../../core/text';
import { identifiersNamed } from '../shared/identifiers';
import { importInsertionPoint } from '../shared/imports';
import { textCache } from '../shared/text-cache';

const LIST_NAMES = new Set(['list', 'List']);
const IMPORT = /^from[ \t]+(?:typing|collections\.abc)[ \t]+import[ \t]+/gm;
/** `Iterator` as a word of its own, not renamed (`Iterator as It`). */
const ITERATOR = /(?<![\p{L}\p{N}_])Iterator(?![\p{L}\p{N}_]|[ \t]+as\b)/gu;

/**
 * A module-level `from typing import Iterator` (or collections.abc), not renamed: what
 * `/^from[ \t]+(?:typing|collections\.abc)[ \t]+import[ \t]+(?:\([^)]*|[^\n]*)(?<!\w)Iterator(?!\w|[ \t]+as\b)/mu` finds,
 * with the `Iterator` words and closing parentheses found once, so many unclosed `import (` lines cost no rescans.
 */
const importsIterator = textCache((text): boolean => {
  const words = [...text.matchAll(ITERATOR)].map((m) => m.index!);
  if (words.length === 0) return false;
  const closes = [...text.matchAll(/\)/g)].map((m) => m.index!);
  const any = (from: number, to: number) => firstAtLeast(words, from) < firstAtLeast(words, to - 'Iterator'.length + 1);
  for (const m of text.matchAll(IMPORT)) {
    const p = m.index! + m[0].length;
    // `( ... Iterator ... )`, up to the first `)` (or the end); else on the rest of the line.
    if (text[p] === '(') {
      const close = closes[firstAtLeast(closes, p + 1)] ?? text.length;
      if (any(p + 1, close)) return true;
    }
    const eol = text.indexOf('\n', p);
    if (any(p, eol === -1 ? text.length : eol)) return true;
  }
  return false;
});

/**
 * Edits that make the return annotation say Iterator: none when there is no annotation; `not-a-list`
 * when it promises something else (a Sequence, a str...: callers may rely on it); `unfixable` when
 * `Iterator` cannot be named safely here (another `Iterator` in the module, or no line to import it on).
 */
export function annotationEdits(text: string, root: Node, fn: Node): Edit[] | 'not-a-list' | 'unfixable' {
  const annotation = fn.childForFieldName('return_type');
  if (!annotation) return [];
  const inner = annotation.firstNamedChild!;
  const head = inner.type === 'generic_type' ? inner.firstNamedChild! : inner.type === 'subscript' ? inner.childForFieldName('value')! : inner;
  if (head.type === 'attribute') {
    const object = head.childForFieldName('object')!;
    const attr = head.childForFieldName('attribute')!;
    if (object.text !== 'typing' || attr.text !== 'List') return 'not-a-list';
    return [{ start: attr.startIndex, end: attr.endIndex, text: 'Iterator' }];
  }
  if (head.type !== 'identifier' || !LIST_NAMES.has(head.text)) return 'not-a-list';
  const rename = { start: head.startIndex, end: head.endIndex, text: 'Iterator' };
  if (importsIterator(text)) return [rename];
  // Some other `Iterator` in the module would be shadowed or clash.
  const at = identifiersNamed(root, text, 'Iterator').length === 0 ? importInsertionPoint(root, text) : undefined;
  if (at === undefined) return 'unfixable';
  return [rename, { start: at, end: at, text: `from collections.abc import Iterator${lineBreakOf(text)}` }];
}

