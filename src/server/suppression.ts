// The "disable memlint rule X for this line" edit, as the core's suppression comments read it (src/core/suppress.ts):
//   Python: `code  # memlint: ignore[rule-id]` at the end of the line, merged into an existing memlint comment;
//   JS/TS:  `// memlint-disable-next-line rule-id` on its own line above, with the line's indentation,
//           merged into an existing such comment on the line above.
import { familyOf, type Edit, type Finding, type LanguageId } from '../core/rule';
import { pythonIgnore } from '../core/suppress';
import { indentAt, lineBreakOf, LineIndex } from '../core/text';

type Where = Pick<Finding, 'rule' | 'line' | 'endLine'>;

/** The edit that suppresses `finding`'s rule on its line, or undefined when no comment can (or needs to) be added. */
export function suppressionEdit(text: string, language: LanguageId, finding: Where): Edit | undefined {
  return familyOf(language) === 'python' ? pythonEdit(text, finding) : jsEdit(text, finding);
}

/** Add `rule` to a comma-separated id list; undefined when it is already there. */
function merged(list: string, rule: string): string | undefined {
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.includes(rule)) return undefined;
  return [...ids, rule].join(', ');
}

function pythonEdit(text: string, f: Where): Edit | undefined {
  const lines = new LineIndex(text);
  const lineText = (n: number) => text.slice(lines.lineStart(n), lines.lineEnd(n));
  // A comment cannot follow a backslash continuation; the core also reads a suppression on the finding's last line.
  const continued = (n: number) => lineText(n).trimEnd().endsWith('\\');
  let line = f.line;
  if (continued(line)) {
    if (f.endLine === f.line || continued(f.endLine)) return undefined;
    line = f.endLine;
  }
  const start = lines.lineStart(line);
  const content = lineText(line);
  const ignore = pythonIgnore(content);
  if (ignore?.list) {
    const list = content.slice(ignore.list.start, ignore.list.end);
    const ids = list.trim() === '' ? undefined : merged(list, f.rule);
    if (ids === undefined) return undefined; // empty brackets or the rule listed: already suppressed
    return { start: start + ignore.list.start, end: start + ignore.list.end, text: ids };
  }
  if (ignore) return undefined;
  const code = content.trimEnd();
  return { start: start + code.length, end: start + content.length, text: `  # memlint: ignore[${f.rule}]` };
}

const JS_NEXT_HEAD = /^\s*\/\/\s*memlint-disable-next-line\b/;
const SPACE = /\s/;

/**
 * A `// memlint-disable-next-line ids -- reason` line: the head, the id list, and the description if any, as
 * `/^(\s*\/\/\s*memlint-disable-next-line\b)(.*?)(\s--\s.*)?$/` splits it, in time linear in the line's length.
 */
function disableNextLine(line: string): [head: string, list: string] | undefined {
  const head = JS_NEXT_HEAD.exec(line);
  if (!head) return undefined;
  const from = head[0].length;
  // `.` stops at line terminators: the list ends before the first one, the description after the last one.
  const terminator = /[\n\r\u2028\u2029]/g;
  terminator.lastIndex = from;
  const first = terminator.exec(line)?.index ?? line.length;
  let last = first;
  for (let m = terminator.exec(line); m; m = terminator.exec(line)) last = m.index;
  for (let dash = line.indexOf('--', from + 1); dash !== -1 && dash - 1 <= first; dash = line.indexOf('--', dash + 1)) {
    const after = dash + 2;
    if (SPACE.test(line[dash - 1]) && after < line.length && SPACE.test(line[after]) && (first === line.length || last < after + 1)) {
      return [head[0], line.slice(from, dash - 1)];
    }
  }
  return first === line.length ? [head[0], line.slice(from)] : undefined;
}

function jsEdit(text: string, f: Where): Edit | undefined {
  const lines = new LineIndex(text);
  const start = lines.lineStart(f.line);
  if (f.line > 1) {
    const prevStart = lines.lineStart(f.line - 1);
    const prev = disableNextLine(text.slice(prevStart, lines.lineEnd(f.line - 1)));
    if (prev) {
      const [head, list] = prev;
      if (list.trim() === '') return undefined; // disables every rule already
      const ids = merged(list, f.rule);
      if (ids === undefined) return undefined;
      const at = prevStart + head.length;
      return { start: at, end: at + list.length, text: ` ${ids}` };
    }
  }
  return { start, end: start, text: `${indentAt(text, start)}// memlint-disable-next-line ${f.rule}${lineBreakOf(text)}` };
}
