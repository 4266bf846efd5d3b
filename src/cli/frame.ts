// A Ruff-style code frame: the lines of a finding with its span underlined.
import type { Finding } from '../core/rule';
import { LineIndex } from '../core/text';
import { escapeControls } from './format/escape';

export function codeFrame(lines: LineIndex, f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, context = 1): string {
  const first = Math.max(1, f.line - context);
  const last = Math.min(lines.lineCount, f.endLine + context);
  const width = String(last).length;
  const gutter = (n?: number) => `${n === undefined ? ''.padStart(width) : String(n).padStart(width)} |`;
  const out = [gutter()];
  for (let n = first; n <= last; n++) {
    const raw = lines.text.slice(lines.lineStart(n), lines.lineEnd(n)).replace(/\t/g, ' ');
    const text = escapeControls(raw);
    out.push(`${gutter(n)} ${text}`.trimEnd());
    if (n >= f.line && n <= f.endLine) {
      // Columns in the escaped line: an escaped character takes several.
      const at = (column: number) => escapeControls(raw.slice(0, column)).length;
      const from = n === f.line ? at(f.column - 1) : text.length - text.trimStart().length;
      const to = n === f.endLine ? at(f.endColumn - 1) : text.length;
      if (to > from) out.push(`${gutter()} ${' '.repeat(from)}${'^'.repeat(to - from)}`);
    }
  }
  out.push(gutter());
  return out.join('\n');
}
