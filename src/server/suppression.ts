// The "disable memlint rule X for this line" edit, as the core's suppression comments read it (src/core/suppress.ts):
//   Python: `code  # memlint: ignore[rule-id]` at the end of the line, merged into an existing memlint comment;
//   JS/TS:  `// memlint-disable-next-line rule-id` on its own line above, with the line's indentation,
//           merged into an existing such comment on the line above.
import { familyOf, type Edit, type Finding, type LanguageId } from '../core/rule';
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

const PY_LIST = /#\s*memlint:\s*ignore\[([^\]]*)\]\s*$/;
const PY_ALL = /#\s*memlint:\s*ignore\s*$/;

function pythonEdit(text: string, f: Where): Edit | undefined {
  const lines = new LineIndex(text);
  const lineText = (n: number) => text.slice(lines.lineStart(n), lines.lineEnd(n));
  // A comment cannot follow a backslash continuation; the core also reads a suppression on the finding's last line.
  let line = f.line;
  if (/\\\s*$/.test(lineText(line))) {
    if (f.endLine === f.line || /\\\s*$/.test(lineText(f.endLine))) return undefined;
    line = f.endLine;
  }
  const start = lines.lineStart(line);
  const content = lineText(line);
  const list = PY_LIST.exec(content);
  if (list) {
    const ids = list[1].trim() === '' ? undefined : merged(list[1], f.rule);
    if (ids === undefined) return undefined; // empty brackets or the rule listed: already suppressed
    const at = start + list.index + list[0].indexOf('[') + 1;
    return { start: at, end: at + list[1].length, text: ids };
  }
  if (PY_ALL.test(content)) return undefined;
  const code = content.replace(/\s+$/, '');
  return { start: start + code.length, end: start + content.length, text: `  # memlint: ignore[${f.rule}]` };
}

const JS_NEXT = /^(\s*\/\/\s*memlint-disable-next-line\b)(.*?)(\s--\s.*)?$/;

function jsEdit(text: string, f: Where): Edit | undefined {
  const lines = new LineIndex(text);
  const start = lines.lineStart(f.line);
  if (f.line > 1) {
    const prevStart = lines.lineStart(f.line - 1);
    const prev = JS_NEXT.exec(text.slice(prevStart, lines.lineEnd(f.line - 1)));
    if (prev) {
      if (prev[2].trim() === '') return undefined; // disables every rule already
      const ids = merged(prev[2], f.rule);
      if (ids === undefined) return undefined;
      const at = prevStart + prev[1].length;
      return { start: at, end: at + prev[2].length, text: ` ${ids}` };
    }
  }
  return { start, end: start, text: `${indentAt(text, start)}// memlint-disable-next-line ${f.rule}${lineBreakOf(text)}` };
}
