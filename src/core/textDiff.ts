// One replacement that turns `before` into `after`, keeping the common prefix and suffix untouched: fix-all in the
// editor moves no cursor, fold or marker outside the changed region; a Python tree re-parses only that region.
import type { Edit } from './rule';

/** Characters compared at once while the texts agree: one string comparison (a memcmp) instead of a loop turn each. */
const CHUNK = 1024;

export function minimalEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start + CHUNK <= max && before.substring(start, start + CHUNK) === after.substring(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && before.substring(oldEnd - CHUNK, oldEnd) === after.substring(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  // Never split a surrogate pair or a \r\n.
  const low = (s: string, i: number) => i > 0 && i < s.length && ((s.charCodeAt(i) & 0xfc00) === 0xdc00 || (s[i] === '\n' && s[i - 1] === '\r'));
  while (start > 0 && (low(before, start) || low(after, start))) start--;
  while (oldEnd < before.length && newEnd < after.length && (low(before, oldEnd) || low(after, newEnd))) {
    oldEnd++;
    newEnd++;
  }
  return { start, end: oldEnd, text: after.slice(start, newEnd) };
}
