// Findings -> LSP diagnostics: source `memlint`, the rule id as code linked to its documentation, related locations
// (in other files too), and the memory tracker's peak note on a finding that covers (or relates to) the peak line.
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';
import type { Family, Finding } from '../core/rule';
import { SOURCE, toDiagnosticData, type Span } from './diagnosticData';
import { docsLocation } from './docs';
import type { PeakNotes } from './protocol';

export function rangeOf(s: Span): Range {
  return { start: { line: s.startLine, character: s.startCharacter }, end: { line: s.endLine, character: s.endCharacter } };
}

export function spanOfRange(r: Range): Span {
  return { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character };
}

function relatedOf(finding: Finding, uri: string): DiagnosticRelatedInformation[] {
  return (finding.related ?? []).map((r) => ({
    location: {
      uri: r.file ? pathToFileURL(r.file).href : uri,
      range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } },
    },
    message: r.message,
  }));
}

/** `uri`: the document's. `notes`: the tracker's notes for it (0-based lines). */
export function toDiagnostic(finding: Finding, family: Family, uri: string, notes: PeakNotes['notes'] = []): Diagnostic {
  const data = toDiagnosticData(finding);
  const range = rangeOf(data.span);
  const diagnostic: Diagnostic = {
    range,
    severity: data.severity,
    source: SOURCE,
    code: data.rule,
    codeDescription: { href: docsLocation(family, data.rule) },
    message: data.message,
  };
  const related = relatedOf(finding, uri);
  if (related.length) diagnostic.relatedInformation = related;
  // A finding carries the note when the peak line is one of its lines, or a line it relates to in this file (a use).
  const lines = [range, ...finding.related?.flatMap((r, i) => (r.file ? [] : [related[i].location.range])) ?? []];
  const note = notes.find((n) => lines.some((r) => n.line >= r.start.line && n.line <= r.end.line));
  if (note) diagnostic.message += `\n${note.note}`;
  return diagnostic;
}

/** The rule id of one of memlint's diagnostics (as a client sends it back in a code action request), or undefined. */
export function ruleOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}
