// Files that are small by nature, whatever program reads them: configuration, build and metadata files. A whole
// read of one is bounded by construction (both languages' size facts use this).

const BY_NAME = new Map<string, string>([
  ['makefile', 'a build file'],
  ['gnumakefile', 'a build file'],
  ['pyconfig.h', 'a build configuration header'],
  ['__init__.py', "a package's `__init__.py`"],
  ['package.json', 'a package manifest'],
  ['package-lock.json', 'a package lockfile'],
  ['tsconfig.json', 'a compiler configuration'],
  ['jsconfig.json', 'a compiler configuration'],
  ['setup.py', 'a package build script'],
  ['pipfile', 'a package manifest'],
  ['manifest.in', 'a package manifest'],
  ['authors', 'a list of authors'],
  ['contributors', 'a list of contributors'],
  ['maintainers', 'a list of maintainers'],
  ['license', 'a licence text'],
  ['licence', 'a licence text'],
  ['copying', 'a licence text'],
  ['notice', 'a licence notice'],
  ['version', 'a version file'],
  ['dockerfile', 'a build file'],
  ['.env', 'an environment file'],
  ['.npmrc', 'a configuration file'],
  ['.editorconfig', 'a configuration file'],
]);

/**
 * The files of an installed distribution's metadata (`.dist-info`, `.egg-info`: PEP 376, 427, 610, 627, and distlib's
 * SHARED), by their exact, upper-case names: a few lines each, bounded by the package (RECORD by its file count).
 */
const DIST_INFO = new Set(['METADATA', 'PKG-INFO', 'RECORD', 'WHEEL', 'INSTALLER', 'REQUESTED', 'SHARED', 'EXPORTS', 'entry_points.txt', 'top_level.txt', 'direct_url.json']);

const BY_EXTENSION = new Map<string, string>([
  ['.cfg', 'a configuration file'],
  ['.ini', 'a configuration file'],
  ['.toml', 'a configuration file'],
  ['.conf', 'a configuration file'],
  ['.rc', 'a configuration file'],
  ['.properties', 'a configuration file'],
  ['.yaml', 'a configuration file'],
  ['.yml', 'a configuration file'],
  ['.editorconfig', 'a configuration file'],
  ['.pth', 'a path configuration file'],
  ['.mk', 'a build file'],
]);

/** Extensions of data, whatever the name says. */
const DATA = /\.(?:csv|tsv|json|jsonl|xml|log|db|sqlite|parquet|txt\.gz|gz)$/;

/** Prefixes of absolute paths whose files the system keeps small (`/proc/self/status`, `/etc/os-release`). */
const SYSTEM_PREFIXES: [string, string][] = [
  ['/proc/', 'a kernel status file'],
  ['/sys/', 'a kernel status file'],
  ['/etc/', 'a system configuration file'],
];

/**
 * What a file is when its name says it is small by nature (`setup.cfg`: 'a configuration file'), else undefined.
 * Takes a path or a bare name; only the last component counts, but for the system folders.
 */
export function smallByNature(filePath: string): string | undefined {
  for (const [prefix, what] of SYSTEM_PREFIXES) if (filePath.startsWith(prefix)) return what;
  const base = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  if (DIST_INFO.has(base)) return "a distribution's metadata file";
  const name = base.toLowerCase();
  if (!name) return undefined;
  const known = BY_NAME.get(name);
  if (known) return known;
  if (/^readme(?:\.|$)/.test(name)) return 'a readme';
  if (/^(?:license|licence|copying|authors|notice)[._-]/.test(name) && !DATA.test(name)) return 'a licence or authors file';
  if (/^requirements[\w.-]*\.(?:txt|in)$/.test(name)) return 'a requirements file';
  if (/^\.[\w.-]*ignore$/.test(name)) return 'an ignore file';
  if (/^\.[\w.-]*rc(?:\.json|\.js|\.cjs|\.ya?ml)?$/.test(name)) return 'a configuration file';
  const dot = name.lastIndexOf('.');
  return dot > 0 || name.startsWith('.') ? BY_EXTENSION.get(name.slice(dot)) : undefined;
}
