// A Ruff-style code frame: the lines of a finding with its span underlined.
import type { Finding } from '../core/rule';
import { LineIndex } from '../core/text';
import { escapeControls } from './format/escape';

/** Lines wider than this are cut to this many columns around the finding (a minified file, a generated line). */
export const FRAME_COLUMNS = 160;
/** Columns kept before the finding's start when a line is cut. */
const LEAD = 40;

/** A line's text from column `start` (escaped columns), at most FRAME_COLUMNS of it, with … where it was cut. */
function clip(text: string, start: number): string {
  if (!text) return text;
  const head = start > 0 ? '…' : '';
  return head + text.slice(start, start + FRAME_COLUMNS) + (text.length > start + FRAME_COLUMNS ? '…' : '');
}

export function codeFrame(lines: LineIndex, f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, context = 1): string {
  const first = Math.max(1, f.line - context);
  const last = Math.min(lines.lineCount, f.endLine + context);
  const width = String(last).length;
  const gutter = (n?: number) => `${n === undefined ? ''.padStart(width) : String(n).padStart(width)} |`;
  const rawLine = (n: number) => lines.text.slice(lines.lineStart(n), lines.lineEnd(n)).replace(/\t/g, ' ');
  // Columns in an escaped line: an escaped character takes several.
  const at = (raw: string, column: number) => escapeControls(raw.slice(0, column)).length;
  // One window for every line of the frame, so that they stay aligned: from the start unless the finding is far right.
  const findingAt = at(rawLine(f.line), f.column - 1);
  const start = findingAt + LEAD < FRAME_COLUMNS ? 0 : findingAt - LEAD;
  const shift = start > 0 ? 1 : 0; // the leading …
  const out = [gutter()];
  for (let n = first; n <= last; n++) {
    const raw = rawLine(n);
    const text = escapeControls(raw);
    out.push(`${gutter(n)} ${clip(text, start)}`.trimEnd());
    if (n >= f.line && n <= f.endLine) {
      const from = n === f.line ? findingAt : text.length - text.trimStart().length;
      const to = n === f.endLine ? at(raw, f.endColumn - 1) : text.length;
      const a = Math.max(from - start, 0);
      const b = Math.min(to - start, FRAME_COLUMNS);
      if (b > a) out.push(`${gutter()} ${' '.repeat(a + shift)}${'^'.repeat(b - a)}`);
    }
  }
  out.push(gutter());
  return out.join('\n');
}
