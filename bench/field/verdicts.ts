// Human verdicts on findings (bench/field/verdicts.json) and how they find their finding again after the code moved.
import * as fs from 'node:fs';
import type { FieldFinding } from './scan';

export type Judgement = 'TP' | 'FP';

export interface Verdict {
  /** `<project id>/<path inside the project>`. */
  file: string;
  line: number;
  /** As in findings: `python/whole-file-read`. */
  rule: string;
  verdict: Judgement;
  /** One short, general line: "config file read once at startup". */
  reason: string;
  /** The trimmed source line: when the line number no longer matches, the verdict moves to the nearest line with this text. */
  snippet?: string;
  /** Only when two findings of one rule on one line deserve different verdicts. */
  column?: number;
}

export function loadVerdicts(file: string): Verdict[] {
  if (!fs.existsSync(file)) return [];
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const list = Array.isArray(raw) ? raw : (raw as { verdicts?: unknown }).verdicts;
  if (!Array.isArray(list)) throw new Error(`${file}: expected an array of verdicts (or { "verdicts": [...] })`);
  return list.map((v: Verdict, i: number) => {
    const ok =
      v && typeof v.file === 'string' && Number.isInteger(v.line) && typeof v.rule === 'string' &&
      (v.verdict === 'TP' || v.verdict === 'FP') && typeof v.reason === 'string' &&
      (v.snippet === undefined || typeof v.snippet === 'string') && (v.column === undefined || Number.isInteger(v.column));
    if (!ok) throw new Error(`${file}: verdict ${i} needs file, line, rule, verdict ("TP" or "FP") and reason: ${JSON.stringify(v)}`);
    return v;
  });
}

export interface Matched {
  finding: FieldFinding;
  verdict?: Verdict;
  /** The verdict was found by its snippet at another line than it names. */
  moved?: boolean;
}

export interface Matching {
  matched: Matched[];
  /** Verdicts that judge no finding of this run (the rule changed, or the code did): they stop counting. */
  stale: Verdict[];
}

const keyOf = (x: { file: string; rule: string }) => `${x.file}\u0000${x.rule}`;
const siteOf = (x: { file: string; rule: string }, line: number) => `${keyOf(x)}\u0000${line}`;

/**
 * Pairs findings with verdicts. A verdict judges the findings of its rule on its line (and column, when it names
 * one) whose source line is its snippet (when it has one). A verdict that judges nothing there moves to the
 * nearest line of its file where its rule reports a finding on the same snippet and no other verdict judges:
 * closest pairs first, one line per verdict.
 */
export function matchVerdicts(findings: readonly FieldFinding[], verdicts: readonly Verdict[]): Matching {
  const fits = (v: Verdict, f: FieldFinding) =>
    keyOf(v) === keyOf(f) && (v.column === undefined || v.column === f.column) && (v.snippet === undefined || v.snippet === f.snippet);
  const matched: Matched[] = findings.map((finding) => ({ finding }));
  const used = new Set<Verdict>();

  // Verdicts still on their line.
  const byLine = new Map<string, Verdict[]>();
  for (const v of verdicts) byLine.set(siteOf(v, v.line), [...(byLine.get(siteOf(v, v.line)) ?? []), v]);
  for (const m of matched) {
    const v = byLine.get(siteOf(m.finding, m.finding.line))?.find((c) => fits(c, m.finding));
    if (v) {
      m.verdict = v;
      used.add(v);
    }
  }

  // Moved code: pair the remaining verdicts with the remaining lines carrying their snippet, closest first.
  const open = matched.filter((m) => !m.verdict);
  const pairs: { verdict: Verdict; line: number; distance: number }[] = [];
  for (const verdict of verdicts) {
    if (used.has(verdict) || verdict.snippet === undefined) continue;
    const lines = new Set(open.filter((m) => fits(verdict, m.finding)).map((m) => m.finding.line));
    for (const line of lines) pairs.push({ verdict, line, distance: Math.abs(line - verdict.line) });
  }
  pairs.sort((a, b) => a.distance - b.distance || a.verdict.line - b.verdict.line || a.line - b.line);
  const taken = new Set<string>();
  for (const { verdict, line } of pairs) {
    const site = siteOf(verdict, line);
    if (used.has(verdict) || taken.has(site)) continue;
    used.add(verdict);
    taken.add(site);
    for (const m of open) {
      if (!m.verdict && m.finding.line === line && fits(verdict, m.finding)) {
        m.verdict = verdict;
        m.moved = true;
      }
    }
  }
  return { matched, stale: verdicts.filter((v) => !used.has(v)) };
}
