// The project index: per-file summaries ("returns the whole content of its path argument", "iterates the lines
// of its first argument", "calls load() and loops over the result") that a file's analysis reads for what its
// code passes to, or receives from, other files. The core knows no language: each family brings an indexer
// (how to summarise a file, which files its imports name); hosts bring the files (disk, or an editor's buffers).
import { sha1Hex } from './hash';
import { packProbes, unpackProbes } from './probes';
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
  /**
   * The cheap part of the summary, enough to follow a name through modules (what a module defines, imports and
   * re-exports): a parse and a look at its top-level statements. A summary must serve wherever an outline does.
   */
  outline?(text: string, file: string, files: ProjectFiles): unknown;
  /** The project files the file's import statements name, found cheaply (a text scan, no parse). */
  imports(text: string, file: string, files: ProjectFiles): string[];
}

interface Entry {
  hash: string;
  summary?: unknown;
  outline?: unknown;
  outlineExisted?: Record<string, boolean>;
  /** The exists() answers the summary was built on (module resolution): a file appearing can change it. */
  existed?: Record<string, boolean>;
  imports?: string[];
  /** The exists() answers `imports` were resolved with (`packProbes`). */
  importsProbes?: string;
}

/** What the index keeps in a store, per file: its summary, its outline. */
export type FactKind = 'summary' | 'outline';

/** A fact kept outside the index (the CLI's cache on disk), with the exists() answers it was computed from. */
export interface StoredFact {
  value: unknown;
  existed: Record<string, boolean>;
}

/**
 * Where facts are kept between runs and shared between threads, keyed by file and content hash; with a store, the
 * index keeps few summaries in memory.
 */
export interface IndexStore {
  get(kind: FactKind, file: string, hash: string): StoredFact | undefined;
  put(kind: FactKind, file: string, hash: string, fact: StoredFact): void;
}

/**
 * The files a lint took facts from, with the content hash each had: what a cache entry depends on. Besides file
 * paths, `importers:<file>` (a hash of who imports it) and `exists:<file>` ('1' or '0': module resolution asked).
 */
export type Dependencies = Map<string, string>;

/** One file's window on the index: what it looks at is recorded as a dependency. */
export interface ProjectView {
  readonly file: string;
  /** Another file's summary, or undefined when it cannot be read or no indexer owns it. */
  summary(file: string): unknown;
  /** Another file's outline (its summary when that is at hand), for following names through it. */
  outline?(file: string): unknown;
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
  /**
   * Milliseconds this lint spent getting other files' summaries and outlines (parsing them, or reading them from the
   * store): the project's work, done once per content and kept, not this file's analysis.
   */
  readonly indexMs?: number;
}

/**
 * With a store, the index holds at most this many summaries and outlines in memory (the most recently used; a
 * summary of a large module is a few hundred KB). A view keeps those its lint asked for until the lint is done.
 */
const HELD_WITH_STORE = 16;

/**
 * What a scan of every file found: each file's content hash, the project files its imports name, and (to keep them
 * for another run) the exists() answers those were resolved with, packed (`packProbes`).
 */
export type ScannedFiles = [file: string, hash: string, imports: string[], probes?: string][];

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  private importedBy: Map<string, Set<string>> | undefined;
  private scanned = new Set<string>();
  private complete = false;
  /** Files whose summary is in memory, least recently used first (only counted with a store). */
  private readonly held = new Set<string>();
  /** A previous run's scan: a file whose content and resolution are unchanged is not scanned again. */
  private known: Map<string, { hash: string; imports: string[]; probes: string }> | undefined;
  /** Whether the scan differs from the known one: a file scanned afresh, or known files not met again. */
  private rescanned = false;
  private reused = 0;

  constructor(
    readonly files: ProjectFiles,
    private readonly indexers: readonly LanguageIndexer[],
    private readonly store?: IndexStore,
  ) {}

  private indexerOf(file: string): LanguageIndexer | undefined {
    return this.indexers.find((i) => i.owns(file));
  }

  private entry(file: string, text?: string): Entry | undefined {
    let e = this.entries.get(file);
    if (e) return e;
    text ??= this.files.read(file);
    if (text === undefined) return undefined;
    e = { hash: hashOf(text) };
    this.entries.set(file, e);
    return e;
  }

  /** The hash of a file's content as the index read it, or undefined when it cannot be read. */
  contentHash(file: string): string | undefined {
    return this.entry(file)?.hash;
  }

  /** A file's summary, computed once per content (or taken from the store), with the exists() answers it used. */
  summary(file: string): { summary: unknown; hash: string; existed: Record<string, boolean> } | undefined {
    const indexer = this.indexerOf(file);
    const e = indexer && this.entry(file);
    if (!indexer || !e) return undefined;
    if (e.summary === undefined) {
      const fact = this.fact('summary', file, e.hash, (files) => {
        const text = this.files.read(file);
        return text === undefined ? undefined : indexer.summarize(text, file, files);
      });
      if (!fact) return undefined;
      e.summary = fact.value;
      e.existed = fact.existed;
    }
    if (this.store) this.hold(file);
    return { summary: e.summary, hash: e.hash, existed: e.existed ?? {} };
  }

  /**
   * A file's outline: its summary when one is in memory, else the outline, computed once per content (or taken
   * from the store). Without an outline in its indexer, the summary.
   */
  outline(file: string): { summary: unknown; hash: string; existed: Record<string, boolean> } | undefined {
    const indexer = this.indexerOf(file);
    const e = indexer && this.entry(file);
    if (!indexer || !e) return undefined;
    if (e.summary !== undefined || !indexer.outline) return this.summary(file);
    if (e.outline === undefined) {
      const outline = indexer.outline.bind(indexer);
      const fact = this.fact('outline', file, e.hash, (files) => {
        const text = this.files.read(file);
        return text === undefined ? undefined : outline(text, file, files);
      });
      if (!fact) return undefined;
      e.outline = fact.value;
      e.outlineExisted = fact.existed;
    }
    if (this.store) this.hold(file);
    return { summary: e.outline, hash: e.hash, existed: e.outlineExisted ?? {} };
  }

  /**
   * A fact computed from `file` (content `hash`): from the store when the files it looked for are still there or
   * still absent, else computed (a throw gives null) and stored. Undefined when the file cannot be read.
   */
  private fact(kind: FactKind, file: string, hash: string, compute: (files: ProjectFiles) => unknown): StoredFact | undefined {
    const stored = this.store?.get(kind, file, hash);
    if (stored && this.existsAsBefore(Object.entries(stored.existed))) return stored;
    const existed: Record<string, boolean> = {};
    const files: ProjectFiles = { read: (f) => this.files.read(f), list: () => this.files.list(), exists: (f) => (existed[f] = this.files.exists(f)) };
    let value: unknown;
    try {
      value = compute(files);
      if (value === undefined) return undefined;
    } catch {
      value = null;
    }
    const fact = { value: value ?? null, existed };
    this.store?.put(kind, file, hash, fact);
    return fact;
  }

  /** Whether every exists() answer (path, whether a file was there) is still what the project says. */
  private existsAsBefore(answers: Iterable<[string, boolean]>): boolean {
    for (const [f, was] of answers) if (this.files.exists(f) !== was) return false;
    return true;
  }

  /**
   * Keep the summary of `file` in memory, dropping the least recently used one beyond the limit (the store has it,
   * or it is computed again when asked for).
   */
  private hold(file: string): void {
    this.held.delete(file);
    this.held.add(file);
    if (this.held.size <= HELD_WITH_STORE) return;
    const [oldest] = this.held;
    this.held.delete(oldest);
    const e = this.entries.get(oldest);
    if (e) e.summary = e.outline = undefined;
  }

  /** Whether what a lint took from the project (its `dependencies`) is still what the project says now. */
  stillHolds(dependencies: Iterable<[string, string]>): boolean {
    for (const [key, value] of dependencies) {
      const now = key.startsWith(IMPORTERS)
        ? importersHash(this.importers(key.slice(IMPORTERS.length)).files)
        : key.startsWith(EXISTS)
          ? existsMark(this.files.exists(key.slice(EXISTS.length)))
          : this.contentHash(key);
      if (now !== value) return false;
    }
    return true;
  }

  /** A summary computed elsewhere from `text` (a rule's own parse): kept when `text` is what the index reads for `file`. */
  remember(file: string, text: string, summary: unknown): void {
    if (!this.indexerOf(file)) return;
    const e = this.entry(file);
    if (!e || e.summary !== undefined || e.hash !== hashOf(text)) return;
    e.summary = summary ?? null;
    // Counted with the others: every file a thread lints would otherwise keep its summary for the whole run.
    if (this.store) this.hold(file);
  }

  /** The file changed (or went away): forget what was computed from it. */
  invalidate(file: string): void {
    const old = this.entries.get(file);
    this.entries.delete(file);
    this.held.delete(file);
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

  /** `text` is what a host just read from `file`: the index takes its hash and imports from it rather than reading it. */
  know(file: string, text: string): void {
    this.importedBy ??= new Map();
    if (this.scanned.has(file)) this.entry(file, text);
    else this.scan(file, text);
  }

  private scan(file: string, given?: string): void {
    this.scanned.add(file);
    const indexer = this.indexerOf(file);
    const text = indexer && (given ?? this.files.read(file));
    if (!indexer || text === undefined) {
      this.rescanned ||= this.known?.has(file) ?? false;
      return;
    }
    const e = this.entry(file, text)!;
    const known = this.known?.get(file);
    if (known && known.hash === e.hash && this.existsAsBefore(unpackProbes(file, known.probes))) {
      e.importsProbes = known.probes;
      this.reused++;
      this.link(file, e, known.imports);
      return;
    }
    this.rescanned = true;
    const existed: Record<string, boolean> = {};
    const files: ProjectFiles = { read: (f) => this.files.read(f), list: () => this.files.list(), exists: (f) => (existed[f] = this.files.exists(f)) };
    let imports: unknown;
    try {
      imports = indexer.imports(text, file, files);
    } catch {
      imports = [];
    }
    e.importsProbes = packProbes(file, existed);
    this.link(file, e, Array.isArray(imports) && imports.every((f) => typeof f === 'string') ? imports : []);
  }

  /**
   * Take a previous run's scan (`scannedFiles(true)`): files whose content and module resolution are unchanged keep
   * their imports without being scanned again.
   */
  reuseScan(files: ScannedFiles): void {
    this.known = new Map(files.filter((f) => f[3] !== undefined).map(([file, hash, imports, probes]) => [file, { hash, imports, probes: probes! }]));
  }

  /** Whether every project file has been scanned. */
  get scanComplete(): boolean {
    return this.complete;
  }

  /** Whether the scan is complete and differs from the one given to `reuseScan` (so worth keeping). */
  get scanChanged(): boolean {
    return this.complete && (this.rescanned || this.reused !== (this.known?.size ?? -1));
  }

  private link(file: string, e: Entry, imports: string[]): void {
    e.imports = imports;
    for (const target of imports) {
      let set = this.importedBy!.get(target);
      if (!set) this.importedBy!.set(target, (set = new Set()));
      set.add(file);
    }
  }

  /**
   * Every file's hash and imports (the files not scanned yet are scanned first): for another thread's index, or
   * with the exists() answers behind them, for another run's (`reuseScan`).
   */
  scannedFiles(withProbes = false): ScannedFiles {
    this.scanSome();
    const out: ScannedFiles = [];
    for (const file of this.scanned) {
      const e = this.entries.get(file);
      if (e?.imports) out.push(withProbes ? [file, e.hash, e.imports, e.importsProbes ?? ''] : [file, e.hash, e.imports]);
    }
    return out;
  }

  /**
   * Take a scan another index made of the same files (the main thread's, for a worker): this index then knows who
   * imports what without reading every file again. Files not in it could not be read there.
   */
  adoptScan(files: ScannedFiles): void {
    this.importedBy ??= new Map();
    // A scan copied from another thread has its own copy of a path for each file that imports it: one is kept.
    const paths = new Map(files.map(([file]) => [file, file]));
    for (const [file, hash, imports] of files) {
      const e: Entry = { hash };
      this.entries.set(file, e);
      this.scanned.add(file);
      for (let i = 0; i < imports.length; i++) imports[i] = paths.get(imports[i]) ?? imports[i];
      this.link(file, e, imports);
    }
    this.complete = true;
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
    // What this lint read, kept while it runs: its questions often come back to the same modules.
    const seen = new Map<string, unknown>();
    let indexMs = 0;
    const took = (key: string, other: string, read: () => ReturnType<ProjectIndex['summary']>) => {
      if (seen.has(key)) return seen.get(key);
      const start = performance.now();
      const s = read();
      indexMs += performance.now() - start;
      if (s) {
        dependencies.set(other, s.hash);
        for (const [f, was] of Object.entries(s.existed)) dependencies.set(EXISTS + f, existsMark(was));
      }
      seen.set(key, s?.summary ?? undefined);
      return s?.summary ?? undefined;
    };
    return {
      file,
      dependencies,
      get indexMs() {
        return indexMs;
      },
      summary(other) {
        return took(`s${other}`, other, () => index.summary(other));
      },
      outline(other) {
        return took(`o${other}`, other, () => index.outline(other));
      },
      exists(other) {
        const there = index.files.exists(other);
        dependencies.set(EXISTS + other, existsMark(there));
        return there;
      },
      remember(text, summary) {
        index.remember(file, text, summary);
      },
      mentions(other, word) {
        // The answer is taken from the file's text: it depends on its content as a summary would.
        const text = index.files.read(other);
        if (text === undefined) return false;
        dependencies.set(other, index.entry(other, text)!.hash);
        return text.includes(word);
      },
      importers(target) {
        const found = index.importers(target, options.wait ?? true);
        // A file that starts importing `target` changes what this lint sees, as much as an edit to an importer.
        dependencies.set(IMPORTERS + target, importersHash(found.files));
        for (const f of found.files) {
          const e = index.entry(f);
          if (e) dependencies.set(f, e.hash);
        }
        return found;
      },
    };
  }
}

const IMPORTERS = 'importers:';
const EXISTS = 'exists:';
const existsMark = (there: boolean) => (there ? '1' : '0');

/** The file a dependency is about: `importers:<file>` and `exists:<file>` name it after the prefix. */
export function dependencyFile(key: string): string {
  for (const prefix of [IMPORTERS, EXISTS]) if (key.startsWith(prefix)) return key.slice(prefix.length);
  return key;
}
const importersHash = (files: readonly string[]) => hashOf(files.join('\n'));

export function hashOf(text: string): string {
  return sha1Hex(text).slice(0, 16);
}
