// Which files `memlint check` looks at: named files, and folders walked for the linted extensions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOfPath } from '../core/languages';
import { isVirtualenv, SKIPPED_DIRS } from '../host/folders';

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
      errors.push(`${dir}: cannot read folder (${(err as NodeJS.ErrnoException).code ?? err})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symlinked folders are not followed (no cycles); symlinked files are read. A folder named on the command line
      // is checked even when it is one of the skipped ones.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !isVirtualenv(full)) walk(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && languageOfPath(entry.name)) {
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
      errors.push(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? err})`}`);
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else if (languageOfPath(p)) add(p);
    else errors.push(`${p}: not a Python or JavaScript/TypeScript file (by its extension)`);
  }
  return { files, errors };
}
