// lint(text, language, settings) -> findings with their fixes attached.
// The engine knows no rule: hosts pass the registry (LintOptions.rules) and their project facts (iteratorHelpers).
import type { Tree } from 'web-tree-sitter';
import { overLimit, type OverLimit } from './limits';
import { parseJs } from './parsers/javascript';
import { firstSyntaxError, loadPython, parsePython, PythonDocument } from './parsers/python';
import { nodeAt } from './parsers/pythonTree';
import {
  familyOf,
  type Finding,
  type JsRule,
  type LanguageId,
  type Level,
  type PythonRule,
  type RelatedLocation,
  type RelatedSpan,
  type Report,
  type Rule,
  type Severity,
} from './rule';
import type { ProjectView } from './project';
import { severityOf } from './severity';
import type { Settings } from './settings';
import { firstNumberAtLeast } from './sorted';
import { isSuppressed, jsSuppressions, pythonSuppressions, type Suppressions } from './suppress';
import { isTestFileIn } from './testFiles';
import { LineIndex } from './text';

export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
  /** The parser gave up on the text's depth or size: no mistake in the text, just not checked. */
  limit?: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** JS/TS that does not parse: nothing was checked. Python with errors: the rest was checked, fixes withheld. */
  syntaxError?: SyntaxProblem;
  /** Rules that threw; every other rule still ran. */
  ruleErrors: { rule: string; message: string }[];
  /** Not parsed nor checked: over a size or line-length limit (each host words it with its own setting names). */
  skipped?: OverLimit;
  /** Rules not run because the rules before them used up the file's analysis budget (`settings.analysisBudgetMs`). */
  outOfBudget: { rule: string; message: string }[];
}

export interface LintOptions {
  /** Keep the Python tree between calls, so an edit re-parses incrementally. */
  document?: PythonDocument;
  /** The rules to run: the host's registry (src/rules), or test rules. */
  rules: readonly Rule[];
  /** Run only these rule ids. */
  only?: readonly string[];
  /** The file's absolute path, when it has one. */
  file?: string;
  /** The file's project targets ES2025 iterator helpers (a host-side fact, src/host/target.ts); absent: false. */
  iteratorHelpers?: boolean;
  /** The workspace folder or checked root holding `file`: test folders are looked for below it. */
  root?: string;
  /** The project index's view for `file`: other modules' facts; what it reads is recorded there. */
  project?: ProjectView;
}

/** The level a rule runs at under `settings`. */
export function levelOf(rule: Rule, settings: Settings): Level {
  return settings.rules[rule.meta.id] ?? rule.meta.defaultLevel;
}

/**
 * The analysis budget of one file: false until `ms` milliseconds have passed since the first ask (the first rule's
 * start), then true; never true for 0. Neither the parse (linear and unavoidable) nor the time spent getting other
 * files' summaries from the project index (`excluded`: the project's work, kept for every later lint) counts.
 */
function budgetFrom(ms: number, excluded: () => number = () => 0): () => boolean {
  if (ms <= 0) return () => false;
  let until: number | undefined;
  return () => {
    const now = performance.now() - excluded();
    until ??= now + ms;
    return now > until;
  };
}

export function rulesFor(language: LanguageId, settings: Settings, only: readonly string[] | undefined, from: readonly Rule[]): Rule[] {
  const family = familyOf(language);
  return from.filter(
    (r) => r.meta.family === family && levelOf(r, settings) !== 'off' && (!only || only.includes(r.meta.id)),
  );
}

/** Ready the parsers a language needs. Python's grammar loads asynchronously once. */
export async function prepare(language: LanguageId): Promise<void> {
  if (familyOf(language) === 'python') await loadPython();
}

/** Lint one document. Never throws for bad input: syntax problems and rule crashes come back in the result. */
export async function lint(
  text: string,
  language: LanguageId,
  settings: Settings,
  options: LintOptions,
): Promise<LintResult> {
  await prepare(language);
  return lintPrepared(text, language, settings, options);
}

/** As lint(), once prepare(language) has resolved. */
export function lintPrepared(
  text: string,
  language: LanguageId,
  settings: Settings,
  options: LintOptions,
): LintResult {
  const result: LintResult = { findings: [], ruleErrors: [], outOfBudget: [] };
  if (!settings.enable) return result;
  result.skipped = overLimit(text, settings);
  if (result.skipped) return result;
  const rules = rulesFor(language, settings, options.only, options.rules);
  if (rules.length === 0) return result;
  const lines = new LineIndex(text);
  const reports: { rule: Rule; report: Report }[] = [];
  const overBudget = budgetFrom(settings.analysisBudgetMs, () => options.project?.indexMs ?? 0);
  const run = (rule: Rule, check: () => void) => {
    // A rule cannot be stopped once it runs: the budget is checked between rules.
    if (overBudget()) {
      result.outOfBudget.push({ rule: rule.meta.id, message: `rule ${rule.meta.id} skipped: the file's analysis budget of ${settings.analysisBudgetMs} ms was used up` });
      return;
    }
    const before = reports.length;
    try {
      check();
    } catch (err) {
      reports.length = before;
      result.ruleErrors.push({ rule: rule.meta.id, message: err instanceof Error ? err.message : String(err) });
    }
  };
  let suppressions: Suppressions;
  let withholdFixes = false;

  if (familyOf(language) === 'python') {
    const tree: Tree = options.document ? options.document.update(text) : parsePython(text);
    try {
      const root = tree.rootNode;
      const error = firstSyntaxError(root);
      if (error) {
        result.syntaxError = { message: 'syntax error', ...error };
        withholdFixes = true;
      }
      for (const rule of rules as PythonRule[]) {
        run(rule, () => rule.check({ text, settings, tree, root, file: options.file, project: options.project, report: (report) => reports.push({ rule, report }) }));
      }
      suppressions = pythonSuppressions(pythonComments(text, tree, lines));
    } finally {
      if (!options.document) tree.delete();
    }
  } else {
    // A suppression comment holds `memlint-disable-`: without it in the text, the comments are not needed.
    const suppressible = text.includes('memlint-disable-');
    const parsed = parseJs(text, language, suppressible);
    if (parsed.error) {
      result.syntaxError = parsed.error;
      return result;
    }
    const ast = parsed.ast;
    const iteratorHelpers = options.iteratorHelpers ?? false;
    for (const rule of rules as JsRule[]) {
      run(rule, () => rule.check({ text, settings, ast, language, iteratorHelpers, file: options.file, project: options.project, report: (report) => reports.push({ rule, report }) }));
    }
    const comments = suppressible ? (ast.comments ?? []) : [];
    suppressions = jsSuppressions(comments.map((c) => ({ body: c.value, line: c.loc.start.line, endLine: c.loc.end.line })));
  }

  const severityContext = { strict: settings.strict, testCode: !settings.testsAsSource && !!options.file && isTestFileIn(options.file, options.root) };
  for (const { rule, report } of reports) {
    const severity = severityOf(levelOf(rule, settings) as Severity, report, severityContext);
    if (!severity) continue;
    const finding = findingOf(rule, report, severity, lines, withholdFixes);
    if (!isSuppressed(suppressions, finding)) result.findings.push(finding);
  }
  result.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return result;
}

/** A report as users see it: positions, severity, the size's reason appended to the message. */
function findingOf(rule: Rule, report: Report, severity: Severity, lines: LineIndex, withholdFixes: boolean): Finding {
  const start = lines.position(report.start);
  const end = lines.position(report.end);
  const finding: Finding = {
    rule: rule.meta.id,
    severity,
    message: reportMessage(report),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    start: report.start,
    end: report.end,
    fixes: withholdFixes ? [] : (report.fixes ?? []),
  };
  if (report.size) finding.growth = report.size.growth;
  if (report.related?.length) finding.related = report.related.map((r) => relatedLocation(r, lines));
  return finding;
}

/** The message, then the sentence that says where the size comes from. */
export function withReason(message: string, why: string | undefined): string {
  if (!why) return message;
  return /[.!?:]$/.test(message) ? `${message} ${why}` : `${message}. ${why}`;
}

/** A report's message as users read it: what the rule found, where the size comes from, then any discount. */
export function reportMessage(report: Report): string {
  return withReason(withReason(report.message, report.size?.why), report.discount);
}

function relatedLocation(r: RelatedSpan, lines: LineIndex): RelatedLocation {
  if ('file' in r) return { file: r.file, ...r.range, message: r.message };
  const [a, b] = [lines.position(r.start), lines.position(r.end)];
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, message: r.message };
}

/**
 * Comments that may hold a suppression, confirmed against the tree so a '#' inside a string never counts. The
 * lines looked at are those where a '#' comes before a `memlint:` (a regex '#', any characters of the line, then
 * `memlint:` found them, rescanning the rest of the line from every '#'), each line once and in order, so a long line
 * of '#' costs its length, not its length squared.
 */
function pythonComments(text: string, tree: Tree, lines: LineIndex): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let hashes: number[] | undefined;
  /** The first '#' at or after `from`, before `end`; -1 if none. */
  const hashIn = (from: number, end: number) => {
    hashes ??= [...text.matchAll(/#/g)].map((m) => m.index!);
    const at = hashes[firstNumberAtLeast(hashes, from)];
    return at !== undefined && at < end ? at : -1;
  };
  let lineEnd = -1;
  for (let at = text.indexOf('memlint:'); at !== -1; at = text.indexOf('memlint:', Math.max(at + 1, lineEnd))) {
    if (at < lineEnd) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const nl = text.indexOf('\n', at);
    lineEnd = nl === -1 ? text.length : nl;
    // The line's first '#', if some `memlint:` follows it on the line.
    const first = hashIn(lineStart, lineEnd);
    if (first === -1) continue;
    const mention = text.indexOf('memlint:', first + 1);
    if (mention === -1 || mention + 'memlint:'.length > lineEnd) continue;
    let node = nodeAt(tree, first, first + 1);
    // '#' inside a string: look for the real comment further along the same line.
    while (node.type !== 'comment') {
      const next = hashIn(node.endIndex, lineEnd);
      if (next === -1) break;
      node = nodeAt(tree, next, next + 1);
    }
    if (node.type === 'comment') out.push({ text: node.text.replace(/\r$/, ''), line: lines.position(node.startIndex).line });
  }
  return out;
}
