// The core's machinery, independent of any real rule: positions, edits, settings, suppression, crash isolation.
import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../src/core/fixes';
import { lint } from './support/lint';
import { parseJs } from '../src/core/parsers/javascript';
import { loadPython, parsePython, PythonDocument } from '../src/core/parsers/python';
import { defineRule, type Fix, type JsRule, type PythonRule } from '../src/core/rule';
import { DEFAULTS, normalize } from '../src/core/settings';
import { LineIndex, lineBreakOf, indentAt } from '../src/core/text';

/** A test rule reporting every call to `name(...)` (Python) or identifier `name` (JS). */
function pyCalls(id: string, name: string, fixes: (start: number, end: number) => Fix[] = () => []): PythonRule {
  return defineRule({
    meta: { id, family: 'python', description: 'test', defaultLevel: 'warning', fixable: 'safe' },
    check(ctx) {
      const re = new RegExp(`\\b${name}\\(\\)`, 'g');
      for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
        const node = ctx.root.descendantForIndex(m.index, m.index + 1);
        if (node?.type === 'identifier') ctx.report({ start: m.index, end: m.index + m[0].length, message: `${name} called`, fixes: fixes(m.index, m.index + m[0].length) });
      }
    },
  });
}

const jsIdent = (id: string, name: string): JsRule =>
  defineRule({
    meta: { id, family: 'javascript', description: 'test', defaultLevel: 'warning', fixable: 'none' },
    check(ctx) {
      for (let i = ctx.text.indexOf(name); i !== -1; i = ctx.text.indexOf(name, i + 1)) ctx.report({ start: i, end: i + name.length, message: `${name} used` });
    },
  });

describe('LineIndex', () => {
  const text = 'ab\r\ncd\n\né😀x';
  const lines = new LineIndex(text);
  it('maps offsets to 1-based lines and UTF-16 columns', () => {
    assert.deepEqual(lines.position(0), { line: 1, column: 1 });
    assert.deepEqual(lines.position(4), { line: 2, column: 1 });
    assert.deepEqual(lines.position(text.indexOf('x')), { line: 4, column: 4 });
    assert.deepEqual(lines.position(999), { line: 4, column: 5 });
  });
  it('maps back, and finds line ends before \\r\\n', () => {
    assert.equal(lines.offset(4, 4), text.indexOf('x'));
    assert.equal(text.slice(lines.lineStart(1), lines.lineEnd(1)), 'ab');
    assert.equal(text.slice(lines.lineStart(3), lines.lineEnd(3)), '');
    assert.equal(lines.lineCount, 4);
  });
  it('knows line breaks and indentation', () => {
    assert.equal(lineBreakOf('a\r\nb'), '\r\n');
    assert.equal(lineBreakOf('a\nb\r\n'), '\n');
    assert.equal(indentAt('x\n    y = 1', 9), '    ');
  });
});

describe('applyFixes', () => {
  const fix = (title: string, ...edits: [number, number, string][]): Fix => ({ title, safety: 'safe', edits: edits.map(([start, end, text]) => ({ start, end, text })) });
  it('applies non-overlapping fixes and defers colliding ones', () => {
    const out = applyFixes('abcdef', [fix('a', [0, 2, 'X']), fix('b', [1, 3, 'Y']), fix('c', [4, 6, 'Z'])]);
    assert.equal(out.text, 'XcdZ');
    assert.deepEqual(out.applied.map((f) => f.title), ['a', 'c']);
    assert.deepEqual(out.skipped.map((f) => f.title), ['b']);
  });
  it('merges identical edits from two fixes (the same import added once)', () => {
    const out = applyFixes('x\ny\n', [fix('a', [0, 0, 'import c\n'], [0, 1, 'X']), fix('b', [0, 0, 'import c\n'], [2, 3, 'Y'])]);
    assert.equal(out.text, 'import c\nX\nY\n');
  });
  it('keeps an insertion before a replacement at the same offset', () => {
    assert.equal(applyEdits('abc', [{ start: 1, end: 2, text: 'X' }, { start: 1, end: 1, text: '>' }]), 'a>Xc');
  });
  it('refuses overlapping edits', () => assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])));
});

describe('settings', () => {
  it('cleans every field to its default when wrong', () => {
    assert.deepEqual(normalize({ enable: 'yes', strict: 1, rules: { a: 'loud', b: 'hint' }, debounceMs: -5, maxFileSizeKb: 'x', analysisBudgetMs: 1e9, exclude: ['**/gen/**', 3, ''], pythonPath: '  ', trackerIntervalMs: 1e9, trackerLimitMb: 512.4 }), {
      ...DEFAULTS,
      rules: { b: 'hint' },
      debounceMs: 0,
      analysisBudgetMs: 60_000,
      exclude: ['**/gen/**'],
      trackerIntervalMs: 10_000,
      trackerLimitMb: 512,
    });
    assert.deepEqual(normalize(undefined), { ...DEFAULTS, rules: {}, exclude: [] });
  });
});

describe('lint machinery', () => {
  const rule = pyCalls('t-read', 'read');
  it('reports 1-based positions with the rule level', async () => {
    const { findings } = await lint('x = 1\ny = read()\n', 'python', DEFAULTS, { rules: [rule] });
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.line, f.column, f.endLine, f.endColumn]), [['t-read', 'warning', 2, 5, 2, 11]]);
  });
  it('applies per-rule levels and off', async () => {
    const off = await lint('read()\n', 'python', normalize({ rules: { 't-read': 'off' } }), { rules: [rule] });
    assert.equal(off.findings.length, 0);
    const hint = await lint('read()\n', 'python', normalize({ rules: { 't-read': 'hint' } }), { rules: [rule] });
    assert.equal(hint.findings[0].severity, 'hint');
    const disabled = await lint('read()\n', 'python', normalize({ enable: false }), { rules: [rule] });
    assert.equal(disabled.findings.length, 0);
  });
  it('honours # memlint: ignore and ignore[ids] at the end of the line, not inside strings', async () => {
    const text = [
      'read()  # memlint: ignore',
      'read()  # memlint: ignore[t-read]',
      'read()  # memlint: ignore[other-rule]',
      'read(); s = "# memlint: ignore"',
      'read()\r',
    ].join('\n');
    const { findings } = await lint(text, 'python', DEFAULTS, { rules: [rule] });
    assert.deepEqual(findings.map((f) => f.line), [3, 4, 5]);
  });
  it('honours memlint-disable-line and memlint-disable-next-line in JS/TS', async () => {
    const r = jsIdent('t-qux', 'qux;');
    const text = ['qux; // memlint-disable-line', '// memlint-disable-next-line t-qux -- known', 'qux;', '/* memlint-disable-next-line other */', 'qux;', 'const s = "// memlint-disable-line"; qux;'].join('\n');
    const { findings } = await lint(text, 'typescript', DEFAULTS, { rules: [r] });
    assert.deepEqual(findings.map((f) => f.line), [5, 6]);
  });
  it('parses a JS/TS file once: with its comments when it holds a suppression, without them (taken on first use) otherwise', () => {
    const text = '// memlint-disable-next-line\nqux;\n';
    const suppressed = parseJs(text, 'typescript', true).ast!;
    assert.equal(typeof Object.getOwnPropertyDescriptor(suppressed, 'comments')?.get, 'undefined');
    assert.deepEqual(suppressed.comments?.map((c) => c.value), [' memlint-disable-next-line']);
    const plain = parseJs(text, 'typescript').ast!;
    assert.equal(typeof Object.getOwnPropertyDescriptor(plain, 'comments')?.get, 'function');
    assert.deepEqual(plain.comments?.map((c) => c.value), [' memlint-disable-next-line']);
  });
  it('keeps running the other rules when one throws, and says which', async () => {
    const boom = defineRule({ meta: { ...rule.meta, id: 't-boom' }, check: () => { throw new Error('kaboom'); } }) as PythonRule;
    const result = await lint('read()\n', 'python', DEFAULTS, { rules: [boom, rule] });
    assert.deepEqual(result.ruleErrors, [{ rule: 't-boom', message: 'kaboom' }]);
    assert.deepEqual(result.findings.map((f) => f.rule), ['t-read']);
  });
  it('skips the rules left once the file has used up its analysis budget, and says which', async () => {
    // A rule cannot be stopped mid-run: the budget is checked before each rule.
    const slow = defineRule({ meta: { ...rule.meta, id: 't-slow' }, check: () => { for (const until = performance.now() + 60; performance.now() < until; ); } }) as PythonRule;
    const result = await lint('read()\n', 'python', normalize({ analysisBudgetMs: 20 }), { rules: [slow, rule] });
    assert.deepEqual(result.outOfBudget, [{ rule: 't-read', message: "rule t-read skipped: the file's analysis budget of 20 ms was used up" }]);
    assert.deepEqual([result.findings, result.ruleErrors], [[], []]);
    const unlimited = await lint('read()\n', 'python', normalize({ analysisBudgetMs: 0 }), { rules: [slow, rule] });
    assert.deepEqual([unlimited.outOfBudget, unlimited.findings.map((f) => f.rule)], [[], ['t-read']]);
  });
  it("does not count against the budget the time spent getting other files' summaries from the project index", async () => {
    // The rule waits 60 ms for the index (another file being parsed and summarised): the project's work, kept.
    const project = { file: '/p/a.py', dependencies: new Map(), indexMs: 0, summary: () => undefined, exists: () => false, importers: () => ({ files: [], complete: true }) };
    const waiting = defineRule({
      meta: { ...rule.meta, id: 't-index' },
      check: () => {
        const start = performance.now();
        while (performance.now() < start + 60);
        project.indexMs += performance.now() - start;
      },
    }) as PythonRule;
    const result = await lint('read()\n', 'python', normalize({ analysisBudgetMs: 20 }), { rules: [waiting, rule], project });
    assert.deepEqual([result.outOfBudget, result.findings.map((f) => f.rule)], [[], ['t-read']]);
  });
  it('reports JS syntax errors instead of throwing, with their position', async () => {
    const result = await lint('const = 1;\n', 'javascript', DEFAULTS, { rules: [jsIdent('t', 'x')] });
    assert.equal(result.findings.length, 0);
    assert.equal(result.syntaxError?.line, 1);
  });
  it('checks Python with syntax errors but withholds fixes', async () => {
    const fixing = pyCalls('t-fix', 'read', (start, end) => [{ title: 'x', safety: 'safe', edits: [{ start, end, text: 'x' }] }]);
    const result = await lint('read()\ndef f(:\n', 'python', DEFAULTS, { rules: [fixing] });
    assert.equal(result.syntaxError?.line, 2);
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.findings[0].fixes, []);
  });
  it('survives hostile input: 20,000-deep nesting and a 2 MB line', async () => {
    const deep = 'x = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + '\n';
    assert.equal((await lint(deep, 'python', DEFAULTS)).ruleErrors.length, 0);
    const deepJs = 'x = ' + '['.repeat(20000) + ']'.repeat(20000) + ';\n';
    const js = await lint(deepJs, 'javascript', DEFAULTS);
    assert.equal(js.ruleErrors.length, 0);
    assert.ok(js.syntaxError, 'too deep for the JS parser: reported, not thrown');
    const long = 'x = "' + 'a'.repeat(2_000_000) + '"\n';
    assert.deepEqual((await lint(long, 'python', DEFAULTS)).findings, []);
    assert.deepEqual((await lint(long.replace('x =', 'const x ='), 'javascript', DEFAULTS)).findings, []);
  });
});

describe('PythonDocument', () => {
  before(() => loadPython());
  it('re-parses incrementally to the same tree a fresh parse gives', () => {
    const doc = new PythonDocument();
    const versions = [
      'def f(x):\n    return x\n',
      'def f(x):\n    return x + 1\n',
      'import os\ndef f(x):\n    return x + 1\n',
      'é = 1\nimport os\ndef f(x):\n    return x + 1\n',
      // Edits inside a surrogate pair and between \r and \n: the edit region widens to whole characters.
      'x = "😀"\r\ny = 2\r\n',
      'x = "😁"\r\ny = 2\r\n',
      'x = "😁"\r\n\r\ny = 2\r\n',
      'x = "😁"\ny = 2\r\n',
      '',
    ];
    for (const text of versions) {
      const fresh = parsePython(text);
      assert.equal(doc.update(text).rootNode.toString(), fresh.rootNode.toString(), JSON.stringify(text));
      fresh.delete();
    }
    doc.dispose();
  });
});
