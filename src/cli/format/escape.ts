// File names, messages and source lines come from the files checked: printed raw, a control character could move the
// cursor, recolour or retitle the terminal, and a bidi override could make code read differently (Trojan Source).

/** C0 controls but tab, DEL, C1 controls, the line/paragraph separators and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The characters JSON.stringify leaves as they are among those (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** Show unsafe characters as escapes: "\x1b", "\u202e". */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON text with those characters written as \u escapes: the same JSON value, safe to print on a terminal. */
export function jsonSafe(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}
