// Which files `memlint check` looks at: named files, and folders walked for the linted extensions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOfPath } from '../core/languages';
import { isVirtualenv, SKIPPED_DIRS } from '../host/folders';
import { errnoText } from './errno';

export interface Collected {
  files: string[];
  /** Paths that could not be read at all, or named files memlint does not lint: one line each. */
  errors: string[];
}

export function collectFiles(paths: readonly string[]): Collected {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(`${dir}: cannot read folder (${errnoText(err)})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symlinked folders are not followed (no cycles); symlinked files are read. FIFOs, sockets and devices with a
      // linted name are kept, so that reading them says why they are skipped. A folder named on the command line is
      // checked even when it is one of the skipped ones.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !isVirtualenv(full)) walk(full);
      } else if (languageOfPath(entry.name)) {
        add(full);
      }
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read (${errnoText(err)})`}`);
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else if (languageOfPath(p)) add(p);
    else errors.push(`${p}: not a Python or JavaScript/TypeScript file (by its extension)`);
  }
  return { files, errors };
}

/**
 * Where --fix may write: the real path of each folder given, and of the folder holding each file given. A symlink whose
 * target lies elsewhere is checked, not fixed.
 */
export function fixRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      roots.push(fs.realpathSync(fs.statSync(p).isDirectory() ? p : path.dirname(p)));
    } catch {
      // Unreadable paths are reported by collectFiles.
    }
  }
  return roots;
}
