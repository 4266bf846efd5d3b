// memlint check: lint files and folders; --fix rewrites them. Exit 0 clean, 1 problems, 2 usage/unreadable/internal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixText } from '../core/autofix';
import { languageOfPath } from '../core/languages';
import { lint, type LintResult } from '../core/linter';
import { normalize } from '../core/settings';
import { LineIndex } from '../core/text';
import { RULE_IDS } from '../rules';
import { collectFiles } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText, paintFor, summary, type Totals } from './format/text';
import type { FileFindings } from './format/types';
import { encode, readSource } from './source';
import { optionAt, UsageError } from './usage';
import { version } from './version';

export interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafeFixes: boolean;
  rules?: string[];
  strict: boolean;
  /** Per-file analysis budget in ms (0: none); undefined: the default. */
  budgetMs?: number;
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
  --budget-ms n             per-file analysis budget: once a file's rules have taken n ms, the rules
                            left are skipped, with a message (default: 2000; 0: no limit)
  -h, --help                show this help

Exit status: 0 no problems, 1 problems remain, 2 bad usage, an unreadable path or an internal error.
`;

export function parseCheckArgs(args: readonly string[]): CheckOptions | 'help' {
  const o: CheckOptions = { format: 'text', fix: false, unsafeFixes: false, strict: false, paths: [] };
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
      case '--budget-ms': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 60_000) throw new UsageError(`--budget-ms must be a whole number of milliseconds from 0 to 60000 (got '${v}')`);
        o.budgetMs = Number(v);
        break;
      }
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
  const settings = normalize({ strict: options.strict, analysisBudgetMs: options.budgetMs });
  const warn = (line: string) => process.stderr.write(`memlint: ${line}\n`);
  const { files, errors } = collectFiles(options.paths);
  errors.forEach(warn);
  let exit = errors.length ? 2 : 0;
  const results: FileFindings[] = [];
  const totals: Totals = { problems: 0, files: 0, safe: 0, unsafe: 0, fixed: 0, unparsed: 0 };
  const paint = paintFor(process.stdout);

  for (const file of files) {
    const shown = display(file);
    const source = readSource(file);
    if (!source.ok) {
      warn(`${shown}: ${source.reason}`);
      if (source.reason.startsWith('cannot read')) exit = 2;
      continue;
    }
    const language = languageOfPath(file)!;
    let result: LintResult;
    let text = source.text;
    try {
      if (options.fix && !source.lossy) {
        const out = await fixText(text, language, settings, { only: options.rules, unsafe: options.unsafeFixes, file: path.resolve(file) });
        if (out.text !== text) {
          fs.writeFileSync(file, encode(out.text, source.bom));
          text = out.text;
        }
        totals.fixed += out.applied.length;
        result = out.remaining;
      } else {
        result = await lint(text, language, settings, { only: options.rules, file: path.resolve(file) });
      }
    } catch (err) {
      warn(`${shown}: internal error, file not checked: ${err instanceof Error ? err.message : String(err)}`);
      exit = 2;
      continue;
    }
    if (source.lossy) warn(`${shown}: not valid UTF-8; checked with replacement characters${options.fix ? ', not fixed' : ''}`);
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
    for (const s of result.skipped) warn(`${shown}: ${s.message} (--budget-ms raises it)`);
    if (result.findings.length === 0) continue;
    exit = Math.max(exit, 1);
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
