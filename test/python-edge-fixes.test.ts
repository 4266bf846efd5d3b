// The Python read rules' fixes against bytes that do not decode (issue #8: a safe fix must print, return and raise
// the same on them), and the forms found since: codecs.open, importlib.resources, reversed tails, writelines copies.
import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../src/core/fixes';
import { lint } from './support/lint';
import type { Finding, Fix } from '../src/core/rule';
import { DEFAULTS, normalize } from '../src/core/settings';
import { differences, EDGE_FILES, ORDINARY_FILES, ORDINARY_NS, runCases } from './support/exec';

const READ_RULES = ['whole-file-read', 'readlines-for-tail', 'full-read-for-prefix'];

async function findings(text: string, strict = false): Promise<Finding[]> {
  const result = await lint(text, 'python', strict ? normalize({ strict: true }) : DEFAULTS, { only: READ_RULES });
  assert.deepEqual(result.ruleErrors, []);
  assert.equal(result.syntaxError, undefined);
  return result.findings;
}

/** `rule line:column severity` and each fix as `safety: title`. */
async function shown(text: string, strict = false): Promise<string[]> {
  return (await findings(text, strict)).flatMap((f) => [`${f.rule} ${f.line}:${f.column} ${f.severity}`, ...f.fixes.map((x) => `  ${x.safety}: ${x.title}`)]);
}

/** The safety of the only finding's fixes. */
async function safety(text: string): Promise<string[]> {
  const found = await findings(text);
  assert.equal(found.length, 1, found.map((f) => `${f.line}:${f.column} ${f.rule}`).join('\n'));
  return found[0].fixes.map((f) => f.safety);
}

const LOOP = (open: string) => `def f(p, enc=None):\n    with ${open} as fh:\n        for line in fh.readlines():\n            print(line)\n`;
const UNDECODABLE_LOOP = 'a byte that does not decode now raises when the loop reaches it, after the lines before it ran';

describe('python read rules: bytes that do not decode', () => {
  const cases: [string, 'safe' | 'unsafe'][] = [
    ['open(p)', 'unsafe'],
    ['open(p, encoding="utf-8")', 'unsafe'],
    ['open(p, "rb")', 'safe'],
    ['open(p, errors="replace")', 'safe'],
    ['open(p, encoding="utf-8", errors="ignore")', 'safe'],
    ['open(p, "r", -1, "utf-8", "surrogateescape")', 'safe'],
    ['open(p, errors="backslashreplace")', 'safe'],
    ['open(p, errors="strict")', 'unsafe'],
    ['open(p, errors="surrogatepass")', 'unsafe'],
    ['open(p, errors=p.errors)', 'unsafe'],
    ['open(p, encoding="latin-1")', 'safe'],
    ['open(p, encoding="ISO_8859_1")', 'safe'],
    ['open(p, encoding="cp1252")', 'unsafe'],
    ['io.open(p, errors="replace")', 'safe'],
    ['codecs.open(p, encoding="utf-8")', 'unsafe'],
    ['codecs.open(p, "r", "utf-8", "replace")', 'safe'],
    ['codecs.open(p, "rb")', 'safe'],
    ['codecs.open(p, "rb", "utf-8")', 'unsafe'],
    ['codecs.open(p, "rb", "latin-1")', 'safe'],
    ['codecs.open(p, "r", None, "replace")', 'unsafe'],
    ['codecs.open(p, "r", enc, "replace")', 'unsafe'],
    ['gzip.open(p)', 'safe'],
    ['gzip.open(p, "rt")', 'unsafe'],
  ];
  for (const [open, expected] of cases) {
    it(`streams ${open}: ${expected}`, async () => assert.deepEqual(await safety(LOOP(open)), [expected]));
  }

  it('says why in the fix title, for loops, searches, prefixes and copies', async () => {
    const text = [
      'def loop(p):',
      '    for line in open(p).read().splitlines():',
      '        print(line)',
      '',
      'def search(p):',
      '    return "ERROR" in open(p).read()',
      '',
      'def head(p):',
      '    with open(p) as fh:',
      '        return fh.read()[:4]',
      '',
      'def copy(p, q):',
      '    with open(p) as fh, open(q, "w") as out:',
      '        out.writelines(fh.readlines())',
      '',
      'def count(p):',
      '    return len(open(p).readlines())',
      '',
      'def tail(p):',
      '    with open(p) as fh:',
      '        return fh.readlines()[-5:]',
      '',
    ].join('\n');
    assert.deepEqual(await shown(text), [
      'whole-file-read 2:17 warning',
      `  unsafe: Iterate the file object, re-splitting each line with splitlines() (unsafe: ${UNDECODABLE_LOOP})`,
      'whole-file-read 6:12 warning',
      '  unsafe: Search the file line by line with any() (unsafe: a byte that does not decode after the match is no longer read, so no longer raises)',
      'full-read-for-prefix 10:16 warning',
      '  unsafe: Read only the first 4 characters with read(4) (unsafe: a byte that does not decode past the start is no longer read, so no longer raises)',
      'whole-file-read 14:24 warning',
      '  unsafe: Pass the file object to writelines() (unsafe: a byte that does not decode now raises after the lines before it were written)',
      'whole-file-read 17:12 warning',
      '  safe: Count the lines while streaming the file',
      'readlines-for-tail 21:16 warning',
      '  safe: Keep only the last 5 lines with a deque',
    ]);
  });

  it('keeps a comprehension safe when nobody can see its items computed', async () => {
    const comprehension = (body: string, open = 'open(p)') => `def f(p, n):\n    with ${open} as fh:\n        return ${body}\n`;
    const inert = [
      '[line for line in fh.read().splitlines() if "ERROR" in line]',
      '[line.rstrip("\\n") for line in fh.readlines() if not line.startswith("#")]',
      '{line.strip().lower() for line in fh.readlines()}',
      '{i: line[:10] for i, line in enumerate(fh.readlines()) if len(line) > 3}',
      'sorted(line for line in fh.readlines() if line != "\\n")',
    ];
    for (const body of inert) assert.deepEqual(await safety(comprehension(body)), ['safe'], body);
    const visible = [
      ['[print(line) for line in fh.readlines()]', 'a call'],
      ['[int(line) for line in fh.readlines()]', 'raises ValueError first'],
      ['[line[0] for line in fh.readlines()]', 'an index raises IndexError on an empty line'],
      ['[line for i, line in enumerate(fh.readlines()) if i < n]', 'n may be anything'],
      ['[line for line in fh.readlines() if b"x" in line]', 'bytes in str raises TypeError'],
      ['[line.split("") for line in fh.readlines()]', 'split("") raises ValueError'],
      ['any("x" in line for line in fh.readlines())', 'any() stops early'],
      ['sum(len(line) for line in fh.readlines())', 'sum() works per item'],
      ['[(last := line) for line in fh.readlines()]', 'a walrus binds outside'],
    ];
    for (const [body, why] of visible) assert.deepEqual(await safety(comprehension(body)), ['unsafe'], `${body}: ${why}`);
    assert.deepEqual(await safety(comprehension('[line for line in fh.readlines() if b"x" in line]', 'open(p, "rb")')), ['safe'], 'bytes in bytes');
  });

  it('the unsafe fixes differ, on a file with a bad byte past the first read chunk, exactly where their titles say', async () => {
    const program = [
      'import os',
      'import tempfile',
      '',
      '',
      'def case_loop(path, n):',
      '    with open(path, encoding="utf-8") as f:',
      '        for line in f.readlines():',
      '            print(line[:n])',
      '',
      '',
      'def case_search(path, n):',
      '    with open(path, encoding="utf-8") as f:',
      '        return "line 1" in f.read()',
      '',
      '',
      'def case_prefix(path, n):',
      '    with open(path, encoding="utf-8") as f:',
      '        return f.read().startswith("line")',
      '',
      '',
      'def case_copy(path, n):',
      '    with tempfile.TemporaryDirectory() as d:',
      '        with open(path, encoding="utf-8") as f, open(os.path.join(d, "copy"), "w") as out:',
      '            try:',
      '                out.writelines(f.readlines())',
      '            finally:',
      '                out.flush()',
      '                print(os.path.getsize(os.path.join(d, "copy")))',
      '',
      '',
      'def case_count(path, n):',
      '    with open(path, encoding="utf-8") as f:',
      '        return len(f.readlines())',
      '',
    ].join('\n');
    const found = await findings(program);
    const fixes = found.map((f) => f.fixes[0]).filter((f): f is Fix => !!f);
    assert.deepEqual(fixes.map((f) => f.safety), ['unsafe', 'unsafe', 'unsafe', 'unsafe', 'safe']);
    const fixed = applyFixes(program, fixes).text;
    const late = { 'undecodable-late': EDGE_FILES['undecodable-late'] };
    const diff = differences(runCases(program, '.py', late, [1]), runCases(fixed, '.py', late, [1]));
    assert.deepEqual(diff.map((d) => d.replace(/: .*/, '')), ['case_copy undecodable-late 1', 'case_loop undecodable-late 1', 'case_prefix undecodable-late 1', 'case_search undecodable-late 1']);
    assert.match(diff[0], /^case_copy undecodable-late 1: \["0\\n","raised UnicodeDecodeError"\] → \["\d+\\n","raised UnicodeDecodeError"\]$/, 'lines were written before the error');
    assert.match(diff[2], /→ \["","True"\]$/, 'the prefix no longer raises');
    assert.match(diff[3], /→ \["","True"\]$/, 'the search no longer raises');
    // On an ordinary file they behave as the original.
    assert.deepEqual(differences(runCases(program, '.py', ORDINARY_FILES, ORDINARY_NS), runCases(fixed, '.py', ORDINARY_FILES, ORDINARY_NS)), []);
  });
});

describe('python read rules: codecs.open and io.open', () => {
  it('are files: reported and fixed like open()', async () => {
    const text = 'import codecs\n\ndef f(p):\n    with codecs.open(p, "r", "utf-8", "replace") as fh:\n        return fh.read().splitlines()[-3:]\n';
    const found = await findings(text);
    assert.deepEqual(found.map((x) => `${x.rule} ${x.line}:${x.column} ${x.fixes.map((y) => `${y.safety}: ${y.title}`).join(' | ')}`), [
      'readlines-for-tail 5:16 safe: Read only the last 3 lines of the file, with a deque',
    ]);
    assert.equal(
      applyEdits(text, found[0].fixes[0].edits),
      'import codecs\nimport collections\n\ndef f(p):\n    with codecs.open(p, "r", "utf-8", "replace") as fh:\n        return "".join(collections.deque(fh, maxlen=3)).splitlines()[-3:]\n',
    );
    assert.deepEqual(await shown('import io\n\ndef f(p):\n    with io.open(p, "rb") as fh:\n        return fh.read()[:2]\n'), [
      'full-read-for-prefix 5:16 warning',
      '  safe: Read only the first 2 bytes with read(2)',
    ]);
  });

  it('split("\\n") on a codecs file with an encoding has no tail fix: its lines also end at \\r', async () => {
    const found = await findings('import codecs\n\ndef f(p):\n    with codecs.open(p, encoding="utf-8") as fh:\n        return fh.read().split("\\n")[-3:]\n');
    assert.deepEqual(found.map((x) => [x.rule, x.fixes.length]), [['readlines-for-tail', 0]]);
  });
});

describe('python read rules: package resources (importlib.resources)', () => {
  const text = [
    'import importlib.resources',
    'from importlib import resources as res',
    'from importlib.resources import files, open_text, read_text',
    '',
    'def a(pkg):',
    '    for line in importlib.resources.read_text(pkg, "a.txt").splitlines():',
    '        print(line)',
    '',
    'def b(pkg, name):',
    '    return [w for w in read_text(pkg, name).splitlines() if w]',
    '',
    'def c(pkg, name):',
    '    for row in files(pkg).joinpath(name).read_text().splitlines():',
    '        print(row)',
    '',
    'def d(pkg):',
    '    with open_text(pkg, "d.txt") as fh:',
    '        return fh.readlines()[-2:]',
    '',
    'def e(pkg):',
    '    return res.read_binary(pkg, "e.bin")[:4]',
    '',
  ].join('\n');
  const BOUNDED = 'It is a resource shipped with the package (`importlib.resources`), fixed in size.';

  it('are quiet by default: bounded by construction', async () => assert.deepEqual(await findings(text), []));

  it('are hints in strict mode, saying why; only reads of a file object or a path get a fix', async () => {
    const found = await findings(text, true);
    assert.deepEqual(
      found.map((f) => [f.rule, `${f.line}:${f.column}`, f.severity, f.message.endsWith(BOUNDED), f.fixes.map((x) => x.safety)]),
      [
        ['whole-file-read', '6:17', 'hint', true, []],
        ['whole-file-read', '10:24', 'hint', true, []],
        ['whole-file-read', '13:16', 'hint', true, ['unsafe']],
        ['readlines-for-tail', '18:16', 'hint', true, ['safe']],
        ['full-read-for-prefix', '21:12', 'hint', true, []],
      ],
    );
    assert.equal(found[2].fixes[0].title, `Iterate the file object, re-splitting each line with splitlines() in a \`with files(pkg).joinpath(name).open() as f\` block (unsafe: ${UNDECODABLE_LOOP})`);
  });

  it('are told from functions of the same name that are not importlib.resources', async () => {
    const own = 'def read_text(pkg, name):\n    return name\n\ndef f(pkg):\n    for line in read_text(pkg, "a").splitlines():\n        print(line)\n';
    assert.deepEqual(await findings(own, true), []);
    const param = 'def f(files, pkg):\n    for line in files(pkg).joinpath("a").read_text().splitlines():\n        print(line)\n';
    assert.deepEqual((await findings(param, true)).map((f) => [f.severity, f.fixes.map((x) => x.title)]), [
      ['information', ['Iterate the file object, re-splitting each line with splitlines() in a `with files(pkg).joinpath("a").open() as fh` block (unsafe: assumes files(pkg).joinpath("a") is a pathlib.Path)']],
    ]);
  });
});

describe('python read rules: list(reversed(lines))[:k]', () => {
  it('is a tail: the last k lines, last first', async () => {
    const text = 'def f(p):\n    with open(p) as fh:\n        return list(reversed(fh.readlines()))[:3]\n';
    const found = await findings(text);
    assert.deepEqual(found.map((f) => [f.rule, f.line, f.column, f.message]), [
      ['readlines-for-tail', 3, 16, "Every line of the file is read into a list only to keep the last 3 lines; a collections.deque with maxlen keeps just those while streaming the file. `p` is a parameter of `f`: the file is as large as the caller's."],
    ]);
    assert.equal(applyEdits(text, found[0].fixes[0].edits), 'import collections\ndef f(p):\n    with open(p) as fh:\n        return list(reversed(collections.deque(fh, maxlen=3)))\n');
  });

  it('keeps the read for a negative k, and takes every line for k = None', async () => {
    const text = 'def f(p, k=None):\n    with open(p) as fh:\n        for line in list(reversed(fh.readlines()))[:k]:\n            print(line)\n';
    const found = await findings(text);
    assert.deepEqual(found[0].fixes.map((f) => `${f.safety}: ${f.title}`), [
      'safe: Keep only the last `k` lines with a deque (when k < 0, read every line as before)',
      'unsafe: Keep only the last `k` lines with a deque (assumes k is None or >= 0)',
    ]);
    const fixed = applyEdits(text, found[0].fixes[0].edits);
    assert.equal(fixed, 'import collections\ndef f(p, k=None):\n    with open(p) as fh:\n        for line in reversed(collections.deque(fh, maxlen=k)) if k is None or k >= 0 else list(reversed(fh.readlines()))[:k]:\n            print(line)\n');
    assert.deepEqual(await findings(fixed, true), [], 'the fallback is not reported again');
    const run = (source: string) => `${source}\n\ndef case_k(path, n):\n    for k in (None, 0, 2, -2, n):\n        f(path, k)\n`;
    assert.deepEqual(differences(runCases(run(text), '.py', EDGE_FILES, [1, 50]), runCases(run(fixed), '.py', EDGE_FILES, [1, 50])), []);
  });

  it('is not a tail with a step, a start, or a bound of 0', async () => {
    for (const sub of ['[::2]', '[1:3]', '[:0]', '[:-2]']) {
      const found = await findings(`def f(p):\n    with open(p) as fh:\n        return list(reversed(fh.readlines()))${sub}\n`);
      assert.deepEqual(found.map((f) => f.rule), [], sub);
    }
  });
});

describe('python read rules: out.writelines(f.readlines())', () => {
  const copy = (out: string, mode = '"rb"') => `import sys\n\ndef f(p, q, o):\n    with open(p, ${mode}) as fh${out.startsWith('open') ? `, ${out} as out` : ''}:\n        ${out.startsWith('open') ? 'out' : out}.writelines(fh.readlines())\n`;

  it('is a copy: the fix passes the file object itself', async () => {
    const text = copy('open(q, "wb")');
    const found = await findings(text);
    assert.deepEqual(found.map((f) => [f.rule, f.line, f.column, f.message]), [
      ['whole-file-read', 5, 24, "Every line of the file is read into a list only to write the lines out again; pass the file object to writelines() instead. `p` is a parameter of `f`: the file is as large as the caller's."],
    ]);
    assert.equal(applyEdits(text, found[0].fixes[0].edits), 'import sys\n\ndef f(p, q, o):\n    with open(p, "rb") as fh, open(q, "wb") as out:\n        out.writelines(fh)\n');
  });

  it('is safe only into a file opened empty for writing', async () => {
    assert.deepEqual(await safety(copy('open(q, "wb")')), ['safe']);
    assert.deepEqual(await safety(copy('open(q, "xb")')), ['safe']);
    assert.deepEqual(await safety(copy('open(q, "w", errors="replace")', 'errors="replace"')), ['safe']);
    for (const out of ['open(q, "ab")', 'open(q, "r+b")', 'sys.stdout.buffer', 'o']) {
      const found = await findings(copy(out));
      const name = out.startsWith('open') ? 'out' : out;
      assert.deepEqual(found[0].fixes.map((f) => `${f.safety}: ${f.title}`), [`unsafe: Pass the file object to writelines() (unsafe: assumes ${name} is a file of its own, opened for writing)`], out);
    }
    const samePath = await findings('def f(p):\n    with open(p, "rb") as fh, open(p, "wb") as out:\n        out.writelines(fh.readlines())\n');
    assert.deepEqual(samePath[0].fixes.map((f) => f.safety), ['unsafe'], 'the same path: taken to be the same file');
    const self = await findings('def f(p):\n    with open(p, "r+b") as fh:\n        fh.writelines(fh.readlines())\n');
    assert.deepEqual(self[0].fixes.map((f) => f.title), ['Pass the file object to writelines() (unsafe: the loop body uses the file or its path, or yields)']);
  });
});
