// The editor integration's logic that needs no editor: diagnostics data, the fix store, quick fixes,
// suppression comments (checked against the core's own suppression reading) and the fix-all diff.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../src/core/fixes';
import { lint } from './support/lint';
import { defineRule, type Finding, type Fix, type JsRule, type LanguageId, type PythonRule } from '../src/core/rule';
import { DEFAULTS } from '../src/core/settings';
import { findingKey, spanOf, toDiagnosticData } from '../src/server/diagnosticData';
import { FixStore } from '../src/server/fixStore';
import { quickFixesFor } from '../src/server/quickFixes';
import { suppressionEdit } from '../src/server/suppression';
import { minimalEdit } from '../src/core/textDiff';

function finding(over: Partial<Finding> = {}): Finding {
  return { rule: 'whole-file-read', severity: 'warning', message: 'm', line: 2, column: 5, endLine: 2, endColumn: 13, start: 0, end: 0, fixes: [], ...over };
}

/** Test rules that flag every `MARK` (the real rules are tested by the rule harness). */
const pyMark: PythonRule = defineRule({
  meta: { id: 'test-mark', family: 'python', description: 'test', defaultLevel: 'warning', fixable: 'none' },
  check(ctx) {
    for (let i = ctx.text.indexOf('MARK'); i !== -1; i = ctx.text.indexOf('MARK', i + 1)) {
      if (ctx.root.descendantForIndex(i, i + 1)?.type === 'identifier') ctx.report({ start: i, end: i + 4, message: 'mark' });
    }
  },
});
const jsMark: JsRule = defineRule({
  meta: { id: 'test-mark', family: 'javascript', description: 'test', defaultLevel: 'warning', fixable: 'none' },
  check(ctx) {
    for (let i = ctx.text.indexOf('MARK'); i !== -1; i = ctx.text.indexOf('MARK', i + 1)) ctx.report({ start: i, end: i + 4, message: 'mark' });
  },
});

async function marks(text: string, language: LanguageId): Promise<Finding[]> {
  const result = await lint(text, language, DEFAULTS, { rules: [language === 'python' ? pyMark : jsMark] });
  assert.equal(result.syntaxError, undefined, `fixture must parse: ${JSON.stringify(result.syntaxError)}`);
  return result.findings;
}

/** Apply the suppression for the first finding and check with the core that the finding is gone and the rest stays. */
async function suppress(text: string, language: LanguageId, nth = 0): Promise<string> {
  const before = await marks(text, language);
  const target = before[nth];
  const edit = suppressionEdit(text, language, { ...target, rule: 'test-mark' });
  assert.ok(edit, 'an edit is offered');
  const out = applyEdits(text, [edit]);
  const after = await marks(out, language);
  assert.equal(after.length, before.length - 1, `exactly the target is suppressed in:\n${out}`);
  return out;
}

describe('editor: diagnostics data', () => {
  it('maps 1-based findings to 0-based ranges and LSP severities', () => {
    assert.deepEqual(toDiagnosticData(finding({ severity: 'hint', line: 3, column: 1, endLine: 4, endColumn: 7 })), {
      span: { startLine: 2, startCharacter: 0, endLine: 3, endCharacter: 6 },
      severity: 4,
      message: 'm',
      rule: 'whole-file-read',
    });
    const sev = (severity: Finding['severity']) => toDiagnosticData(finding({ severity })).severity;
    assert.deepEqual([sev('error'), sev('warning'), sev('information'), sev('hint')], [1, 2, 3, 4]);
  });
});

describe('editor: fix store', () => {
  const fix: Fix = { title: 'Stream it', safety: 'safe', edits: [{ start: 1, end: 2, text: 'x' }] };
  const f = finding({ fixes: [fix] });
  it('finds a finding by rule, range and document version (or the linted text)', () => {
    const store = new FixStore();
    const linted = 'data = f.read()\n';
    const same = () => linted;
    const edited = () => 'data = f.read()\nx = 1\n';
    store.set('file:///a.py', 3, linted, [f]);
    assert.equal(store.get('file:///a.py', 3, f.rule, spanOf(f), edited), f, 'same version: the text is not even read');
    assert.equal(store.get('file:///a.py', 4, f.rule, spanOf(f), edited), undefined, 'a later version with other text');
    assert.equal(store.get('file:///a.py', 5, f.rule, spanOf(f), same), f, 'a later version with the linted text');
    assert.equal(store.get('file:///a.py', 5, 'other-rule', spanOf(f), same), undefined, 'other rule');
    assert.equal(store.get('file:///a.py', 5, f.rule, { ...spanOf(f), endCharacter: 99 }, same), undefined, 'other range');
    assert.equal(store.get('file:///b.py', 5, f.rule, spanOf(f), same), undefined, 'other document');
    store.delete('file:///a.py');
    assert.equal(store.get('file:///a.py', 5, f.rule, spanOf(f), same), undefined, 'deleted');
  });
  it('keys two rules on the same range apart', () => {
    assert.notEqual(findingKey('a', spanOf(f)), findingKey('b', spanOf(f)));
  });
});

describe('editor: quick fixes', () => {
  const safe: Fix = { title: 'Iterate the file', safety: 'safe', edits: [{ start: 0, end: 1, text: 'y' }] };
  const unsafe: Fix = { title: 'Read lazily', safety: 'unsafe', edits: [{ start: 0, end: 1, text: 'z' }] };
  const text = 'x = 1\ndata = f.read()\n';

  it('offers the fixes, the first safe one preferred, unsafe ones saying so; then disable and docs', () => {
    const q = quickFixesFor(finding({ fixes: [unsafe, safe] }), text, 'python');
    assert.deepEqual(
      q.map((a) => [a.kind, a.title, a.isPreferred]),
      [
        ['fix', 'Read lazily (unsafe)', false],
        ['fix', 'Iterate the file', true],
        ['disable', 'Disable memlint rule whole-file-read for this line', false],
        ['docs', 'Show documentation for memlint rule whole-file-read', false],
      ],
    );
  });
  it('prefers nothing when every fix is unsafe', () => {
    assert.ok(quickFixesFor(finding({ fixes: [unsafe] }), text, 'python').every((a) => !a.isPreferred));
  });
  it('offers only disable and docs for a finding without fixes', () => {
    assert.deepEqual(quickFixesFor(finding(), text, 'python').map((a) => a.kind), ['disable', 'docs']);
  });
});

describe('editor: suppression comments', () => {
  it('Python: appends # memlint: ignore[rule] at the end of the line', async () => {
    assert.equal(await suppress('a = 1\nb = MARK(1)   \nc = MARK\n', 'python'), 'a = 1\nb = MARK(1)  # memlint: ignore[test-mark]\nc = MARK\n');
  });
  it('Python: merges into an existing memlint comment', async () => {
    const out = await suppress('b = MARK(1)  # memlint: ignore[other-rule]\n', 'python');
    assert.equal(out, 'b = MARK(1)  # memlint: ignore[other-rule, test-mark]\n');
  });
  it('Python: keeps another tool\'s comment and CRLF line breaks', async () => {
    assert.equal(await suppress('b = MARK(1)  # noqa\r\nc = 2\r\n', 'python'), 'b = MARK(1)  # noqa  # memlint: ignore[test-mark]\r\nc = 2\r\n');
  });
  it('Python: a # inside a string is not a comment to merge into', async () => {
    assert.equal(await suppress('b = MARK("# memlint: ignore[x]")\n', 'python'), 'b = MARK("# memlint: ignore[x]")  # memlint: ignore[test-mark]\n');
  });
  it('Python: after a backslash continuation, comments the finding\'s last line', async () => {
    const text = 'b = MARK + \\\n    MARK\n';
    const [first] = await marks(text, 'python');
    const multi = { ...first, rule: 'test-mark', endLine: 2 };
    const edit = suppressionEdit(text, 'python', multi)!;
    assert.equal(applyEdits(text, [edit]), 'b = MARK + \\\n    MARK  # memlint: ignore[test-mark]\n');
    assert.equal(suppressionEdit(text, 'python', { ...multi, endLine: 1 }), undefined, 'no place for a comment');
  });
  it('Python: nothing to add when the rule is listed already', () => {
    assert.equal(suppressionEdit('b = x  # memlint: ignore[test-mark]\n', 'python', { rule: 'test-mark', line: 1, endLine: 1 }), undefined);
    assert.equal(suppressionEdit('b = x  # memlint: ignore\n', 'python', { rule: 'test-mark', line: 1, endLine: 1 }), undefined);
  });
  it('JS/TS: inserts // memlint-disable-next-line above, with the line\'s indentation', async () => {
    const text = 'function f() {\n\t  const a = MARK;\n}\n';
    assert.equal(await suppress(text, 'typescript'), 'function f() {\n\t  // memlint-disable-next-line test-mark\n\t  const a = MARK;\n}\n');
  });
  it('JS/TS: on the first line, with CRLF', async () => {
    assert.equal(await suppress('MARK();\r\nx();\r\n', 'javascript'), '// memlint-disable-next-line test-mark\r\nMARK();\r\nx();\r\n');
  });
  it('JS/TS: merges into the comment above, keeping its -- reason', async () => {
    const text = '  // memlint-disable-next-line other -- small file\n  MARK();\n';
    assert.equal(await suppress(text, 'javascriptreact'), '  // memlint-disable-next-line other, test-mark -- small file\n  MARK();\n');
  });
  it('JS/TS: nothing to add when the comment above disables the rule or every rule', () => {
    const at = { rule: 'test-mark', line: 2, endLine: 2 };
    assert.equal(suppressionEdit('// memlint-disable-next-line test-mark\nMARK;\n', 'javascript', at), undefined);
    assert.equal(suppressionEdit('// memlint-disable-next-line\nMARK;\n', 'javascript', at), undefined);
  });
});

describe('editor: fix-all diff', () => {
  const roundTrip = (a: string, b: string) => {
    const e = minimalEdit(a, b);
    assert.equal(e ? applyEdits(a, [e]) : a, b);
    return e;
  };
  it('replaces only the changed middle', () => {
    assert.deepEqual(roundTrip('abc\ndata = f.read()\nxyz', 'abc\nfor line in f:\nxyz'), { start: 4, end: 19, text: 'for line in f:' });
    assert.equal(roundTrip('same', 'same'), undefined);
    roundTrip('', 'new');
    roundTrip('old', '');
  });
  it('finds the same region as a character-by-character scan, in texts longer than its comparison chunks', () => {
    const reference = (a: string, b: string) => {
      let start = 0;
      while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++;
      let end = 0;
      while (end < Math.min(a.length, b.length) - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
      return { start, end: a.length - end };
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: random(5000) }, () => 'ab \n'[random(4)]).join('');
      const at = random(a.length + 1);
      const cut = random(Math.min(50, a.length - at) + 1);
      const b = a.slice(0, at) + 'ba\n'.slice(0, random(4)) + a.slice(at + cut);
      const e = roundTrip(a, b);
      if (a !== b) assert.deepEqual({ start: e!.start, end: e!.end }, reference(a, b), `round ${round}`);
    }
  });
  it('never splits a surrogate pair or a CRLF', () => {
    const e = roundTrip('a😀b', 'a😃b')!;
    assert.equal(e.start, 1);
    assert.equal(e.text, '😃');
    const crlf = roundTrip('x\r\ny', 'x\ny')!;
    assert.ok(crlf.start <= 1, 'starts before the \\r');
  });
});
