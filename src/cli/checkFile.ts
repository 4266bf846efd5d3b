// Checking one file, the same on the main thread (--jobs 1) and in a worker: read it, take its lint from the cache
// when every input still holds, else lint it (or fix it), and turn the outcome into what is printed for it. The text
// and tree are gone when this returns: a report holds only output.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { chosenFix, fixText } from '../core/autofix';
import { languageOfPath } from '../core/languages';
import { describeOverLimit } from '../core/limits';
import { lint, type LintOptions, type LintResult } from '../core/linter';
import { ParserFailure } from '../core/parsers/python';
import type { ProjectIndex, ProjectView } from '../core/project';
import type { LanguageId } from '../core/rule';
import type { Settings } from '../core/settings';
import { LineIndex } from '../core/text';
import { hostOptions } from '../host/options';
import { iteratorHelpersTargeted } from '../host/target';
import { INDEXERS } from '../rules/indexers';
import { CheckCache, lintKey } from './cache';
import { ENCODING_NAMES, encodeText } from './encoding';
import { escapeControls } from './format/escape';
import { jsonDocument, jsonFindings } from './format/json';
import { sarifResults } from './format/sarif';
import { arrayElement, type ArrayDocument } from './format/stream';
import { COLOURS, formatText, PLAIN, type Totals } from './format/text';
import type { FileFindings } from './format/types';
import { checked } from './heap';
import { projectFor } from './project';
import { CLI_LIMIT_NAMES, isInside, readSource, type Source } from './source';
import { replaceFile, withSignalsDeferred } from './write';

/** Everything a checker needs, as plain data: it crosses to worker threads. */
export interface CheckSetup {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafeFixes: boolean;
  rules?: string[];
  settings: Settings;
  /** The paths given (the project index is built over them). */
  paths: string[];
  /** Where --fix may write (real paths). */
  fixRoots: string[];
  colour: boolean;
  /** The cache folder, or undefined with --no-cache. */
  cacheDir?: string;
  /** Where summaries are shared when there is no cache (a temporary folder), so no worker keeps them all. */
  summaryDir?: string;
  build: string;
  /** With --format sarif, the SARIF document's shape (for its indentation). */
  document?: ArrayDocument;
}

/** What is printed for one file, and what it adds to the totals and the exit status. */
export interface FileReport {
  /** Lines for stderr, each "memlint: ...\n". */
  stderr: string;
  /** --format text: the file's findings. */
  stdout: string;
  /** --format json and sarif: the array elements, as they stand in the document. */
  elements: string[];
  exit: number;
  totals: Totals;
  /** The lint came from the cache. */
  cached: boolean;
}

export const NO_TOTALS: Readonly<Totals> = Object.freeze({ problems: 0, files: 0, safe: 0, unsafe: 0, fixed: 0, unparsed: 0, unchecked: 0 });

/** The report of a file whose check failed outright (a worker that died on it). */
export function failureReport(file: string, message: string): FileReport {
  const stderr = `memlint: ${escapeControls(`${display(file)}: internal error (${message}); file not checked`)}\n`;
  return { stderr, stdout: '', elements: [], exit: 2, totals: { ...NO_TOTALS, unchecked: 1 }, cached: false };
}

export function addTotals(into: Totals, more: Totals): void {
  for (const k of Object.keys(into) as (keyof Totals)[]) into[k] += more[k];
}

/** How a path is shown: relative to the working folder when inside it, '/'-separated. */
export function display(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file)).split(path.sep).join('/');
}

/** A file read for checking, and what its lint is keyed by. */
interface Read {
  shown: string;
  source: Extract<Source, { ok: true }>;
  language: LanguageId;
  absolute: string;
  view: ProjectView;
  /** Whether its project targets iterator helpers (a host fact the JS rules read). */
  iteratorHelpers: boolean;
  /** --fix: the file links outside the paths given (not fixed). */
  outside: boolean;
  fixing: boolean;
  key: string;
  /** sha1 of its bytes. */
  bytes: string;
  context: string;
}

type StoredLint = NonNullable<ReturnType<CheckCache['lint']>>;

function emptyReport(): FileReport {
  return { stderr: '', stdout: '', elements: [], exit: 0, totals: { ...NO_TOTALS }, cached: false };
}

function warnInto(report: FileReport, line: string): void {
  report.stderr += `memlint: ${escapeControls(line)}\n`;
}

export class FileChecker {
  private readonly cache: CheckCache | undefined;
  private readonly settingsKey: string;

  constructor(
    private readonly setup: CheckSetup,
    private readonly project: ProjectIndex,
    cache?: CheckCache,
  ) {
    this.cache = cache;
    const { settings, rules } = setup;
    // The working folder: test code is recognised below it. --fix is not part of it: what remains after fixing is
    // the lint of the fixed text.
    this.settingsKey = JSON.stringify({ settings, rules: rules ?? null, cwd: process.cwd() });
  }

  /** The project index this checker lints against. */
  get index(): ProjectIndex {
    return this.project;
  }

  /** What names the project's scan in the cache: the paths given. */
  private get scanKey(): string {
    return JSON.stringify(this.setup.paths.map((p) => path.resolve(p)));
  }

  /** Start from the project's scan the cache kept: unchanged files are not scanned for imports again. */
  reuseScan(): void {
    const scanned = this.cache?.scan(this.scanKey);
    if (scanned) this.project.reuseScan(scanned);
  }

  /** Keep the project's scan for the next run, when this run made a different one. */
  keepScan(): void {
    if (this.cache && this.project.scanChanged) this.cache.putScan(this.scanKey, this.project.scannedFiles(true));
  }

  /**
   * The reports of `files` from their stored lints (undefined for each file that must be linted: nothing stored, or
   * what is stored no longer holds): the main thread's pass before it hands the rest to workers. A file with no entry
   * is not read; the others are read once, the index taking each one's hash and imports from that read, and their
   * stored lints are checked against the project once every file has been read.
   */
  async cachedReports(files: readonly string[]): Promise<(FileReport | undefined)[]> {
    const reports: (FileReport | undefined)[] = files.map(() => undefined);
    const hits: { index: number; read: Read; stored: StoredLint; text?: string }[] = [];
    for (let i = 0; i < files.length; i++) {
      if (!this.cache?.has(lintKey(path.resolve(files[i]), this.settingsKey))) continue;
      const read = this.read(files[i]);
      if ('report' in read) {
        reports[i] = read.report;
        continue;
      }
      const { source } = read;
      this.project.know(read.absolute, source.text);
      const stored = this.lookUp(read);
      // Only what the report needs is kept until the project is known: the text where there are findings to place.
      if (stored) hits.push({ index: i, read: { ...read, source: { ...source, text: '', bytes: Buffer.alloc(0) } }, stored, text: stored.result.findings.length ? source.text : undefined });
    }
    for (const { index, read, stored, text } of hits) {
      if (this.project.stillHolds(stored.dependencies)) reports[index] = this.outcome(read, text ?? '', stored.result, true);
    }
    return reports;
  }

  /** Check `file`: its stored lint when that still holds (unless `lookUp` is false: it was looked up already), else a lint. */
  async check(file: string, lookUp = true): Promise<FileReport> {
    const read = this.read(file);
    if ('report' in read) return read.report;
    const { setup } = this;
    const { settings } = setup;
    const { source, absolute, language, key, context, fixing, view } = read;
    // The host's rule registry and project facts (as on the main thread, so in a worker).
    const lintOptions: LintOptions = { ...hostOptions(language), iteratorHelpers: read.iteratorHelpers, only: setup.rules, file: absolute, root: process.cwd(), project: view };
    let text = source.text;
    let result: LintResult;
    const stored = lookUp ? this.lookUp(read) : undefined;
    if (stored && this.project.stillHolds(stored.dependencies)) return this.outcome(read, text, stored.result, true);
    const failures: string[] = [];
    let fixed = 0;
    try {
      if (fixing) {
        const out = await fixText(text, language, settings, { ...lintOptions, unsafe: setup.unsafeFixes });
        result = out.remaining;
        if (out.text !== text) {
          const fixedBytes = encodeText(out.text, source.encoding, source.bom);
          const written = await withSignalsDeferred(() => replaceFile(source.real, fixedBytes, source));
          if (written.ok) {
            text = out.text;
            this.project.invalidate(absolute);
            fixed = out.applied.length;
            this.store(key, createHash('sha1').update(fixedBytes).digest('hex'), context, view.dependencies, result);
          } else {
            failures.push(`${read.shown}: ${written.reason}`);
            result = await lint(text, language, settings, { ...lintOptions, project: this.project.view(absolute) });
          }
        } else {
          this.store(key, read.bytes, context, view.dependencies, result);
        }
      } else {
        result = await lint(text, language, settings, lintOptions);
        this.store(key, read.bytes, context, view.dependencies, result);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const report = emptyReport();
      for (const line of failures) warnInto(report, line);
      warnInto(report, `${read.shown}: ${err instanceof ParserFailure ? message : `internal error (${message})`}; file not checked`);
      report.exit = 2;
      report.totals.unchecked++;
      return report;
    }
    const report = this.outcome(read, text, result, false, failures);
    report.totals.fixed += fixed;
    return report;
  }

  /** Read `file` and work out what its lint is keyed by; a report instead when it cannot be read or is skipped. */
  private read(file: string): Read | { report: FileReport } {
    const { setup } = this;
    const shown = display(file);
    const source = readSource(file, setup.settings);
    if (!source.ok) {
      const report = emptyReport();
      warnInto(report, `${shown}: ${source.reason}`);
      if (source.unreadable) report.exit = 2;
      report.totals.unchecked++;
      return { report };
    }
    checked();
    const language = languageOfPath(file)!;
    const absolute = path.resolve(file);
    const view = this.project.view(absolute);
    const iteratorHelpers = iteratorHelpersTargeted(absolute, language);
    const outside = setup.fix && !isInside(source.real, setup.fixRoots);
    return {
      shown,
      source,
      language,
      absolute,
      view,
      iteratorHelpers,
      outside,
      fixing: setup.fix && !source.lossy && !outside,
      key: lintKey(absolute, this.settingsKey),
      bytes: createHash('sha1').update(source.bytes).digest('hex'),
      // The only thing a lint reads from the file's surroundings outside the project index.
      context: language === 'python' ? '' : `helpers=${iteratorHelpers}`,
    };
  }

  /** The stored lint of a file read, if there is one for its bytes; --fix takes one only when it has nothing to fix. */
  private lookUp(read: Read): StoredLint | undefined {
    const stored = this.cache?.lint(read.key, read.bytes, read.context);
    return stored && !(read.fixing && stored.result.findings.some((f) => chosenFix(f, this.setup.unsafeFixes))) ? stored : undefined;
  }

  /** What is printed for a file, from its lint (`text`: what the lint's positions are in). */
  private outcome(read: Read, text: string, result: LintResult, cached: boolean, failures: string[] = []): FileReport {
    const { setup } = this;
    const { shown, source, language, outside } = read;
    const report = emptyReport();
    report.cached = cached;
    const warn = (line: string) => warnInto(report, line);
    failures.forEach(warn);
    if (result.skipped) {
      warn(`${shown}: skipped: ${describeOverLimit(result.skipped, CLI_LIMIT_NAMES)}`);
      report.totals.unchecked++;
      return report;
    }
    if (outside && result.findings.some((f) => chosenFix(f, setup.unsafeFixes))) {
      warn(`${shown}: not fixed: it links to ${display(source.real)}, outside the paths being checked`);
    }
    if (source.lossy) warn(`${shown}: not valid ${ENCODING_NAMES[source.encoding]}; checked with replacement characters${setup.fix ? ', not fixed' : ''}`);
    if (result.syntaxError?.limit) {
      const { line, column, message } = result.syntaxError;
      warn(`${shown}:${line}:${column}: ${message}; file not checked`);
      report.totals.unchecked++;
      return report;
    }
    if (result.syntaxError) {
      const { line, column, message } = result.syntaxError;
      const js = language !== 'python';
      warn(`${shown}:${line}:${column}: ${message}; ${js ? 'file not checked' : 'the rest was checked, fixes withheld'}`);
      report.totals.unparsed++;
      report.exit = Math.max(report.exit, 1);
    }
    for (const e of result.ruleErrors) {
      warn(`${shown}: rule ${e.rule} failed (${e.message}); the other rules ran`);
      report.exit = 2;
    }
    for (const s of result.outOfBudget ?? []) warn(`${shown}: ${s.message} (--budget-ms raises it)`);
    if (result.findings.length === 0) return report;
    report.exit = Math.max(report.exit, 1);
    const findings = result.findings.map((f) => (f.related ? { ...f, related: f.related.map((r) => (r.file ? { ...r, file: display(r.file) } : r)) } : f));
    const entry: FileFindings = { file: shown, lines: new LineIndex(text), findings };
    report.totals.problems += findings.length;
    report.totals.files++;
    for (const f of findings) {
      if (f.fixes.some((x) => x.safety === 'safe')) report.totals.safe++;
      else if (f.fixes.length) report.totals.unsafe++;
    }
    if (setup.format === 'text') report.stdout = formatText([entry], setup.colour ? COLOURS : PLAIN) + '\n';
    else if (setup.format === 'json') report.elements = jsonFindings(entry).map((e) => arrayElement(e, JSON_DOCUMENT));
    else report.elements = sarifResults(entry).map((e) => arrayElement(e, setup.document!));
    return report;
  }

  /** Keep a lint for the next run, unless a rule failed (that may not happen again). */
  private store(key: string, bytes: string, context: string, dependencies: Map<string, string>, result: LintResult): void {
    // A lint with a failed rule, or rules skipped for the analysis budget, is not the file's whole answer.
    if (this.cache && result.ruleErrors.length === 0 && result.outOfBudget.length === 0) this.cache.storeLint(key, bytes, context, dependencies, result);
  }
}

const JSON_DOCUMENT = jsonDocument();

/** A checker for `setup`: its cache (if any and usable), and a project index that keeps its summaries there. */
export function checkerFor(setup: CheckSetup): FileChecker {
  const opened = setup.cacheDir ? CheckCache.open(setup.cacheDir, setup.build) : undefined;
  const cache = opened instanceof CheckCache ? opened : undefined;
  const shared = cache ?? (setup.summaryDir ? CheckCache.open(setup.summaryDir, setup.build, true) : undefined);
  const project = projectFor(setup.paths, INDEXERS, setup.settings, shared instanceof CheckCache ? shared : undefined);
  return new FileChecker(setup, project, cache);
}
