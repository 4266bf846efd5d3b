// The project `memlint check` indexes: the folders it was given, and for a file the package around it (Python:
// up to the folder holding its outermost package; JS/TS: up to its package.json). Read from disk, lazily.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Limits } from '../core/limits';
import { ProjectIndex, type LanguageIndexer, type ProjectFiles, type IndexStore } from '../core/project';
import { DEFAULTS } from '../core/settings';
import { collectFiles } from './files';
import { checked } from './heap';
import { readSource } from './source';

/** Walking stops here: a project this large is indexed for imports only up to this many files. */
export const MAX_PROJECT_FILES = 50_000;

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The folder a file's project starts at: its outermost Python package's parent, or its package.json's folder. */
export function projectRootOf(file: string): string {
  let dir = path.dirname(path.resolve(file));
  if (file.endsWith('.py')) {
    while (isFile(path.join(dir, '__init__.py')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return dir;
  }
  for (let d = dir; ; d = path.dirname(d)) {
    if (isFile(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

/** What a folder holds, by name: a regular file, a folder, a symbolic link (followed when asked about), or else. */
type Listing = Map<string, 'file' | 'dir' | 'link' | 'other'>;

const NOTHING: Listing = new Map();

function listing(dir: string): Listing {
  const out: Listing = new Map();
  try {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) out.set(e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other');
  } catch {
    // Not a folder, or not readable: nothing there as far as module resolution goes.
  }
  return out;
}

/** Where names may be spelled in another case than they are listed (macOS, Windows by default): ask for each. */
const FOLDS_CASE = process.platform === 'darwin' || process.platform === 'win32';

export class DiskProject implements ProjectFiles {
  private readonly existing = new Map<string, boolean>();
  /** Folders module resolution looked into: one listing each, rather than a stat per candidate file. */
  private readonly listings = new Map<string, Listing>();
  private listed: string[] | undefined;

  constructor(
    private readonly roots: readonly string[],
    private readonly limits: Limits = DEFAULTS,
  ) {}

  read(file: string): string | undefined {
    const source = readSource(file, this.limits);
    if (!source.ok) return undefined;
    // Reading every module for its imports makes garbage as fast as checking does.
    checked();
    return source.text;
  }

  /** The listing of `dir`; a folder its parent's listing lacks is not read (module resolution asks about many). */
  private listingOf(dir: string): Listing {
    let names = this.listings.get(dir);
    if (names) return names;
    const parent = this.listings.get(path.dirname(dir));
    const kind = parent?.get(path.basename(dir));
    names = !parent || kind === 'dir' || kind === 'link' || (kind === undefined && FOLDS_CASE) ? listing(dir) : NOTHING;
    this.listings.set(dir, names);
    return names;
  }

  exists(file: string): boolean {
    const kind = this.listingOf(path.dirname(file)).get(path.basename(file));
    if (kind !== 'link' && !(kind === undefined && FOLDS_CASE)) return kind === 'file';
    let known = this.existing.get(file);
    if (known === undefined) this.existing.set(file, (known = isFile(file)));
    return known;
  }

  list(): Iterable<string> {
    if (!this.listed) {
      const { files } = collectFiles(this.roots);
      this.listed = files.slice(0, MAX_PROJECT_FILES).map((f) => path.resolve(f));
    }
    return this.listed;
  }
}

/** The index for checking `paths`: their folders, and the project around each named file; facts kept in `store`. */
export function projectFor(paths: readonly string[], indexers: readonly LanguageIndexer[], limits: Limits = DEFAULTS, store?: IndexStore): ProjectIndex {
  const roots = new Set<string>();
  for (const p of paths) {
    const resolved = path.resolve(p);
    let dir = false;
    try {
      dir = fs.statSync(resolved).isDirectory();
    } catch {
      continue;
    }
    roots.add(dir ? resolved : projectRootOf(resolved));
  }
  // A root inside another adds nothing.
  const sorted = [...roots].sort();
  const kept = sorted.filter((r) => !sorted.some((o) => o !== r && r.startsWith(o + path.sep)));
  return new ProjectIndex(new DiskProject(kept, limits), indexers, store);
}
