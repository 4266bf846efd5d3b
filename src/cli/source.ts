// Reading a source file defensively. Only regular files are opened (a FIFO would block, /dev/zero never ends), and
// never more than the size fstat gave; binary files are skipped; text that does not decode is checked, never rewritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeOverLimit, overSizeLimit, type Limits } from '../core/limits';
import { decodeText, ENCODING_NAMES, type Decoded } from './encoding';
import { errnoText } from './errno';

export type Source =
  | (Decoded & {
      ok: true;
      /** The bytes as read, to tell later whether the file changed. */
      bytes: Buffer;
      /** fstat of the file that was read. */
      stat: fs.Stats;
      /** Its real path (symlinks resolved): what --fix rewrites. */
      real: string;
    })
  | {
      ok: false;
      reason: string;
      /** The path could not be read (exit 2); otherwise memlint chose to skip it. */
      unreadable?: boolean;
    };

/** How the CLI names its limits in messages. */
export const CLI_LIMIT_NAMES = { size: '--max-file-size', lineLength: '--max-line-length' };

/** The mode bits say what a non-regular file is: FIFO, socket, device. */
function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Kernel pseudo-files look regular (size 0) but are generated on read. */
const PSEUDO_FS = ['/proc/', '/sys/'];

/**
 * Sizes are limited in characters; a file cannot have fewer characters than a quarter of its bytes (UTF-32), so a
 * file over four times the limit on disk is skipped without reading it.
 */
function overOnDisk(size: number, limits: Limits): string | undefined {
  const over = overSizeLimit(Math.floor(size / 4), limits);
  return over && describeOverLimit({ ...over, size }, CLI_LIMIT_NAMES);
}

/** Read exactly `size` bytes from `fd`, or fewer if the file was cut meanwhile. */
export function readFd(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let at = 0;
  while (at < size) {
    const n = fs.readSync(fd, buffer, at, size - at, at);
    if (n === 0) break;
    at += n;
  }
  return buffer.subarray(0, at);
}

/** Open a path only if it is a regular file: O_NONBLOCK so a FIFO swapped in after the stat cannot block the open. */
export function openRegular(file: string): { fd: number; stat: fs.Stats } | { reason: string } {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  const stat = fs.fstatSync(fd);
  if (stat.isFile()) return { fd, stat };
  fs.closeSync(fd);
  return { reason: `not a regular file (${kindOf(stat)}), skipped` };
}

export function readSource(file: string, limits: Limits): Source {
  let fd: number | undefined;
  try {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
        return { ok: false, reason: 'broken symlink (its target does not exist), skipped' };
      }
      throw err;
    }
    if (stat.isDirectory()) return { ok: false, reason: 'links to a folder (symlinked folders are not followed), skipped' };
    if (!stat.isFile()) return { ok: false, reason: `not a regular file (${kindOf(stat)}), skipped` };
    const real = fs.realpathSync.native(file);
    if (PSEUDO_FS.some((p) => real.startsWith(p))) return { ok: false, reason: `not a source file (${real} is a kernel pseudo-file), skipped` };
    const tooBig = overOnDisk(stat.size, limits);
    if (tooBig) return { ok: false, reason: `skipped: ${tooBig}` };
    const opened = openRegular(file);
    if ('reason' in opened) return { ok: false, reason: opened.reason };
    fd = opened.fd;
    const tooBigNow = overOnDisk(opened.stat.size, limits);
    if (tooBigNow) return { ok: false, reason: `skipped: ${tooBigNow}` };
    const bytes = readFd(fd, opened.stat.size);
    const decoded = decodeText(bytes);
    const head = decoded.text.slice(0, 8192);
    if (head.includes('\0')) {
      const name = decoded.bom ? `${ENCODING_NAMES[decoded.encoding]} with NUL characters` : 'NUL bytes';
      return { ok: false, reason: `binary file (${name}), skipped` };
    }
    return { ok: true, ...decoded, bytes, stat: opened.stat, real };
  } catch (err) {
    return { ok: false, reason: `cannot read (${errnoText(err)})`, unreadable: true };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Whether `real` (a real path) lies inside one of `roots` (real paths). */
export function isInside(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}
