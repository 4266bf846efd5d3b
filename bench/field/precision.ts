// Precision per rule: TP / (TP + FP) over the judged findings at or above a severity.
import { SEVERITIES, type Severity } from '../../src/core/rule';
import type { Matched } from './verdicts';

export interface Tally {
  findings: number;
  judged: number;
  tp: number;
  fp: number;
  /** TP / (TP + FP); null when nothing is judged. */
  precision: number | null;
}

export interface RulePrecision {
  rule: string;
  /** Findings at information and above (information, warning, error). */
  infoPlus: Tally;
  /** Findings at warning and above. */
  warningPlus: Tally;
}

/** Whether `severity` is `floor` or stronger. */
export const atLeast = (severity: Severity, floor: Severity) => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);

export function tally(matched: readonly Matched[], floor: Severity): Tally {
  const t: Tally = { findings: 0, judged: 0, tp: 0, fp: 0, precision: null };
  for (const m of matched) {
    if (!atLeast(m.finding.severity, floor)) continue;
    t.findings++;
    if (!m.verdict) continue;
    t.judged++;
    if (m.verdict.verdict === 'TP') t.tp++;
    else t.fp++;
  }
  t.precision = t.judged ? t.tp / t.judged : null;
  return t;
}

/** One row per rule that reported something at information or above, by rule name, then the overall row ('all'). */
export function precisionByRule(matched: readonly Matched[]): RulePrecision[] {
  const rules = [...new Set(matched.filter((m) => atLeast(m.finding.severity, 'information')).map((m) => m.finding.rule))].sort();
  const row = (rule: string, of: readonly Matched[]): RulePrecision => ({ rule, infoPlus: tally(of, 'information'), warningPlus: tally(of, 'warning') });
  return [...rules.map((r) => row(r, matched.filter((m) => m.finding.rule === r))), row('all', matched)];
}

export interface ReasonCount {
  rule: string;
  reason: string;
  count: number;
}

/** How often each reason explains a false positive at information and above, most common first (then by rule). */
export function falsePositiveReasons(matched: readonly Matched[]): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const { finding, verdict } of matched) {
    if (verdict?.verdict !== 'FP' || !atLeast(finding.severity, 'information')) continue;
    const key = `${finding.rule}\u0000${verdict.reason}`;
    const entry = counts.get(key) ?? { rule: finding.rule, reason: verdict.reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule) || a.reason.localeCompare(b.reason));
}
