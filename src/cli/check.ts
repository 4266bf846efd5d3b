// memlint check: lint files and folders; --fix rewrites them. Exit 0 clean, 1 problems, 2 usage/unreadable/internal.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chosenFix, fixText } from '../core/autofix';
import { languageOfPath } from '../core/languages';
import { describeOverLimit } from '../core/limits';
import { lint, type LintResult } from '../core/linter';
import { ParserFailure } from '../core/parsers/python';
import { DEFAULTS, normalize } from '../core/settings';
import { LineIndex } from '../core/text';
import { hostOptions } from '../host/options';
import { INDEXERS, RULE_IDS } from '../rules';
import { ENCODING_NAMES, encodeText } from './encoding';
import { collectFiles, fixRoots } from './files';
import { escapeControls } from './format/escape';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText, paintFor, summary, type Totals } from './format/text';
import type { FileFindings } from './format/types';
import { CLI_LIMIT_NAMES, isInside, readSource } from './source';
import { optionAt, UsageError } from './usage';
import { version } from '../host/version';
import { projectFor } from './project';
import { replaceFile, withSignalsDeferred } from './write';

export interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafeFixes: boolean;
  rules?: string[];
  strict: boolean;
  testsAsSource: boolean;
  maxFileSizeKb: number;
  maxLineLength: number;
  paths: string[];
}

export const CHECK_HELP = `Usage: memlint check [options] <paths...>

Lint Python (.py) and JavaScript/TypeScript (.js .mjs .cjs .jsx .ts .mts .cts .tsx) files; folders are
walked, skipping node_modules, .git, virtualenvs and __pycache__.

Options:
  --format text|json|sarif  output format (default: text)
  --fix                     apply safe fixes in place, repeating until stable
  --unsafe-fixes            also apply unsafe fixes (implies --fix)
  --rule id[,id...]         run only these rules (${RULE_IDS.join(', ')})
  --strict                  also report every unbounded whole-file read (as a hint)
  --tests-as-source         report test code at the same levels as the rest (default: one level lower)
  --max-file-size KB        skip files larger than this (default: ${DEFAULTS.maxFileSizeKb}, counted in characters)
  --max-line-length N       skip files with a longer line, minified code (default: ${DEFAULTS.maxLineLength} characters)
  -h, --help                show this help

Only regular files are read. --fix replaces a file only when nothing changed it meanwhile, and rewrites a symlink's
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
      case '--rule': {
        const ids = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = ids.filter((id) => !RULE_IDS.includes(id));
        if (unknown.length) throw new UsageError(`unknown rule ${unknown.join(', ')} (rules: ${RULE_IDS.join(', ')})`);
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

/** How a path is shown: relative to the working folder when inside it, '/'-separated. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file)).split(path.sep).join('/');
}

export async function check(args: string[]): Promise<number> {
  const options = parseCheckArgs(args);
  if (options === 'help') {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  const { strict, testsAsSource, maxFileSizeKb, maxLineLength } = options;
  const settings = normalize({ strict, testsAsSource, maxFileSizeKb, maxLineLength });
  // Every line on stderr names something from the files checked: escaped, as text output is.
  const warn = (line: string) => process.stderr.write(`memlint: ${escapeControls(line)}\n`);
  const { files, errors } = collectFiles(options.paths);
  errors.forEach(warn);
  const roots = options.fix ? fixRoots(options.paths) : [];
  let exit = errors.length ? 2 : 0;
  const results: FileFindings[] = [];
  const totals: Totals = { problems: 0, files: 0, safe: 0, unsafe: 0, fixed: 0, unparsed: 0, unchecked: 0 };
  const paint = paintFor(process.stdout);
  const project = projectFor(options.paths, INDEXERS, settings);

  for (const file of files) {
    const shown = display(file);
    const source = readSource(file, settings);
    if (!source.ok) {
      warn(`${shown}: ${source.reason}`);
      if (source.unreadable) exit = 2;
      totals.unchecked++;
      continue;
    }
    const language = languageOfPath(file)!;
    const absolute = path.resolve(file);
    const lintOptions = { ...hostOptions(language, absolute), only: options.rules, file: absolute, root: process.cwd(), project: project.view(absolute) };
    let result: LintResult;
    let text = source.text;
    const outside = options.fix && !isInside(source.real, roots);
    try {
      if (options.fix && !source.lossy && !outside) {
        const out = await fixText(text, language, settings, { ...lintOptions, unsafe: options.unsafeFixes });
        result = out.remaining;
        if (out.text !== text) {
          const bytes = encodeText(out.text, source.encoding, source.bom);
          const written = await withSignalsDeferred(() => replaceFile(source.real, bytes, source));
          if (written.ok) {
            text = out.text;
            project.invalidate(absolute);
            totals.fixed += out.applied.length;
          } else {
            warn(`${shown}: ${written.reason}`);
            result = await lint(text, language, settings, lintOptions);
          }
        }
      } else {
        result = await lint(text, language, settings, lintOptions);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      warn(`${shown}: ${err instanceof ParserFailure ? message : `internal error (${message})`}; file not checked`);
      exit = 2;
      totals.unchecked++;
      continue;
    }
    if (result.skipped) {
      warn(`${shown}: skipped: ${describeOverLimit(result.skipped, CLI_LIMIT_NAMES)}`);
      totals.unchecked++;
      continue;
    }
    if (outside && result.findings.some((f) => chosenFix(f, options.unsafeFixes))) {
      warn(`${shown}: not fixed: it links to ${display(source.real)}, outside the paths being checked`);
    }
    if (source.lossy) warn(`${shown}: not valid ${ENCODING_NAMES[source.encoding]}; checked with replacement characters${options.fix ? ', not fixed' : ''}`);
    if (result.syntaxError?.limit) {
      const { line, column, message } = result.syntaxError;
      warn(`${shown}:${line}:${column}: ${message}; file not checked`);
      totals.unchecked++;
      continue;
    }
    if (result.syntaxError) {
      const { line, column, message } = result.syntaxError;
      const js = language !== 'python';
      warn(`${shown}:${line}:${column}: ${message}; ${js ? 'file not checked' : 'the rest was checked, fixes withheld'}`);
      totals.unparsed++;
      exit = Math.max(exit, 1);
    }
    for (const e of result.ruleErrors) {
      warn(`${shown}: rule ${e.rule} failed (${e.message}); the other rules ran`);
      exit = 2;
    }
    if (result.findings.length === 0) continue;
    exit = Math.max(exit, 1);
    for (const f of result.findings) for (const r of f.related ?? []) if (r.file) r.file = display(r.file);
    const entry: FileFindings = { file: shown, lines: new LineIndex(text), findings: result.findings };
    totals.problems += result.findings.length;
    totals.files++;
    for (const f of result.findings) {
      if (f.fixes.some((x) => x.safety === 'safe')) totals.safe++;
      else if (f.fixes.length) totals.unsafe++;
    }
    if (options.format === 'text') process.stdout.write(formatText([entry], paint) + '\n');
    else results.push(entry);
  }

  if (options.format === 'json') process.stdout.write(formatJson(results));
  else if (options.format === 'sarif') process.stdout.write(formatSarif(results, version(), pathToFileURL(process.cwd() + path.sep).href));
  else process.stdout.write(summary(totals) + '\n');
  return exit;
}
