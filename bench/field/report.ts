// The field study as text: the corpus, counts per project, rule and severity, precision per rule, what is unjudged.
import type { Severity } from '../../src/core/rule';
import { table } from '../measure';
import type { ReasonCount, RulePrecision, Tally } from './precision';
import type { FieldFinding, ScanStats } from './scan';
import type { Matched, Verdict } from './verdicts';

export interface ProjectRun {
  id: string;
  from: 'npm' | 'debian';
  package: string;
  pinned: string;
  version: string;
  stats: ScanStats;
  findings: FieldFinding[];
  /** Extra findings in strict mode (hints), when asked for. */
  strictOnly?: FieldFinding[];
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (t: Tally) => (t.precision === null ? '–' : `${(t.precision * 100).toFixed(1)} %`);
const SHOWN: Severity[] = ['error', 'warning', 'information', 'hint'];

export function corpusTable(runs: readonly ProjectRun[]): string {
  const rows = runs.map((r) => [
    r.id,
    `${r.package} ${r.version}${r.version === r.pinned ? '' : ` (pinned ${r.pinned})`}`,
    r.from,
    n(r.stats.files),
    n(r.stats.lines),
    n(r.stats.skipped),
    n(r.stats.syntaxErrors),
  ]);
  const sum = (k: keyof Omit<ScanStats, 'ruleErrors'>) => n(runs.reduce((s, r) => s + r.stats[k], 0));
  rows.push(['**total**', '', '', sum('files'), sum('lines'), sum('skipped'), sum('syntaxErrors')]);
  return table(['project', 'package', 'from', 'files', 'lines', 'skipped (minified)', 'syntax errors'], rows);
}

/** Counts of findings per rule and severity: one row per rule of each project, then totals per rule. */
export function countsTable(runs: readonly ProjectRun[], strict: boolean): string {
  const count = (fs: readonly FieldFinding[], rule: string, sev: Severity) => fs.filter((f) => f.rule === rule && f.severity === sev).length;
  const rulesOf = (fs: readonly FieldFinding[]) => [...new Set(fs.map((f) => f.rule))].sort();
  const head = ['project', 'rule', ...SHOWN, ...(strict ? ['strict: extra hints'] : [])];
  const row = (label: string, rule: string, fs: FieldFinding[], extra: FieldFinding[]) => [
    label,
    rule,
    ...SHOWN.map((s) => n(count(fs, rule, s))),
    ...(strict ? [n(extra.filter((f) => f.rule === rule).length)] : []),
  ];
  const rows: string[][] = [];
  for (const r of runs) {
    for (const rule of rulesOf([...r.findings, ...(r.strictOnly ?? [])])) rows.push(row(r.id, rule, r.findings, r.strictOnly ?? []));
  }
  const all = runs.flatMap((r) => r.findings);
  const allExtra = runs.flatMap((r) => r.strictOnly ?? []);
  for (const rule of rulesOf([...all, ...allExtra])) rows.push(row('**all**', rule, all, allExtra));
  return table(head, rows);
}

export function precisionTable(rows: readonly RulePrecision[]): string {
  const cells = (t: Tally) => [n(t.findings), n(t.judged), n(t.tp), n(t.fp), pct(t)];
  return table(
    ['rule', 'info+', 'judged', 'TP', 'FP', 'precision info+', 'warning+', 'judged', 'TP', 'FP', 'precision warning+'],
    rows.map((r) => [r.rule === 'all' ? '**all**' : r.rule, ...cells(r.infoPlus), ...cells(r.warningPlus)]),
  );
}

/** The `limit` most common reasons for false positives. */
export function reasonsTable(reasons: readonly ReasonCount[], limit: number): string {
  return table(['FP', 'rule', 'reason'], reasons.slice(0, limit).map((r) => [n(r.count), r.rule, r.reason]));
}

/** `file:line rule severity message`, then the source line: what a human needs to judge it. */
export function unjudgedList(matched: readonly Matched[]): string {
  return matched
    .map((m) => m.finding)
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity} ${f.message}\n    ${f.snippet}`)
    .join('\n');
}

/** Verdict entries for unjudged findings, to fill in (verdict "TP" or "FP", a reason) and add to verdicts.json. */
export function verdictTemplate(matched: readonly Matched[]): string {
  const entries = matched.map(({ finding: f }) => ({ file: f.file, line: f.line, rule: f.rule, verdict: '', reason: '', snippet: f.snippet }));
  return `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

export function staleList(stale: readonly Verdict[]): string {
  return stale.map((v) => `${v.file}:${v.line} ${v.rule} ${v.verdict} (${v.reason})${v.snippet ? `\n    ${v.snippet}` : ''}`).join('\n');
}
