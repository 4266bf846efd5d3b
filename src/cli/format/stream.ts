// JSON documents written as files finish: the array of findings is streamed, element by element, and the bytes are
// exactly those of JSON.stringify(document, null, 2) on the whole (so output does not depend on how it was produced).
import { jsonSafe } from './escape';

/** A document whose one array (empty in `skeleton`) is filled while writing. */
export interface ArrayDocument {
  /** Up to and including the array's opening bracket and newline. */
  head: string;
  /** From the newline before the array's closing bracket to the end. */
  tail: string;
  /** The whole document when the array stays empty. */
  empty: string;
  /** The array's indentation: elements are indented by this plus two spaces. */
  indent: number;
}

const MARKER = 'memlint:array:9c1e';
const MARK = JSON.stringify(MARKER);

/**
 * The document `skeleton` with the empty array at `at` (a path of keys; the root itself when empty) streamed in.
 * Text is made terminal-safe as the CLI prints all JSON (jsonSafe).
 */
export function arrayDocument(skeleton: unknown, at: (string | number)[] = []): ArrayDocument {
  const empty = jsonSafe(JSON.stringify(skeleton, null, 2)) + '\n';
  // Put a marker in the array, find its line: what stands before it is the head, after it the tail.
  const marked = structuredClone(skeleton) as Record<string | number, unknown>;
  let holder: Record<string | number, unknown> = { root: marked };
  let key: string | number = 'root';
  for (const k of at) {
    holder = holder[key] as Record<string | number, unknown>;
    key = k;
  }
  (holder[key] as unknown[]).push(MARKER);
  const text = jsonSafe(JSON.stringify(marked, null, 2)) + '\n';
  const line = text.indexOf(MARK);
  const lineStart = text.lastIndexOf('\n', line) + 1;
  const indent = line - lineStart - 2;
  return { head: text.slice(0, lineStart), tail: text.slice(line + MARK.length), empty, indent };
}

/** One array element as it stands in the document: stringified, terminal-safe, indented. */
export function arrayElement(value: unknown, doc: ArrayDocument): string {
  const pad = ' '.repeat(doc.indent + 2);
  return jsonSafe(JSON.stringify(value, null, 2)).replace(/^/gm, pad);
}

/** Writes a document as its elements come: the head before the first, separators between, the tail at the end. */
export class ArrayWriter {
  private started = false;

  constructor(
    private readonly doc: ArrayDocument,
    private readonly write: (text: string) => void,
  ) {}

  add(elements: readonly string[]): void {
    if (elements.length === 0) return;
    this.write((this.started ? ',\n' : this.doc.head) + elements.join(',\n'));
    this.started = true;
  }

  end(): void {
    this.write(this.started ? this.doc.tail : this.doc.empty);
  }
}
