// --fix writes a file by replacing it: the new text goes to a temporary file beside it, which is renamed over the
// original. A reader sees the old file or the new one, never a truncated one, and an interrupted write leaves the old.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { constants as os } from 'node:os';
import * as path from 'node:path';
import { writeAll } from '../host/pieces';
import { errnoText } from './errno';
import { openRegular, readFd } from './source';

/** What the file looked like when it was read. */
export interface ReadState {
  bytes: Buffer;
  stat: fs.Stats;
}

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

/** Whether the file at `real` still is the one that was read: same inode, size, mtime and bytes. */
function unchanged(real: string, before: ReadState): boolean {
  const opened = openRegular(real);
  if ('reason' in opened) return false;
  try {
    const { stat } = opened;
    const same = stat.ino === before.stat.ino && stat.dev === before.stat.dev && stat.size === before.stat.size && stat.mtimeMs === before.stat.mtimeMs;
    return same && readFd(opened.fd, stat.size).equals(before.bytes);
  } finally {
    fs.closeSync(opened.fd);
  }
}

/**
 * Replace the file at `real` (a real path, so a symlink keeps pointing at it) with `bytes`, keeping its mode (and its
 * owner when running as root). Refused when the file is not writable, or changed since `before` was read.
 */
export function replaceFile(real: string, bytes: Buffer, before: ReadState): WriteOutcome {
  try {
    // Renaming needs only the folder's permission: without this, --fix would replace a read-only file.
    fs.accessSync(real, fs.constants.W_OK);
  } catch (err) {
    return { ok: false, reason: `cannot write (${errnoText(err)}): fixes not applied` };
  }
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.memlint-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
  } catch (err) {
    return { ok: false, reason: `cannot create a temporary file beside it (${errnoText(err)}): fixes not applied` };
  }
  let renamed = false;
  try {
    try {
      writeAll(fd, bytes);
      const { mode, uid, gid } = before.stat;
      if (process.getuid?.() === 0) fs.fchownSync(fd, uid, gid); // before chmod: chown clears set-id bits
      fs.fchmodSync(fd, mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (!unchanged(real, before)) return { ok: false, reason: 'changed while memlint was fixing it: fixes not applied (run memlint again)' };
    fs.renameSync(temp, real);
    renamed = true;
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `cannot write (${errnoText(err)}): fixes not applied` };
  } finally {
    if (!renamed) fs.rmSync(temp, { force: true });
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Run `write` (synchronous) so that Ctrl-C, SIGTERM or SIGHUP arriving meanwhile ends the process only once it is
 * done: a signal handler runs on the event loop, which the write does not give back until it has finished. Outside
 * these sections the default applies (the process ends at once; no temporary file exists then).
 */
export async function withSignalsDeferred<T>(write: () => T): Promise<T> {
  const exit = (signal: NodeJS.Signals) => process.exit(128 + os.signals[signal]);
  for (const s of SIGNALS) process.on(s, exit);
  try {
    return write();
  } finally {
    // A signal that came during the write is delivered on this turn of the event loop, while `exit` still listens.
    await new Promise((resolve) => setImmediate(resolve));
    for (const s of SIGNALS) process.off(s, exit);
  }
}
