// chained-copies and list-accumulation beyond the fixture harness: files that do not parse, re-linting an edited
// document (the builtin-shadowing cache is per tree), and PEP 479 in the generator fixes.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../src/core/fixes';
import { lint } from './support/lint';
import { PythonDocument } from '../src/core/parsers/python';
import { DEFAULTS, normalize } from '../src/core/settings';
import { differences, runCases } from './support/exec';

const RULES = ['chained-copies', 'list-accumulation'];

async function found(text: string, document?: PythonDocument): Promise<string[]> {
  const result = await lint(text, 'python', DEFAULTS, { only: RULES, document });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.map((f) => `${f.line}:${f.column} ${f.rule}${f.fixes.length ? ' +fix' : ''}`);
}

// tree-sitter gives up on this one: the tree's root is an ERROR node, not a module.
const UNPARSEABLE =
  '.append(ableSet(Set):\n    add(), and discard().\n    To override the comparisons (presumably for speed, as the\n' +
  '    """A Mapping is a generic container for associating key/value\n    """\n    __abc_tpflags__ = 1 << 6 # Py_TPFLAGS_MAPPING\n' +
  '    @abstractmethod\n  (turn ItemsView(self)\nsum([x for x in y])\nlambda sum: 0\n';

describe('python copy rules: bad input', () => {
  it('finish on a file whose tree has no module root (scope walks once looped forever there)', async function () {
    this.timeout(5000);
    const result = await lint(UNPARSEABLE, 'python', DEFAULTS, { only: RULES });
    assert.ok(result.syntaxError, 'reported as a syntax error');
    assert.deepEqual(result.ruleErrors, []);
    // Findings are still reported in a file with errors, without fixes.
    assert.deepEqual(result.findings.map((f) => [f.line, f.rule, f.fixes.length]), [[9, 'chained-copies', 0]]);
  });

  it('finish on deeply nested expressions', async () => {
    const deep = `def f(xs):\n    return sum([${'('.repeat(300)}len(x)${')'.repeat(300)} for x in xs])\n`;
    assert.deepEqual(await found(deep), ['2:16 chained-copies +fix']);
  });
});

describe('python copy rules: an edited document', () => {
  it('notices a builtin becoming shadowed, and unshadowed again', async () => {
    const doc = new PythonDocument();
    try {
      const body = 'def total(xs):\n    return sum([len(x) for x in xs])\n';
      assert.deepEqual(await found(body, doc), ['2:16 chained-copies +fix']);
      assert.deepEqual(await found(`from numpy import sum\n${body}`, doc), []);
      assert.deepEqual(await found(body, doc), ['2:16 chained-copies +fix']);
    } finally {
      doc.dispose();
    }
  });

  it('notices a caller that starts needing the list', async () => {
    const doc = new PythonDocument();
    try {
      const fn = 'def _rows(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out\n\n';
      assert.deepEqual(await found(`${fn}for r in _rows([1]):\n    print(r)\n`, doc), ['2:5 list-accumulation +fix']);
      assert.deepEqual(await found(`${fn}for r in _rows([1]):\n    print(r)\nprint(len(_rows([2])))\n`, doc), []);
    } finally {
      doc.dispose();
    }
  });
});

describe('chained-copies: PEP 479 (a StopIteration inside a generator expression becomes RuntimeError)', () => {
  async function fixesOf(text: string): Promise<string[]> {
    const result = await lint(text, 'python', normalize({ strict: true }), { only: ['chained-copies'] });
    assert.deepEqual(result.ruleErrors, []);
    return result.findings.flatMap((f) => f.fixes.map((x) => `${f.line}:${f.column} ${x.safety}: ${x.title}`));
  }
  const why = (callee: string) => `(unsafe: \`${callee}()\` may raise StopIteration, which a generator expression turns into RuntimeError)`;

  it('makes the generator fixes unsafe when the items, conditions or inner loops call anything but a builtin', async () => {
    const text = [
      'def f(xs, it, rows):',
      '    a = sorted([next(it) for _ in xs])',
      '    b = tuple([check(x) for x in xs])',
      '    c = sum([1 for x in xs if seen(x)])',
      '    d = sorted([y for x in xs for y in parts(x)])',
      '    e = tuple([x.strip() for x in xs])',
      '    g = tuple([sorted(r, key=score) for r in rows])',
      '    return a, b, c, d, e, g',
      '',
    ].join('\n');
    assert.deepEqual(await fixesOf(text), [
      `2:16 unsafe: Pass a generator expression to \`sorted()\` ${why('next')}`,
      `3:15 unsafe: Pass a generator expression to \`tuple()\` ${why('check')}`,
      `4:13 unsafe: Pass a generator expression to \`sum()\` ${why('seen')}`,
      `5:16 unsafe: Pass a generator expression to \`sorted()\` ${why('parts')}`,
      `6:15 unsafe: Pass a generator expression to \`tuple()\` ${why('x.strip')}`,
      `7:15 unsafe: Pass a generator expression to \`tuple()\` ${why('score')}`,
    ]);
  });

  it('gives no PEP 479 reason for builtins, methods of a literal, calls in the first iterable, set comprehensions and list()', async () => {
    const text = [
      'def f(xs, it, rows):',
      '    a = sorted([str(len(x)) + ",".join(x) for x in xs if isinstance(x, str)])',
      '    b = sum([len(x) for x in load(xs)])',
      '    c = tuple([sorted(r, key=len) for r in rows])',
      '    d = set([next(it) for _ in xs])',
      '    e = list([next(it) for _ in xs])',
      '    return a, b, c, d, e',
      '',
    ].join('\n');
    assert.deepEqual(await fixesOf(text), [
      '2:16 safe: Pass a generator expression to `sorted()`',
      '3:13 safe: Pass a generator expression to `sum()`',
      '4:15 safe: Pass a generator expression to `tuple()`',
      '5:13 unsafe: Use a set comprehension',
      '6:14 safe: Remove the `list()` call',
    ]);
  });

  it('a local list inlined into a generator is unsafe too, but not into list() or set()', async () => {
    const chain = (consumer: string) => `def f(it, xs):\n    firsts = [next(it) for _ in xs]\n    return ${consumer}(firsts)\n`;
    assert.deepEqual(await fixesOf(chain('sorted')), [`2:14 unsafe: Build \`firsts\` lazily inside \`sorted()\` ${why('next')}`]);
    assert.deepEqual(await fixesOf(chain('list')), ['2:14 safe: Build `firsts` lazily inside `list()`']);
  });

  it('the unsafe fix does raise RuntimeError where the list raised StopIteration', async () => {
    const program = 'def case_firsts(path, n):\n    with open(path, encoding="utf-8") as f:\n        it = iter(f)\n        return sorted([next(it) for _ in range(n)])\n';
    const result = await lint(program, 'python', DEFAULTS, { only: ['chained-copies'] });
    const fixed = applyEdits(program, result.findings[0].fixes[0].edits);
    assert.match(fixed, /return sorted\(next\(it\) for _ in range\(n\)\)/);
    const inputs = { empty: '', 'one-line': 'only line\n' };
    assert.deepEqual(differences(runCases(program, '.py', inputs, [0, 1, 2]), runCases(fixed, '.py', inputs, [0, 1, 2])), [
      'case_firsts empty 1: ["","raised StopIteration"] → ["","raised RuntimeError"]',
      'case_firsts empty 2: ["","raised StopIteration"] → ["","raised RuntimeError"]',
      'case_firsts one-line 2: ["","raised StopIteration"] → ["","raised RuntimeError"]',
    ]);
  });
});
