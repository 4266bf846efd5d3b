// Fix a whole text: lint, apply what fits, lint again, until nothing more applies.
import { applyFixes } from './fixes';
import { lint, type LintOptions, type LintResult } from './linter';
import type { Finding, Fix, LanguageId } from './rule';
import type { Settings } from './settings';

export interface FixOptions extends LintOptions {
  /** Also apply unsafe fixes (the user asked for them). */
  unsafe?: boolean;
}

export interface FixOutcome {
  text: string;
  /** Fixes applied over all rounds. */
  applied: Fix[];
  /** The lint of the final text: what remains. */
  remaining: LintResult;
}

/** The fix fix-all would take for a finding: its first safe fix, or first fix of any safety with `unsafe`. */
export function chosenFix(finding: Finding, unsafe = false): Fix | undefined {
  return finding.fixes.find((f) => unsafe || f.safety === 'safe');
}

export async function fixText(
  text: string,
  language: LanguageId,
  settings: Settings,
  options: FixOptions,
): Promise<FixOutcome> {
  const applied: Fix[] = [];
  let current = text;
  let result = await lint(current, language, settings, options);
  for (let round = 0; round < 10; round++) {
    const fixes = result.findings.map((f) => chosenFix(f, options.unsafe)).filter((f): f is Fix => !!f);
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes);
    if (next.applied.length === 0 || next.text === current) break;
    const relinted = await lint(next.text, language, settings, options);
    // A fix must never break the file: if this round made it unparseable, keep the previous text.
    if (relinted.syntaxError && !result.syntaxError) break;
    applied.push(...next.applied);
    current = next.text;
    result = relinted;
  }
  return { text: current, applied, remaining: result };
}
