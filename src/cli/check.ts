// memlint check: lint files and folders; --fix rewrites them. Exit 0 clean, 1 problems, 2 usage/unreadable/internal.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULTS, normalize } from '../core/settings';
import { version } from '../host/version';
import { buildId, CheckCache, DEFAULT_CACHE_DIR } from './cache';
import { addTotals, checkerFor, NO_TOTALS, type CheckSetup, type FileReport } from './checkFile';
import { collectFiles, fixRoots } from './files';
import { escapeControls } from './format/escape';
import { jsonDocument } from './format/json';
import { sarifDocument } from './format/sarif';
import { ArrayWriter } from './format/stream';
import { COLOURS, paintFor, summary, type Totals } from './format/text';
import { boundHeapGrowth } from './heap';
import { checkInWorkers, InOrder, scanAtHand, scanInWorker, sizesOf, workersFor } from './pool';
import { optionAt, UsageError } from './usage';

export interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafeFixes: boolean;
  rules?: string[];
  strict: boolean;
  testsAsSource: boolean;
  maxFileSizeKb: number;
  maxLineLength: number;
  /** Per-file analysis budget in ms (0: none); undefined: the default. */
  budgetMs?: number;
  /** Worker threads (default: the available parallelism; 1 checks on the main thread). */
  jobs?: number;
  cache: boolean;
  cacheLocation?: string;
  paths: string[];
}

/** The rules' ids: the registry is loaded when they are asked for (help, --rule), not for every run. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ruleIds = () => (require('../rules') as typeof import('../rules')).RULE_IDS;

export const checkHelp = () => `Usage: memlint check [options] <paths...>

Lint Python (.py) and JavaScript/TypeScript (.js .mjs .cjs .jsx .ts .mts .cts .tsx) files; folders are
walked, skipping node_modules, .git, virtualenvs and __pycache__.

Options:
  --format text|json|sarif  output format (default: text)
  --fix                     apply safe fixes in place, repeating until stable
  --unsafe-fixes            also apply unsafe fixes (implies --fix)
  --rule id[,id...]         run only these rules (${ruleIds().join(', ')})
  --strict                  also report every unbounded whole-file read (as a hint)
  --tests-as-source         report test code at the same levels as the rest (default: one level lower)
  --max-file-size KB        skip files larger than this (default: ${DEFAULTS.maxFileSizeKb}, counted in characters)
  --max-line-length N       skip files with a longer line, minified code (default: ${DEFAULTS.maxLineLength} characters)
  --budget-ms n             per-file analysis budget: once a file's rules have taken n ms, the rules
                            left are skipped, with a message (default: 2000; 0: no limit)
  -j, --jobs N              check on N threads (default: the available cores, ${os.availableParallelism()} here)
  --no-cache                neither read nor write the cache
  --cache-location DIR      keep the cache in DIR (default: ${DEFAULT_CACHE_DIR.split(path.sep).join('/')} in the working folder)
  -h, --help                show this help

Results are cached per file (its content, memlint's build, the options, and what its findings took from other
files); an unchanged file is not checked again. Only regular files are read. --fix replaces a file only when nothing changed it meanwhile, and rewrites a symlink's
target only inside the paths given.

Exit status: 0 no problems, 1 problems remain, 2 bad usage, an unreadable path or an internal error.
`;

/** A whole number of at least `min`, for a numeric option. */
function wholeNumber(flag: string, value: string, min: number, why = ''): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}${why} (got '${value}')`);
  return n;
}

export function parseCheckArgs(args: readonly string[]): CheckOptions | 'help' {
  const o: CheckOptions = {
    format: 'text',
    fix: false,
    unsafeFixes: false,
    strict: false,
    testsAsSource: false,
    maxFileSizeKb: DEFAULTS.maxFileSizeKb,
    maxLineLength: DEFAULTS.maxLineLength,
    cache: true,
    paths: [],
  };
  for (const at = { i: 0 }; at.i < args.length; at.i++) {
    const arg = args[at.i];
    const { flag, value } = optionAt(args, at);
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got '${f}')`);
        o.format = f;
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--unsafe-fixes':
        o.fix = o.unsafeFixes = true;
        break;
      case '--strict':
        o.strict = true;
        break;
      case '--tests-as-source':
        o.testsAsSource = true;
        break;
      case '--max-file-size':
        o.maxFileSizeKb = wholeNumber(flag, value(), 1);
        break;
      case '--max-line-length':
        // Not a style check: a line length that small would skip ordinary files.
        o.maxLineLength = wholeNumber(flag, value(), 1000, ' (it skips files; it is not a style check)');
        break;
      case '--budget-ms': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 60_000) throw new UsageError(`--budget-ms must be a whole number of milliseconds from 0 to 60000 (got '${v}')`);
        o.budgetMs = Number(v);
        break;
      }
      case '-j':
      case '--jobs':
        o.jobs = wholeNumber(flag, value(), 1);
        break;
      case '--no-cache':
        o.cache = false;
        break;
      case '--cache-location':
        o.cacheLocation = value();
        break;
      case '--rule': {
        const ids = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = ids.filter((id) => !ruleIds().includes(id));
        if (unknown.length) throw new UsageError(`unknown rule ${unknown.join(', ')} (rules: ${ruleIds().join(', ')})`);
        o.rules = [...(o.rules ?? []), ...ids];
        break;
      }
      case '--':
        o.paths.push(...args.slice(at.i + 1));
        at.i = args.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} (see memlint check --help)`);
        o.paths.push(arg);
    }
  }
  if (o.paths.length === 0) throw new UsageError('no paths given (e.g. memlint check src/)');
  return o;
}

/** A folder for this run's shared summaries when there is no cache; without one, each index keeps its own. */
function temporaryFolder(): string | undefined {
  try {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-summaries-'));
  } catch {
    return undefined;
  }
}

export async function check(args: string[]): Promise<number> {
  const options = parseCheckArgs(args);
  if (options === 'help') {
    process.stdout.write(checkHelp());
    return 0;
  }
  boundHeapGrowth();
  const { strict, testsAsSource, maxFileSizeKb, maxLineLength } = options;
  const settings = normalize({ strict, testsAsSource, maxFileSizeKb, maxLineLength, analysisBudgetMs: options.budgetMs });
  // Every line on stderr names something from the files checked: escaped, as text output is.
  const warn = (line: string) => process.stderr.write(`memlint: ${escapeControls(line)}\n`);
  const { files, errors } = collectFiles(options.paths);
  errors.forEach(warn);
  const cacheDir = options.cache ? path.resolve(options.cacheLocation ?? DEFAULT_CACHE_DIR) : undefined;
  if (cacheDir && options.cacheLocation !== undefined) {
    // A location the user named must work; the default one is only an optimisation.
    const opened = CheckCache.open(cacheDir);
    if (!(opened instanceof CheckCache)) warn(`cannot use the cache at ${options.cacheLocation} (${opened.reason}); checking without it`);
  }
  const summaryDir = temporaryFolder();
  const setup: CheckSetup = {
    format: options.format,
    fix: options.fix,
    unsafeFixes: options.unsafeFixes,
    rules: options.rules,
    settings,
    paths: options.paths,
    fixRoots: options.fix ? fixRoots(options.paths) : [],
    colour: paintFor(process.stdout) === COLOURS,
    cacheDir,
    summaryDir,
    build: buildId(),
    // The SARIF document's rules list loads the rule registry: built only for SARIF.
    document: options.format === 'sarif' ? sarifDocument(version(), pathToFileURL(process.cwd() + path.sep).href) : undefined,
  };
  let exit = errors.length ? 2 : 0;
  const totals: Totals = { ...NO_TOTALS };
  const out = (text: string) => {
    if (text) process.stdout.write(text);
  };
  const array = options.format === 'text' ? undefined : new ArrayWriter(setup.document ?? jsonDocument(), out);
  const emit = (report: FileReport) => {
    if (report.stderr) process.stderr.write(report.stderr);
    out(report.stdout);
    array?.add(report.elements);
    addTotals(totals, report.totals);
    exit = Math.max(exit, report.exit);
  };
  try {
    const jobs = options.jobs ?? os.availableParallelism();
    const checker = checkerFor(setup);
    checker.reuseScan();
    if (jobs <= 1 || files.length < 2) {
      for (const file of files) emit(await checker.check(file));
    } else {
      // What the cache holds is taken here; only the files to lint go to workers (none: no worker is started).
      const inOrder = new InOrder(files.length, emit);
      const misses: number[] = [];
      const cached = await checker.cachedReports(files);
      cached.forEach((report, i) => (report ? inOrder.put(i, report) : misses.push(i)));
      const sizes = sizesOf(files);
      const workers = workersFor(misses.map((i) => sizes[i]), jobs, options.jobs !== undefined);
      const put = (i: number, report: FileReport) => inOrder.put(i, report);
      // The scan: this thread's when checking against the cache made it, else a thread's of its own.
      const scan = checker.index.scanComplete ? scanAtHand(checker.index.scannedFiles()) : scanInWorker(setup);
      if (workers) await checkInWorkers(files, misses, sizes, workers, setup, scan, put);
      else for (const i of misses) put(i, await checker.check(files[i], false));
    }
    checker.keepScan();
  } finally {
    if (summaryDir) fs.rmSync(summaryDir, { recursive: true, force: true });
  }
  if (array) array.end();
  else out(summary(totals) + '\n');
  return exit;
}
