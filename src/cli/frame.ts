// A Ruff-style code frame: the lines of a finding with its span underlined.
import type { Finding } from '../core/rule';
import { LineIndex } from '../core/text';

export function codeFrame(lines: LineIndex, f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, context = 1): string {
  const first = Math.max(1, f.line - context);
  const last = Math.min(lines.lineCount, f.endLine + context);
  const width = String(last).length;
  const gutter = (n?: number) => `${n === undefined ? ''.padStart(width) : String(n).padStart(width)} |`;
  const out = [gutter()];
  for (let n = first; n <= last; n++) {
    const text = lines.text.slice(lines.lineStart(n), lines.lineEnd(n)).replace(/\t/g, ' ');
    out.push(`${gutter(n)} ${text}`.trimEnd());
    if (n >= f.line && n <= f.endLine) {
      const from = n === f.line ? f.column - 1 : text.length - text.trimStart().length;
      const to = n === f.endLine ? f.endColumn - 1 : text.length;
      if (to > from) out.push(`${gutter()} ${' '.repeat(from)}${'^'.repeat(to - from)}`);
    }
  }
  out.push(gutter());
  return out.join('\n');
}
