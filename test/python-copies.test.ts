// chained-copies and list-accumulation beyond the fixture harness: files that do not parse, and re-linting an
// edited document (the builtin-shadowing cache is per tree).
import * as assert from 'node:assert/strict';
import { lint } from './support/lint';
import { PythonDocument } from '../src/core/parsers/python';
import { DEFAULTS } from '../src/core/settings';

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
