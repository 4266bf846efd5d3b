// Findings -> what an LSP Diagnostic needs, as plain data (0-based positions), so it is testable without a client.
import type { Finding, Severity } from '../core/rule';

export interface Span {
  /** 0-based line and UTF-16 character, as an LSP Position. */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface DiagnosticData {
  span: Span;
  /** LSP DiagnosticSeverity: Error 1, Warning 2, Information 3, Hint 4. */
  severity: 1 | 2 | 3 | 4;
  message: string;
  rule: string;
}

const SEVERITY: Record<Severity, DiagnosticData['severity']> = { error: 1, warning: 2, information: 3, hint: 4 };

export const SOURCE = 'memlint';

export function spanOf(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Span {
  return { startLine: f.line - 1, startCharacter: f.column - 1, endLine: f.endLine - 1, endCharacter: f.endColumn - 1 };
}

export function toDiagnosticData(f: Finding): DiagnosticData {
  return { span: spanOf(f), severity: SEVERITY[f.severity], message: f.message, rule: f.rule };
}

/** Identifies a finding among a document's diagnostics: its rule and range (the version is checked apart). */
export function findingKey(rule: string, s: Span): string {
  return `${rule}@${s.startLine}:${s.startCharacter}-${s.endLine}:${s.endCharacter}`;
}
