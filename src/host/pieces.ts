// Whole files read and written in pieces through one buffer per thread. A whole-file read or write makes a native
// block the size of the file; glibc raises its mmap threshold to the largest block freed (up to 32 MB) and its trim
// threshold to twice that, and from then on memory freed by every thread stays in the process. memlint check's cache
// entries (the project's grows with the tree) and its large modules (largeModules.ts) go through here.
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { slices } from '../core/text';

const PIECE = 64 * 1024;
/** UTF-16 units written at once: at most 3 bytes each in UTF-8, so a slice always fits in a piece. */
const SLICE = PIECE / 4;

let scratch: Buffer | undefined;
const buffer = () => (scratch ??= Buffer.allocUnsafeSlow(PIECE));

/** Each piece of `file`, in order: `visit` must copy what it keeps (the buffer is reused). */
export function eachPiece(file: string, visit: (piece: Buffer) => void): void {
  const b = buffer();
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, b, 0, PIECE, null); n > 0; n = fs.readSync(fd, b, 0, PIECE, null)) visit(b.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's text, decoded as UTF-8 (as `fs.readFileSync(file, 'utf8')`). */
export function readText(file: string): string {
  const decoder = new StringDecoder('utf8');
  let text = '';
  eachPiece(file, (piece) => (text += decoder.write(piece)));
  return text + decoder.end();
}

/** Write `text` as UTF-8 at `fd`'s position (a slice never ends between a surrogate pair's halves). */
export function writeText(fd: number, text: string): void {
  const b = buffer();
  for (const slice of slices(text, SLICE)) {
    writeAll(fd, b.subarray(0, b.write(slice, 0, 'utf8')));
  }
}

/** Write all of `bytes` at `fd`'s position (a write may take fewer than it is given). */
export function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}
