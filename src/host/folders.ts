// Folders no host walks into when it lists a project's files (the CLI's `check`, the language server's index);
// .memlint holds the check cache.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.memlint', 'site-packages']);

export function isVirtualenv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}
