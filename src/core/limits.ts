// The size limits every host applies before a parser sees a document. A huge or dense file can exhaust a parser
// (tree-sitter's wasm memory stops at 2 GB, near 200 bytes per character of dense input; typescript-estree takes up to
// ~800 bytes per character of V8 heap), and a line of minified code is not worth linting or printing.
import type { Settings } from './settings';

export type Limits = Pick<Settings, 'maxFileSizeKb' | 'maxLineLength'>;

export type OverSize = { limit: 'size'; size: number; maxKb: number };
export type OverLineLength = { limit: 'line-length'; line: number; length: number; max: number };
/** Why a document was skipped: its size (in characters) or its longest line is over the limit. */
export type OverLimit = OverSize | OverLineLength;

/** What each host calls the two limits (a CLI flag, an editor setting), for its messages. */
export interface LimitNames {
  size: string;
  lineLength: string;
}

/** The size check alone: the CLI also applies it to a file's size on disk before reading it. */
export function overSizeLimit(size: number, limits: Limits): OverSize | undefined {
  return size > limits.maxFileSizeKb * 1024 ? { limit: 'size', size, maxKb: limits.maxFileSizeKb } : undefined;
}

/** The first limit `text` is over, if any. Sizes and lengths count UTF-16 code units (characters, for most text). */
export function overLimit(text: string, limits: Limits): OverLimit | undefined {
  const bySize = overSizeLimit(text.length, limits);
  if (bySize) return bySize;
  if (text.length <= limits.maxLineLength) return undefined;
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > limits.maxLineLength) return { limit: 'line-length', line, length: stop - start, max: limits.maxLineLength };
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

const MB = 1024 * 1024;
const count = (n: number) => n.toLocaleString('en-US');

/** "20.1 MB is over the 2 MB limit (--max-file-size)", "line 3 has 150,000 characters, over the 100,000 limit (…)". */
export function describeOverLimit(over: OverLimit, names: LimitNames): string {
  if (over.limit === 'line-length') {
    return `line ${count(over.line)} has ${count(over.length)} characters, over the ${count(over.max)} limit (${names.lineLength})`;
  }
  // Rounded up: a size just over the limit never reads as equal to it.
  const size = over.size >= MB ? `${(Math.ceil((over.size / MB) * 10) / 10).toFixed(1)} MB` : `${Math.ceil(over.size / 1024)} KB`;
  const max = over.maxKb % 1024 === 0 ? `${over.maxKb / 1024} MB` : `${count(over.maxKb)} KB`;
  return `${size} is over the ${max} limit (${names.size})`;
}
