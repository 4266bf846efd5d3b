// The workspace's files in the languages memlint lints, listed without blocking: one folder per turn of the event
// loop (async readdir), so the server answers messages while a large workspace is walked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOfPath } from '../core/languages';
import { SKIPPED_DIRS } from '../host/folders';

/** Build output, skipped in the editor as well (the CLI checks it when named). */
const BUILD_DIRS = new Set(['dist', 'out']);

export async function listFiles(roots: readonly string[], max: number, cancelled: () => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const queue = [...roots];
  while (queue.length > 0 && out.length < max && !cancelled()) {
    const dir = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if (entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtualenv
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symlinked folders are not followed (no cycles); symlinked files are read.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !BUILD_DIRS.has(entry.name)) queue.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && languageOfPath(entry.name) && out.length < max) {
        out.push(full);
      }
    }
  }
  return out.sort();
}
