// Reading and writing files memlint keeps (the run history, a report) in folders anyone may have prepared: never
// through a symbolic link, never blocking on a FIFO, never truncating what is there before the new text is complete.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

/**
 * Write `text` to `file` atomically: into a new file beside it, created exclusively (O_EXCL, O_NOFOLLOW) under a random
 * name, so nothing planted there is followed or reused, then renamed over `file`. A reader sees the old file or the
 * new one, never half of either; a symbolic link at `file` is replaced, never followed.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666);
  try {
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Why a path cannot be read as a plain file: a link, or not a regular file (a folder, a FIFO, a device). */
export class NotAPlainFile extends Error {
  constructor(
    readonly file: string,
    readonly what: 'a symbolic link' | 'a folder' | 'not a regular file',
  ) {
    super(`${file} is ${what}`);
  }
}

/**
 * The text of a regular file, or null when there is none. Opened without following a symbolic link and without
 * blocking on a FIFO; a file over `maxBytes` is read no further than that (its text is then cut).
 */
export function readPlainFile(file: string, maxBytes: number): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new NotAPlainFile(file, 'a symbolic link');
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotAPlainFile(file, stat.isDirectory() ? 'a folder' : 'not a regular file');
    const buf = Buffer.alloc(Math.min(stat.size, maxBytes));
    let len = 0;
    while (len < buf.length) {
      const n = fs.readSync(fd, buf, len, buf.length - len, null);
      if (n <= 0) break;
      len += n;
    }
    return buf.toString('utf8', 0, len);
  } finally {
    fs.closeSync(fd);
  }
}
