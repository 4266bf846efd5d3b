// Hashing text without a large native block: Node's crypto turns a string into UTF-8 in one block of up to three
// times its length, and large blocks freed make glibc keep memory (src/host/pieces.ts says how).
import { createHash, type Hash } from 'node:crypto';
import { slices } from './text';

/** UTF-16 units hashed at once: a native block of at most 24 KB, under glibc's initial 128 KB threshold. */
const SLICE = 8192;

/** `hash.update(text)`, the same bytes fed a slice at a time (a slice never ends between a surrogate pair's halves). */
export function updateText(hash: Hash, text: string): Hash {
  if (text.length <= SLICE) return hash.update(text);
  for (const slice of slices(text, SLICE)) hash.update(slice);
  return hash;
}

/** The sha1 of `data` (a string as UTF-8), in hex. */
export function sha1Hex(data: string | Buffer): string {
  return (typeof data === 'string' ? updateText(createHash('sha1'), data) : createHash('sha1').update(data)).digest('hex');
}
