// Suppression comments.
//   Python:  x = f.read()  # memlint: ignore            (every rule on this line)
//            x = f.read()  # memlint: ignore[rule-a, rule-b]
//   JS/TS:   // memlint-disable-next-line rule-a, rule-b
//            x = fs.readFileSync(p)  // memlint-disable-line      (every rule)
import type { Finding } from './rule';

/** Rules suppressed per 1-based line; `null` means every rule. */
export type Suppressions = Map<number, Set<string> | null>;

function add(map: Suppressions, line: number, ids: string[] | null): void {
  if (ids === null || ids.length === 0) return void map.set(line, null);
  const current = map.get(line);
  if (current === null) return;
  map.set(line, new Set([...(current ?? []), ...ids]));
}

function ids(list: string | undefined): string[] | null {
  const parsed = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return parsed.length ? parsed : null;
}

const SPACE = /\s/;

/** The `# memlint: ignore` or `# memlint: ignore[a, b]` that ends `comment`: where it starts, and the id list's span. */
export interface PythonIgnore {
  start: number;
  /** [start, end) of what the brackets hold; absent for a bare `ignore`. */
  list?: { start: number; end: number };
}

/**
 * What `/#\s*memlint:\s*ignore(?:\[([^\]]*)\])?\s*$/` finds in `comment` (the leftmost `#` that starts one), in
 * time linear in its length: a line of many `# memlint: ignore[` does not rescan its rest from each.
 */
export function pythonIgnore(comment: string): PythonIgnore | undefined {
  const end = comment.trimEnd().length;
  // For the bracketed form: the last `]` ends it, and no other `]` may come after the `[`.
  const lastClose = comment[end - 1] === ']' ? comment.lastIndexOf(']', end - 2) : -1;
  for (let hash = comment.indexOf('#'); hash !== -1; hash = comment.indexOf('#', hash + 1)) {
    let i = hash + 1;
    while (i < comment.length && SPACE.test(comment[i])) i++;
    if (!comment.startsWith('memlint:', i)) continue;
    i += 'memlint:'.length;
    while (i < comment.length && SPACE.test(comment[i])) i++;
    if (!comment.startsWith('ignore', i)) continue;
    i += 'ignore'.length;
    if (i >= end) return { start: hash };
    if (comment[i] === '[' && comment[end - 1] === ']' && end - 1 > i && lastClose < i) return { start: hash, list: { start: i + 1, end: end - 1 } };
  }
  return undefined;
}

/** `comments`: each comment's text and 1-based line (taken from the parse, so strings never count). */
export function pythonSuppressions(comments: Iterable<{ text: string; line: number }>): Suppressions {
  const map: Suppressions = new Map();
  for (const c of comments) {
    const m = pythonIgnore(c.text);
    if (m) add(map, c.line, ids(m.list && c.text.slice(m.list.start, m.list.end)));
  }
  return map;
}

const JS = /^\s*memlint-disable-(next-line|line)\b([^]*)$/;

/** `comments`: each comment's body (without // or /* *\/) and its 1-based start and end lines. */
export function jsSuppressions(comments: Iterable<{ body: string; line: number; endLine: number }>): Suppressions {
  const map: Suppressions = new Map();
  for (const c of comments) {
    const m = JS.exec(c.body);
    if (!m) continue;
    const list = m[2].split(/\s--\s/)[0]; // "-- reason" is a description, as in ESLint
    add(map, m[1] === 'line' ? c.line : c.endLine + 1, ids(list));
  }
  return map;
}

export function isSuppressed(map: Suppressions, f: Finding): boolean {
  for (const line of f.line === f.endLine ? [f.line] : [f.line, f.endLine]) {
    if (!map.has(line)) continue;
    const rules = map.get(line);
    if (rules === null || rules?.has(f.rule)) return true;
  }
  return false;
}
