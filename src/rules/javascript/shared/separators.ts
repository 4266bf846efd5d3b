// Which `split` separators mean "lines", and which of them memlint's generated readers reproduce exactly.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, type Node, type Site } from './ast';
import { fsValueOf } from './fs-module';

export interface Separator {
  /** The separator as written (copied into fixes unchanged). */
  node: Node;
  /** A string separator's value; undefined for a pattern. */
  value?: string;
  /** Whether the tail reader (which cuts the file after a '\n') reproduces it: '\n', '\r\n', or a line-break pattern. */
  tailable: boolean;
}

// Alternatives of a line-break pattern: each matches only \r and \n, and contains a \n only as its last character,
// so no match ever extends past a '\n' (the readers rely on that to split a chunk at its last '\n').
const ALTERNATIVE = /^(?:\\n|\\r|\\r\\n|\\r\?\\n|\\r\\n\?|\[\\r\\n\]|\[\\n\\r\])$/;

/** `/\r?\n/`, `/\r\n|\n/`, `/\r\n|\r|\n/`, `/\n/`, `/[\r\n]/` and the like (no capture groups: those add pieces to split's result). */
export function isLineBreakPattern(pattern: string): boolean {
  let p = pattern;
  if (p.startsWith('(?:') && p.endsWith(')')) p = p.slice(3, -1);
  return p.split('|').every((a) => ALTERNATIVE.test(a));
}

/** The separator of `text.split(node)` when it splits lines (a string holding a line break, `os.EOL`, a line-break pattern). */
export function lineSeparator(node: Node | undefined, ancestors: Site['ancestors']): Separator | undefined {
  if (!node) return undefined;
  const value = stringValue(node);
  if (value !== undefined) return /[\r\n]/.test(value) ? { node, value, tailable: value === '\n' || value === '\r\n' } : undefined;
  if (node.type === 'MemberExpression' || node.type === 'Identifier') {
    const v = fsValueOf(node, ancestors);
    return v?.module === 'os' && v.member === 'EOL' ? { node, tailable: true } : undefined;
  }
  if (node.type === 'Literal' && (node as TSESTree.RegExpLiteral).regex) {
    const { pattern } = (node as TSESTree.RegExpLiteral).regex;
    return isLineBreakPattern(pattern) ? { node, tailable: true } : undefined;
  }
  return undefined;
}
