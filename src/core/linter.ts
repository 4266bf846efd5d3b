// lint(text, language, settings) -> findings with their fixes attached.
import type { Tree } from 'web-tree-sitter';
import { RULES } from '../rules';
import { iteratorHelpersTargeted } from '../rules/javascript/shared/target';
import { parseJs } from './parsers/javascript';
import { firstSyntaxError, loadPython, parsePython, PythonDocument } from './parsers/python';
import { nodeAt } from './parsers/pythonTree';
import {
  familyOf,
  SEVERITIES,
  type Finding,
  type JsRule,
  type LanguageId,
  type Level,
  type PythonRule,
  type Report,
  type Rule,
  type Severity,
} from './rule';
import { DEFAULTS, type Settings } from './settings';
import { isSuppressed, jsSuppressions, pythonSuppressions, type Suppressions } from './suppress';
import { firstNumberAtLeast } from './sorted';
import { LineIndex } from './text';

export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
}

export interface LintResult {
  findings: Finding[];
  /** JS/TS that does not parse: nothing was checked. Python with errors: the rest was checked, fixes withheld. */
  syntaxError?: SyntaxProblem;
  /** Rules that threw; every other rule still ran. */
  ruleErrors: { rule: string; message: string }[];
  /** Rules not run because the rules before them used up the file's analysis budget (`settings.analysisBudgetMs`). */
  skipped: { rule: string; message: string }[];
}

export interface LintOptions {
  /** Keep the Python tree between calls, so an edit re-parses incrementally. */
  document?: PythonDocument;
  /** Run only these rule ids. */
  only?: readonly string[];
  /** Run these rules instead of the registry's (the ESLint plugin runs one at a time; tests inject rules). */
  rules?: readonly Rule[];
  /** The file's absolute path, when it has one: JS/TS fixes use ES2025 iterator helpers only where its project targets them. */
  file?: string;
  /** Override what `file` says about iterator helpers (the ESLint plugin's option; tests). */
  iteratorHelpers?: boolean;
}

/** The level a rule runs at under `settings`. */
export function levelOf(rule: Rule, settings: Settings): Level {
  return settings.rules[rule.meta.id] ?? rule.meta.defaultLevel;
}

/**
 * The analysis budget of one file: false until `ms` milliseconds have passed since the first ask (the first rule's
 * start; the parse, linear and unavoidable, does not count), then true; never true for 0.
 */
function budgetFrom(ms: number): () => boolean {
  if (ms <= 0) return () => false;
  let until: number | undefined;
  return () => {
    const now = performance.now();
    until ??= now + ms;
    return now > until;
  };
}

/** The weaker of two severities (a rule may lower its own level for a finding, never raise it). */
function weaker(a: Severity, b: Severity | undefined): Severity {
  if (!b) return a;
  return SEVERITIES.indexOf(a) > SEVERITIES.indexOf(b) ? a : b;
}

export function rulesFor(language: LanguageId, settings: Settings, only?: readonly string[], from: readonly Rule[] = RULES): Rule[] {
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
  settings: Settings = DEFAULTS,
  options: LintOptions = {},
): Promise<LintResult> {
  await prepare(language);
  return lintPrepared(text, language, settings, options);
}

/** As lint(), once prepare(language) has resolved. */
export function lintPrepared(
  text: string,
  language: LanguageId,
  settings: Settings = DEFAULTS,
  options: LintOptions = {},
): LintResult {
  const result: LintResult = { findings: [], ruleErrors: [], skipped: [] };
  if (!settings.enable) return result;
  const rules = rulesFor(language, settings, options.only, options.rules);
  if (rules.length === 0) return result;
  const lines = new LineIndex(text);
  const reports: { rule: Rule; report: Report }[] = [];
  const overBudget = budgetFrom(settings.analysisBudgetMs);
  const run = (rule: Rule, check: () => void) => {
    // A rule cannot be stopped once it runs: the budget is checked between rules.
    if (overBudget()) {
      result.skipped.push({ rule: rule.meta.id, message: `rule ${rule.meta.id} skipped: the file's analysis budget of ${settings.analysisBudgetMs} ms was used up` });
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
        run(rule, () => rule.check({ text, settings, tree, root, report: (report) => reports.push({ rule, report }) }));
      }
      suppressions = pythonSuppressions(pythonComments(text, tree, lines));
    } finally {
      if (!options.document) tree.delete();
    }
  } else {
    const parsed = parseJs(text, language);
    if (parsed.error) {
      result.syntaxError = parsed.error;
      return result;
    }
    const ast = parsed.ast;
    const iteratorHelpers = options.iteratorHelpers ?? (options.file ? iteratorHelpersTargeted(options.file, language) : false);
    for (const rule of rules as JsRule[]) {
      run(rule, () => rule.check({ text, settings, ast, language, iteratorHelpers, report: (report) => reports.push({ rule, report }) }));
    }
    suppressions = jsSuppressions(
      (ast.comments ?? []).map((c) => ({ body: c.value, line: c.loc.start.line, endLine: c.loc.end.line })),
    );
  }

  for (const { rule, report } of reports) {
    const start = lines.position(report.start);
    const end = lines.position(report.end);
    const finding: Finding = {
      rule: rule.meta.id,
      severity: weaker(levelOf(rule, settings) as Severity, report.severity),
      message: report.message,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      start: report.start,
      end: report.end,
      fixes: withholdFixes ? [] : (report.fixes ?? []),
    };
    if (report.related?.length) {
      finding.related = report.related.map((r) => {
        const [a, b] = [lines.position(r.start), lines.position(r.end)];
        return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, message: r.message };
      });
    }
    if (!isSuppressed(suppressions, finding)) result.findings.push(finding);
  }
  result.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return result;
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
