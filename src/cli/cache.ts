// memlint check's cache: one small JSON file per checked file (its lint), per module the index summarised or outlined,
// and per project (what its files import), named by a hash of what they are for, holding what they were computed from. An entry is used only when every input
// still holds: the file's bytes, memlint's build, and what the lint took from other files (`dependencies`).
// Entries are written to a temporary file and renamed, so two runs at once each see whole entries; anything that
// does not read back as an entry (a torn write by a crash, a disk error, another version) is a miss, rewritten.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha1Hex } from '../core/hash';
import type { LintResult } from '../core/linter';
import { isPackedProbes } from '../core/probes';
import type { FactKind, IndexStore, ScannedFiles, StoredFact } from '../core/project';
import { version } from '../host/version';
import { eachPiece, readText, writeText } from '../host/pieces';

/** The default location, relative to the working folder: beside the tracker's history (.memlint/runs.json). */
export const DEFAULT_CACHE_DIR = path.join('.memlint', 'cache');

/** Bumped when the layout or an entry's shape changes. */
const LAYOUT = 'v2';

function filesUnder(dir: string, deep: boolean, kept: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (deep) out.push(...filesUnder(full, deep, kept));
    } else if (kept.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * This build's code: tsc's output (this module is out/src/cli/cache.js: every .js under out/src), or the bundle's
 * files (this module is inside dist/memlint.js or dist/checkWorker.js: the .js and .wasm files in dist/).
 */
function codeFiles(): { root: string; files: string[] } {
  if (path.basename(__filename) === 'cache.js') {
    const root = path.join(__dirname, '..');
    return { root, files: filesUnder(root, true, /\.js$/) };
  }
  return { root: __dirname, files: filesUnder(__dirname, false, /\.(js|wasm)$/) };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

let build: string | undefined;

/**
 * What memlint's results depend on besides the input: its version, the code of its rules and CLI (hashed, so a
 * rebuild of the same version is not served old results) and the parsers' versions. Tens of milliseconds, once.
 */
export function buildId(): string {
  if (build) return build;
  const hash = createHash('sha1').update(`${LAYOUT} ${version()} ${process.versions.node}`);
  for (const p of ['web-tree-sitter', 'tree-sitter-python', '@typescript-eslint/typescript-estree', 'typescript']) hash.update(`${p}@${packageVersion(p)}`);
  const { root, files } = codeFiles();
  for (const file of files) {
    hash.update(path.relative(root, file));
    eachPiece(file, (piece) => hash.update(piece));
  }
  return (build = hash.digest('hex').slice(0, 20));
}

/** A lint as stored: the inputs it was computed from, and its result. */
interface LintEntry {
  build: string;
  /** sha1 of the file's bytes. */
  bytes: string;
  /** Anything else about the file's surroundings the lint read (whether its project targets iterator helpers). */
  context: string;
  dependencies: [string, string][];
  result: LintResult;
}

interface FactEntry extends StoredFact {
  build: string;
  hash: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isLintResult(v: unknown): v is LintResult {
  return isObject(v) && Array.isArray(v.findings) && Array.isArray(v.ruleErrors);
}

export class CheckCache implements IndexStore {
  private readonly made = new Set<string>();

  private constructor(
    readonly dir: string,
    private readonly build: string,
  ) {}

  /**
   * The cache at `dir`, created if needed (with a .gitignore and a CACHEDIR.TAG, as Ruff's has, unless `temporary`),
   * or the reason it cannot be used.
   */
  static open(dir: string, build = buildId(), temporary = false): CheckCache | { reason: string } {
    try {
      fs.mkdirSync(dir, { recursive: true });
      if (temporary) return new CheckCache(dir, build);
      const marker = (name: string, text: string) => {
        const file = path.join(dir, name);
        if (!fs.existsSync(file)) writeAtomically(file, text);
      };
      marker('.gitignore', '# memlint check --cache: safe to delete\n*\n');
      marker('CACHEDIR.TAG', 'Signature: 8a477f597d28d172789f06886806bc55\n# memlint check cache: https://bford.info/cachedir/\n');
      fs.accessSync(dir, fs.constants.W_OK);
      return new CheckCache(dir, build);
    } catch (err) {
      return { reason: (err as NodeJS.ErrnoException).code ?? String(err) };
    }
  }

  private file(kind: 'lint' | 'scan' | FactKind, key: string): string {
    const name = sha1Hex(key);
    return path.join(this.dir, kind, name.slice(0, 2), `${name.slice(2)}.json`);
  }

  /** An entry: its checksum on the first line, so that a damaged file (a disk error, an edit) reads as a miss. */
  private read(file: string): unknown {
    try {
      const text = readText(file);
      const newline = text.indexOf('\n');
      const json = text.slice(newline + 1);
      return newline === 40 && text.slice(0, 40) === sha1Hex(json) ? JSON.parse(json) : undefined;
    } catch {
      return undefined;
    }
  }

  private write(file: string, value: unknown): void {
    try {
      const dir = path.dirname(file);
      if (!this.made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      const json = JSON.stringify(value);
      writeAtomically(file, `${sha1Hex(json)}\n${json}`);
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }

  /** Whether a lint is stored under `key` at all (one stat: a cold cache is told apart without reading the file). */
  has(key: string): boolean {
    return fs.existsSync(this.file('lint', key));
  }

  /** The stored lint of `file` under `key`, if it was computed from these bytes and context by this build. */
  lint(key: string, bytes: string, context: string): { dependencies: [string, string][]; result: LintResult } | undefined {
    const e = this.read(this.file('lint', key));
    if (!isObject(e) || e.build !== this.build || e.bytes !== bytes || e.context !== context) return undefined;
    if (!Array.isArray(e.dependencies) || !e.dependencies.every((d) => Array.isArray(d) && d.length === 2 && d.every((s) => typeof s === 'string'))) return undefined;
    if (!isLintResult(e.result)) return undefined;
    return { dependencies: e.dependencies as [string, string][], result: e.result };
  }

  storeLint(key: string, bytes: string, context: string, dependencies: Iterable<[string, string]>, result: LintResult): void {
    const entry: LintEntry = { build: this.build, bytes, context, dependencies: [...dependencies], result };
    this.write(this.file('lint', key), entry);
  }

  /** The project's scan as the last run over `paths` left it (one entry for the whole project: read once). */
  scan(paths: string): ScannedFiles | undefined {
    const e = this.read(this.file('scan', paths));
    if (!isObject(e) || e.build !== this.build || !Array.isArray(e.files)) return undefined;
    const ok = e.files.every(
      (f) =>
        Array.isArray(f) &&
        typeof f[0] === 'string' &&
        typeof f[1] === 'string' &&
        Array.isArray(f[2]) &&
        (f[2] as unknown[]).every((i) => typeof i === 'string') &&
        isPackedProbes(f[3]),
    );
    return ok ? (e.files as ScannedFiles) : undefined;
  }

  putScan(paths: string, files: ScannedFiles): void {
    this.write(this.file('scan', paths), { build: this.build, files });
  }

  get(kind: FactKind, file: string, hash: string): StoredFact | undefined {
    const e = this.read(this.file(kind, file));
    if (!isObject(e) || e.build !== this.build || e.hash !== hash || !isObject(e.existed) || !('value' in e)) return undefined;
    if (!Object.values(e.existed).every((v) => typeof v === 'boolean')) return undefined;
    return { value: e.value, existed: e.existed as Record<string, boolean> };
  }

  put(kind: FactKind, file: string, hash: string, fact: StoredFact): void {
    const entry: FactEntry = { build: this.build, hash, ...fact };
    this.write(this.file(kind, file), entry);
  }
}

/** Write `text` to `file` through a temporary file renamed over it: readers see the old entry or the new one. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(temp, 'wx');
    try {
      writeText(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** What names a file's lint entry: the file and everything about the run that changes its result. */
export function lintKey(file: string, settingsKey: string): string {
  return `${file}\0${settingsKey}`;
}
