// Size provenance: where a finding's size comes from decides its severity, and the message says why.
import * as assert from 'node:assert/strict';
import { lint } from './support/lint';
import { normalize } from '../src/core/settings';
import { isTestFile } from '../src/core/testFiles';
import { smallByNature } from '../src/core/smallFiles';

type Seen = [rule: string, line: number, column: number, severity: string];

async function seen(text: string, options: { strict?: boolean; file?: string; testsAsSource?: boolean } = {}): Promise<Seen[]> {
  const settings = normalize({ strict: options.strict ?? false, testsAsSource: options.testsAsSource ?? false });
  const result = await lint(text, 'python', settings, { file: options.file });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.map((f) => [f.rule, f.line, f.column, f.severity]);
}

async function messages(text: string): Promise<string[]> {
  return (await lint(text, 'python')).findings.map((f) => f.message);
}

const loop = (path: string, before = '') => `import os, sys, glob\n${before}def f(p, d):\n    with open(${path}) as fh:\n        for line in fh.readlines():\n            print(line)\n`;

describe('size provenance (Python)', () => {
  it('a path that grows with the input keeps the rule level and says why', async () => {
    for (const path of ['p', 'sys.argv[1]', 'os.environ["LOG"]', 'os.getenv("LOG")', 'os.path.join(d, p)', 'f"{d}/{p}.log"', 'request.files["log"]']) {
      assert.deepEqual(await seen(loop(path)), [['whole-file-read', 4, 21, 'warning']], path);
    }
    const [message] = await messages(loop('p'));
    assert.match(message, /`p` is a parameter of `f`: the file is as large as the caller's\.$/);
    assert.match((await messages(loop('sys.argv[1]')))[0], /The path comes from the command line/);
  });

  it('a directory walk grows: os.walk, glob, Path.rglob', async () => {
    const walk = 'import os\ndef f(root):\n    for dirpath, dirs, files in os.walk(root):\n        for name in files:\n            with open(os.path.join(dirpath, name)) as fh:\n                for line in fh.readlines():\n                    print(line)\n';
    assert.deepEqual(await seen(walk), [['whole-file-read', 6, 29, 'warning']]);
    assert.match((await messages(walk))[0], /comes from a directory walk/);
    const globbed = 'import glob\ndef f():\n    for name in glob.glob("*.log"):\n        with open(name) as fh:\n            for line in fh.readlines():\n                print(line)\n';
    assert.deepEqual(await seen(globbed), [['whole-file-read', 5, 25, 'warning']]);
  });

  it('a literal path of unknown size is one level lower, with no reason given', async () => {
    assert.deepEqual(await seen(loop('"app.log"')), [['whole-file-read', 4, 21, 'information']]);
    assert.doesNotMatch((await messages(loop('"app.log"')))[0], /parameter|small by nature/);
  });

  it('a file small by nature is bounded: quiet, a hint in strict mode', async () => {
    for (const path of ['"setup.cfg"', '"Makefile"', '"pyconfig.h"', 'os.path.join(d, "tox.ini")', '"/proc/self/status"', '"requirements-dev.txt"', '".gitignore"', 'os.path.join(os.path.dirname(__file__), "data.txt")']) {
      assert.deepEqual(await seen(loop(path)), [], path);
      assert.deepEqual(await seen(loop(path), { strict: true }), [['whole-file-read', 4, 21, 'hint']], path);
    }
  });

  it('collections: literals and module constants are bounded, a parameter no caller shows is unknown', async () => {
    const text = [
      'NAMES = ("a", "b", "c")',
      'def f(rows, v):',
      '    a = sum([len(n) for n in NAMES])',
      '    b = tuple([int(i) for i in v.split(".", 1)])',
      '    c = sum([len(r) for r in rows])',
      '    d = sum([x for x in range(10)])',
      '    e = sum([len(x) for x in load()])',
      '    return a, b, c, d, e',
      '',
    ].join('\n');
    assert.deepEqual(await seen(text), [
      ['chained-copies', 5, 13, 'hint'],
      ['chained-copies', 7, 13, 'hint'],
    ]);
    assert.deepEqual(await seen(text, { strict: true }), [
      ['chained-copies', 3, 13, 'hint'],
      ['chained-copies', 4, 15, 'hint'],
      ['chained-copies', 5, 13, 'hint'],
      ['chained-copies', 6, 13, 'hint'],
      ['chained-copies', 7, 13, 'hint'],
    ]);
    // A file iterated directly grows.
    assert.deepEqual(await seen('def f(p):\n    with open(p) as fh:\n        return sum([len(line) for line in fh])\n'), [['chained-copies', 3, 20, 'information']]);
  });

  it('test code is one level lower unless tests are treated as source', async () => {
    assert.deepEqual(await seen(loop('p'), { file: '/repo/tests/test_logs.py' }), [['whole-file-read', 4, 21, 'information']]);
    assert.deepEqual(await seen(loop('"app.log"'), { file: '/repo/pkg/logs_test.py' }), [['whole-file-read', 4, 21, 'hint']]);
    assert.deepEqual(await seen(loop('p'), { file: '/repo/tests/test_logs.py', testsAsSource: true }), [['whole-file-read', 4, 21, 'warning']]);
    assert.deepEqual(await seen(loop('p'), { file: '/repo/pkg/logs.py' }), [['whole-file-read', 4, 21, 'warning']]);
  });

  it('a loop over the lines that keeps an item for every line is one level lower, and says why', async () => {
    const kept = (body: string, path = 'p') => `def f(p):\n    out = []\n    with open(${path}) as fh:\n        for line in fh.read().splitlines():\n${body}\n    return out\n`;
    const level = async (text: string) => (await seen(text)).filter((f) => f[0] === 'whole-file-read').map((f) => f[3]);
    assert.deepEqual(await level(kept('            out.append(line)')), ['information']);
    assert.deepEqual(await level(kept('            out.append(line)', '"app.log"')), ['hint']);
    assert.deepEqual(await level(kept('            if not line:\n                continue\n            for arg in line.split():\n                out.append(arg)')), ['information']);
    assert.match((await messages(kept('            out.append(line)')))[0], /`out` gets an item for every line: memory grows with the file either way, and streaming saves only the copy of the whole text\.$/);
    for (const body of [
      '            if "ERROR" in line:\n                out.append(line)',
      '            if line.startswith("#"):\n                continue\n            out.append(line)',
      '            out.append(line)\n            if len(out) == 3:\n                break',
      '            out = [line]',
      '            counts = {}\n            counts[line] = 1',
    ]) {
      assert.deepEqual(await level(kept(body)), ['warning'], body);
    }
    const comprehension = (expr: string) => `def f(p):\n    with open(p) as fh:\n        return ${expr}\n`;
    assert.deepEqual(await level(comprehension('[line.strip() for line in fh.readlines()]')), ['information']);
    assert.deepEqual(await level(comprehension('sorted(line.strip() for line in fh.readlines())')), ['information']);
    assert.deepEqual(await level(comprehension('[line for line in fh.readlines() if line.strip()]')), ['warning']);
    assert.deepEqual(await level(comprehension('{line.strip() for line in fh.readlines()}')), ['warning']);
  });

  it('any()/all() over a list whose items call functions are quiet by default: the list forces every call', async () => {
    const text = 'def f(forms):\n    return all([form.is_valid() for form in forms])\n';
    assert.deepEqual(await seen(text), []);
    assert.deepEqual(await seen(text, { strict: true }), [['chained-copies', 2, 16, 'hint']]);
    assert.deepEqual(await seen('def f(p):\n    return any([line.startswith("#") for line in open(p)])\n'), [['chained-copies', 2, 16, 'information']]);
  });
});

describe('test files and files small by nature', () => {
  it('knows test code by its path', () => {
    for (const f of ['tests/a.py', 'pkg/test/a.py', 'test_a.py', 'a_test.py', 'conftest.py', 'src/a.test.ts', 'src/a.spec.js', 'src/__tests__/a.js']) assert.ok(isTestFile(f), f);
    for (const f of ['src/a.py', 'latest.py', 'contest.py', 'src/testing_utils_x.js', 'attest/a.py']) assert.ok(!isTestFile(f), f);
  });

  it('knows configuration, build and metadata files by name', () => {
    for (const f of ['setup.cfg', 'tox.ini', 'pyproject.toml', 'Makefile', 'pyconfig.h', 'pkg/__init__.py', 'package.json', '.gitignore', '.npmignore', 'AUTHORS', 'LICENSE', 'LICENSE.txt', 'README.md', 'README', '/etc/hosts', '/proc/self/status', 'requirements.txt']) {
      assert.ok(smallByNature(f), f);
    }
    for (const f of ['big.log', 'data.csv', 'input.txt', 'dump.json', 'x.py', 'authors.csv']) assert.equal(smallByNature(f), undefined, f);
  });

  it("knows an installed distribution's metadata files by their exact names", () => {
    for (const f of ['pip-23.0.dist-info/METADATA', 'RECORD', 'WHEEL', 'INSTALLER', 'x.egg-info/PKG-INFO', 'SHARED', 'entry_points.txt', 'top_level.txt']) {
      assert.equal(smallByNature(f), "a distribution's metadata file", f);
    }
    // Lower-case names are anyone's data.
    for (const f of ['metadata', 'record', 'data/shared', 'Record']) assert.equal(smallByNature(f), undefined, f);
  });
});
