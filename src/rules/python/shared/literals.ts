// The values of Python literals as written in the source: integers and (byte) strings, escapes decoded.
import type { Node } from 'web-tree-sitter';

/** The value of an integer literal (`12`, `1_000`, `0x10`, `0o7`, `0b1`), if it is a safe JS integer. */
export function intValue(node: Node | null | undefined): number | undefined {
  if (!node || node.type !== 'integer') return undefined;
  const digits = node.text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(digits)) return undefined;
  const value = /^0[box]/.test(digits) ? Number(digits) : /^\d+$/.test(digits) ? Number(digits) : NaN;
  return Number.isSafeInteger(value) ? value : undefined;
}

export interface StringValue {
  /** The characters; for bytes, one char (code 0-255) per byte. */
  value: string;
  bytes: boolean;
}

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Decode the escapes of a non-raw literal body; undefined for `\N{...}`, whose value needs the Unicode name table. */
function unescape(body: string, bytes: boolean): string | undefined {
  let ok = true;
  const out = body.replace(/\\(\r\n|\n|\r|x[0-9a-fA-F]{2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[^])/g, (all, e: string) => {
    if (e === '\n' || e === '\r' || e === '\r\n') return '';
    if (e in SIMPLE) return SIMPLE[e];
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & (bytes ? 0xff : 0x1ff));
    if (!bytes && (e[0] === 'u' || e[0] === 'U')) {
      const cp = parseInt(e.slice(1), 16);
      if (cp > 0x10ffff) ok = false;
      return cp > 0x10ffff ? '' : String.fromCodePoint(cp);
    }
    if (!bytes && e[0] === 'N') ok = false;
    return all;
  });
  return ok ? out : undefined;
}

/**
 * The value of a string or bytes literal, implicit concatenations included. Undefined for f-strings and
 * anything whose value cannot be known from the text alone.
 */
export function stringValue(node: Node | null | undefined): StringValue | undefined {
  while (node && node.type === 'parenthesized_expression' && node.namedChildCount === 1) node = node.namedChild(0);
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => stringValue(c));
    if (parts.some((p) => !p) || parts.some((p) => p!.bytes !== parts[0]!.bytes)) return undefined;
    return { value: parts.map((p) => p!.value).join(''), bytes: parts[0]!.bytes };
  }
  if (node.type !== 'string') return undefined;
  const start = node.firstChild;
  const end = node.lastChild;
  if (start?.type !== 'string_start' || end?.type !== 'string_end') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('f') || prefix.includes('t')) return undefined;
  const bytes = prefix.includes('b');
  const body = sourceBetween(node, start.endIndex, end.startIndex);
  const value = prefix.includes('r') ? body : unescape(body, bytes);
  return value === undefined ? undefined : { value, bytes };
}

/** The source text of `node`'s tree between two offsets inside `node`. */
function sourceBetween(node: Node, from: number, to: number): string {
  return node.text.slice(from - node.startIndex, to - node.startIndex);
}

/** Length of a literal's value as Python counts it: code points for str, bytes for bytes. */
export function literalLength(s: StringValue): number {
  return s.bytes ? s.value.length : [...s.value].length;
}

/** `True` / `False` literal. */
export function boolValue(node: Node | null | undefined): boolean | undefined {
  if (node?.type === 'true') return true;
  if (node?.type === 'false') return false;
  return undefined;
}
