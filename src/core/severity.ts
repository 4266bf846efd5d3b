// A finding's severity: the rule's level, lowered by what is known of the size and by test code.
import { SEVERITIES, type Report, type Severity } from './rule';

/** One level lower: error → warning → information → hint (the floor). */
export function lower(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)];
}

/** The weaker of two severities (a rule may lower its own level for a finding, never raise it). */
export function weaker(a: Severity, b: Severity | undefined): Severity {
  if (!b) return a;
  return SEVERITIES.indexOf(a) > SEVERITIES.indexOf(b) ? a : b;
}

export interface SeverityContext {
  strict: boolean;
  /** The file is test code and the user has not asked to treat tests as source. */
  testCode: boolean;
}

/**
 * Grows with the input: the rule's level. Unknown: one level lower. Bounded by construction: a hint, and only in
 * strict mode. A discount (the change saves less than the size says) and test code: one level lower again each.
 * Undefined: not reported.
 */
export function severityOf(level: Severity, report: Report, context: SeverityContext): Severity | undefined {
  let severity = level;
  const growth = report.size?.growth ?? 'grows';
  if (growth === 'bounded') {
    if (!context.strict) return undefined;
    severity = 'hint';
  } else if (growth === 'unknown') {
    severity = lower(severity);
  }
  if (report.discount) severity = lower(severity);
  if (context.testCode) severity = lower(severity);
  return weaker(severity, report.severity);
}
