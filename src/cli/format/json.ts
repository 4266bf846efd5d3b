// --format json: one array, 1-based positions (columns in UTF-16 code units, end exclusive).
import type { Edit, Fix } from '../../core/rule';
import type { LineIndex } from '../../core/text';
import { arrayDocument, type ArrayDocument } from './stream';
import type { FileFindings } from './types';

export interface JsonEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export function editPosition(lines: LineIndex, e: Edit): JsonEdit {
  const start = lines.position(e.start);
  const end = lines.position(e.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, text: e.text };
}

export function jsonFix(lines: LineIndex, fix: Fix) {
  return { title: fix.title, safety: fix.safety, edits: fix.edits.map((e) => editPosition(lines, e)) };
}

/** One checked file's findings as elements of the JSON array. */
export function jsonFindings({ file, lines, findings }: FileFindings): object[] {
  return findings.map((f) => ({
    file,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fixes: f.fixes.map((fix) => jsonFix(lines, fix)),
    related: (f.related ?? []).map((r) => ({ file: r.file ?? file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message: r.message })),
  }));
}

/** The JSON document: one array of every file's findings. */
export function jsonDocument(): ArrayDocument {
  return arrayDocument([]);
}
