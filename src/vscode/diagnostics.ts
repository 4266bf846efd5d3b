// Findings -> vscode.Diagnostics.
import * as vscode from 'vscode';
import type { Finding } from '../core/rule';
import { SOURCE, toDiagnosticData, type Span } from './diagnosticData';

export function rangeOf(s: Span): vscode.Range {
  return new vscode.Range(s.startLine, s.startCharacter, s.endLine, s.endCharacter);
}

export function spanOfRange(r: vscode.Range): Span {
  return { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character };
}

/** `docs`: the rule's bundled README, linked from the Problems panel and the hover. `uri`: the document's. */
export function toDiagnostic(finding: Finding, docs: vscode.Uri | undefined, uri: vscode.Uri): vscode.Diagnostic {
  const data = toDiagnosticData(finding);
  const diagnostic = new vscode.Diagnostic(rangeOf(data.span), data.message, data.severity as vscode.DiagnosticSeverity);
  diagnostic.source = SOURCE;
  diagnostic.code = docs ? { value: data.rule, target: docs } : data.rule;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(r.file ? vscode.Uri.file(r.file) : uri, new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/** The rule id of one of memlint's diagnostics, or undefined for anyone else's. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}
