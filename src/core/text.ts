// Offsets <-> 1-based line/column. Columns count UTF-16 code units, as VS Code, ESLint and SARIF do.

export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }

  /** UTF-16 offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    return Math.min(this.starts[l - 1] + Math.max(0, column - 1), this.text.length);
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(1, Math.min(line, this.starts.length)) - 1];
  }

  /** Offset of the end of a 1-based line, before its line break (\n or \r\n). */
  lineEnd(line: number): number {
    const l = Math.max(1, Math.min(line, this.starts.length));
    if (l === this.starts.length) return this.text.length;
    const next = this.starts[l];
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }
}

/** The line break a file uses most (so inserted lines match it). */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** `text` in slices of at most `size` UTF-16 units, none ending between the halves of a surrogate pair. */
export function* slices(text: string, size: number): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff && end - at > 1) end--;
    yield text.slice(at, end);
    at = end;
  }
}
