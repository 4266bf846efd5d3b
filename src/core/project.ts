// The project index: per-file summaries ("returns the whole content of its path argument", "iterates the lines
// of its first argument", "calls load() and loops over the result") that a file's analysis reads for what its
// code passes to, or receives from, other files. The core knows no language: each family brings an indexer
// (how to summarise a file, which files its imports name); hosts bring the files (disk, or an editor's buffers).
import { createHash } from 'node:crypto';
import type { Family } from './rule';

/** Where the index reads files from. */
export interface ProjectFiles {
  /** The file's text (an editor's unsaved buffer first), or undefined when it is not a readable regular file. */
  read(file: string): string | undefined;
  /** Whether a regular file exists there (module resolution asks this often: keep it cheap). */
  exists(file: string): boolean;
  /** Every file of the project in a language memlint lints, for "who imports this?"; absolute paths. */
  list(): Iterable<string>;
}

/** What a family contributes to the index. Summaries must be plain JSON (the CLI cache stores them). */
export interface LanguageIndexer {
  family: Family;
  /** Whether the file is this family's (by its extension). */
  owns(file: string): boolean;
  /** The file's summary; the indexer parses it itself. Called at most once per content. */
  summarize(text: string, file: string, files: ProjectFiles): unknown;
  /** The project files the file's import statements name, found cheaply (a text scan, no parse). */
  imports(text: string, file: string, files: ProjectFiles): string[];
}

interface Entry {
  hash: string;
  summary?: unknown;
  imports?: string[];
}

/** The files a lint took facts from, with the content hash each had: what a cache entry depends on. */
export type Dependencies = Map<string, string>;

/** One file's window on the index: what it looks at is recorded as a dependency. */
export interface ProjectView {
  readonly file: string;
  /** Another file's summary, or undefined when it cannot be read or no indexer owns it. */
  summary(file: string): unknown;
  exists(file: string): boolean;
  /** Files whose imports name `file`; `complete` is false while the index has not seen every file yet. */
  importers(file: string): { files: string[]; complete: boolean };
  /**
   * The summary of this file, computed by a rule from the text it lints: kept for other files' lints when it is
   * the content the index reads, so the file is not parsed a second time to summarise it.
   */
  remember?(text: string, summary: unknown): void;
  /** Whether another file's text holds `word` at all: a cheap test before its summary is asked for (and parsed). */
  mentions?(file: string, word: string): boolean;
  readonly dependencies: Dependencies;
}

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  private importedBy: Map<string, Set<string>> | undefined;
  private scanned = new Set<string>();
  private complete = false;

  constructor(
    readonly files: ProjectFiles,
    private readonly indexers: readonly LanguageIndexer[],
  ) {}

  private indexerOf(file: string): LanguageIndexer | undefined {
    return this.indexers.find((i) => i.owns(file));
  }

  private entry(file: string): Entry | undefined {
    let e = this.entries.get(file);
    if (e) return e;
    const text = this.files.read(file);
    if (text === undefined) return undefined;
    e = { hash: hashOf(text) };
    this.entries.set(file, e);
    return e;
  }

  /** A file's summary, computed once per content. */
  summary(file: string): { summary: unknown; hash: string } | undefined {
    const indexer = this.indexerOf(file);
    const e = indexer && this.entry(file);
    if (!indexer || !e) return undefined;
    if (e.summary === undefined) {
      const text = this.files.read(file);
      if (text === undefined) return undefined;
      try {
        e.summary = indexer.summarize(text, file, this.files) ?? null;
      } catch {
        e.summary = null;
      }
    }
    return { summary: e.summary, hash: e.hash };
  }

  /** A summary computed elsewhere from `text` (a rule's own parse): kept when `text` is what the index reads for `file`. */
  remember(file: string, text: string, summary: unknown): void {
    if (!this.indexerOf(file)) return;
    const e = this.entry(file);
    if (e && e.summary === undefined && e.hash === hashOf(text)) e.summary = summary ?? null;
  }

  /** The file changed (or went away): forget what was computed from it. */
  invalidate(file: string): void {
    const old = this.entries.get(file);
    this.entries.delete(file);
    if (!this.importedBy) return;
    for (const target of old?.imports ?? []) this.importedBy.get(target)?.delete(file);
    if (this.scanned.has(file)) {
      this.scanned.delete(file);
      this.scan(file);
    }
  }

  /** Read the imports of up to `budget` files not seen yet; true once every file has been seen. */
  scanSome(budget = Infinity): boolean {
    this.importedBy ??= new Map();
    if (this.complete) return true;
    let n = 0;
    for (const file of this.files.list()) {
      if (this.scanned.has(file)) continue;
      if (n++ >= budget) return false;
      this.scan(file);
    }
    this.complete = true;
    return true;
  }

  private scan(file: string): void {
    this.scanned.add(file);
    const indexer = this.indexerOf(file);
    const text = indexer && this.files.read(file);
    if (!indexer || text === undefined) return;
    let e = this.entries.get(file);
    if (!e) this.entries.set(file, (e = { hash: hashOf(text) }));
    try {
      e.imports = indexer.imports(text, file, this.files);
    } catch {
      e.imports = [];
    }
    for (const target of e.imports) {
      let set = this.importedBy!.get(target);
      if (!set) this.importedBy!.set(target, (set = new Set()));
      set.add(file);
    }
  }

  /** Files whose imports name `file`. Scans every project file first unless `scanSome` is being run in the background. */
  importers(file: string, wait = true): { files: string[]; complete: boolean } {
    if (wait) this.scanSome();
    const set = this.importedBy?.get(file);
    return { files: set ? [...set].sort() : [], complete: this.complete };
  }

  /** A view for linting `file`: lookups go through it and are recorded. */
  view(file: string, options: { wait?: boolean } = {}): ProjectView {
    const dependencies: Dependencies = new Map();
    const index = this;
    return {
      file,
      dependencies,
      summary(other) {
        const s = index.summary(other);
        if (s) dependencies.set(other, s.hash);
        return s?.summary ?? undefined;
      },
      exists(other) {
        return index.files.exists(other);
      },
      remember(text, summary) {
        index.remember(file, text, summary);
      },
      mentions(other, word) {
        return index.files.read(other)?.includes(word) ?? false;
      },
      importers(target) {
        const found = index.importers(target, options.wait ?? true);
        // A file that starts importing `target` changes what this lint sees, as much as an edit to an importer.
        dependencies.set(`importers:${target}`, hashOf(found.files.join('\n')));
        for (const f of found.files) {
          const e = index.entry(f);
          if (e) dependencies.set(f, e.hash);
        }
        return found;
      },
    };
  }
}

export function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
