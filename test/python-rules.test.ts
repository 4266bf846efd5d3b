// The Python read rules beyond the fixture harness: where imports go, how values are followed through variables,
// fixes the harness does not run (second, unsafe alternatives), and strict mode.
import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../src/core/fixes';
import { lint, fixText } from './support/lint';
import type { Finding, Fix } from '../src/core/rule';
import { DEFAULTS, normalize } from '../src/core/settings';
import { ORDINARY_FILES, ORDINARY_NS, runCases } from './support/exec';

const READ_RULES = ['whole-file-read', 'readlines-for-tail', 'full-read-for-prefix'];

async function findings(text: string, settings = DEFAULTS): Promise<Finding[]> {
  const result = await lint(text, 'python', settings, { only: READ_RULES });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings;
}

/** The text after applying the first fix of the only finding. */
async function fixedOnce(text: string, which = 0): Promise<string> {
  const found = await findings(text);
  assert.equal(found.length, 1, found.map((f) => `${f.line}:${f.column} ${f.rule}`).join('\n'));
  const fix = found[0].fixes[which];
  assert.ok(fix, `fix #${which}`);
  return applyEdits(text, fix.edits);
}

const TAIL = (indent = '    ') => `def tail(path):\n${indent}with open(path) as f:\n${indent}${indent}return f.readlines()[-5:]\n`;

describe('python read rules: imports added by fixes', () => {
  it('go after the docstring, __future__ imports and leading comments', async () => {
    const text = `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Doc."""\nfrom __future__ import annotations\n\n${TAIL()}`;
    assert.equal(
      await fixedOnce(text),
      `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Doc."""\nfrom __future__ import annotations\n\nimport collections\ndef tail(path):\n    with open(path) as f:\n        return list(collections.deque(f, maxlen=5))\n`,
    );
  });

  it('keep the opening imports in alphabetical order', async () => {
    const text = `import abc\nimport os\nfrom pathlib import Path\n\n\n${TAIL()}`;
    assert.ok((await fixedOnce(text)).startsWith('import abc\nimport collections\nimport os\nfrom pathlib import Path\n'));
    const fromFirst = `import zlib\nfrom abc import ABC\n\n${TAIL()}`;
    assert.ok((await fixedOnce(fromFirst)).startsWith('import collections\nimport zlib\nfrom abc import ABC\n'));
    const fromOnly = `from abc import ABC\n\n${TAIL()}`;
    assert.ok((await fixedOnce(fromOnly)).startsWith('import collections\nfrom abc import ABC\n'));
    const last = `import abc\nimport base64\n\nx = 1\n${TAIL()}`;
    assert.ok((await fixedOnce(last)).startsWith('import abc\nimport base64\nimport collections\n\nx = 1\n'));
  });

  it('keep CRLF line endings and a byte order mark in place', async () => {
    const text = `\ufeff"""Doc."""\r\nimport os\r\n${TAIL().replace(/\n/g, '\r\n')}`;
    const fixed = await fixedOnce(text);
    assert.ok(fixed.startsWith('\ufeff"""Doc."""\r\nimport collections\r\nimport os\r\n'), JSON.stringify(fixed.slice(0, 60)));
    assert.ok(!/[^\r]\n/.test(fixed), 'only CRLF line breaks');
  });

  it('reuse an existing import of the module or the name', async () => {
    assert.match(await fixedOnce(`import collections.abc\n${TAIL()}`), /return list\(collections\.deque\(f, maxlen=5\)\)/);
    assert.match(await fixedOnce(`import collections as co\n${TAIL()}`), /return list\(co\.deque\(f, maxlen=5\)\)/);
    assert.match(await fixedOnce(`from collections import OrderedDict, deque\n${TAIL()}`), /return list\(deque\(f, maxlen=5\)\)/);
    assert.match(await fixedOnce(`from itertools import islice as take\ndef first(path):\n    with open(path) as f:\n        return f.readlines()[:3]\n`), /return list\(take\(f, 3\)\)/);
  });

  it('add the import even after `from collections import ...` of another name', async () => {
    const fixed = await fixedOnce(`from collections import OrderedDict\n${TAIL()}`);
    assert.ok(fixed.startsWith('import collections\nfrom collections import OrderedDict\n'), fixed);
  });

  it('are not added where the file uses the name for something else', async () => {
    const found = await findings(`collections = []\n${TAIL()}`);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });

  it('a module-level use needs the import before it', async () => {
    const text = `with open("log") as f:\n    print(f.readlines()[-2:])\nimport collections\n`;
    const found = await findings(text);
    assert.deepEqual(found[0].fixes, [], 'collections is not bound yet where the fix would use it');
  });

  it('are added once by fix-all, however many fixes need them', async () => {
    const text = `${TAIL()}\n\n${TAIL().replace('tail', 'tail2')}\n\ndef head(path):\n    with open(path) as f:\n        return f.readlines()[:2]\n`;
    const out = await fixText(text, 'python', DEFAULTS, { only: READ_RULES });
    assert.equal(out.text.match(/^import collections$/gm)?.length, 1);
    assert.equal(out.text.match(/^import itertools$/gm)?.length, 1);
    assert.deepEqual(out.remaining.findings, []);
  });
});

describe('python read rules: following a value through a variable', () => {
  it('reports a variable bound once and used once', async () => {
    const found = await findings('def f(p):\n    with open(p) as fh:\n        lines = fh.readlines()\n        for line in lines:\n            print(line)\n');
    assert.deepEqual(found.map((f) => `${f.rule} ${f.line}:${f.column}`), ['whole-file-read 3:17']);
  });

  for (const [name, text] of [
    ['bound in two branches', 'def f(p, c):\n    with open(p) as fh:\n        if c:\n            lines = fh.readlines()\n        else:\n            lines = []\n    for line in lines:\n        print(line)\n'],
    ['rebound in a nested function', 'def f(p):\n    with open(p) as fh:\n        lines = fh.readlines()\n    def g():\n        lines = 1\n        return lines\n    for line in lines:\n        print(line)\n'],
    ['declared global elsewhere', 'def f(p):\n    global lines\n    with open(p) as fh:\n        lines = fh.readlines()\n    for line in lines:\n        print(line)\n'],
    ['used twice', 'def f(p):\n    with open(p) as fh:\n        lines = fh.readlines()\n    for line in lines:\n        print(line)\n    return lines\n'],
    ['deleted', 'def f(p):\n    with open(p) as fh:\n        lines = fh.readlines()\n    for line in lines:\n        print(line)\n    del lines\n'],
    ['a file handle rebound', 'def f(p, q):\n    with open(p) as fh:\n        fh = q\n        for line in fh.readlines():\n            print(line)\n'],
    ['`open` shadowed by the module', 'def open(p):\n    return p\n\ndef f(p):\n    for line in open(p).readlines():\n        print(line)\n'],
  ] as const) {
    it(`does not follow a value ${name}`, async () => assert.deepEqual((await findings(text)).map((f) => f.rule), []));
  }

  it('follows a file name bound several times to the binding that reaches the read', async () => {
    const text = 'def f(a, b):\n    fh = open(a, "w")\n    fh.write("x")\n    fh.close()\n    fh = open(b)\n    for line in fh.readlines():\n        print(line)\n    fh.close()\n';
    assert.deepEqual((await findings(text)).map((f) => `${f.line}:${f.column} ${f.fixes[0]?.safety}`), ['6:17 safe']);
    const branch = 'def f(a, b, c):\n    fh = open(a)\n    if c:\n        fh = open(b, "w")\n    for line in fh.readlines():\n        print(line)\n';
    assert.deepEqual(await findings(branch), [], 'the nearest binding is in a branch');
    const loop = 'def f(paths):\n    fh = open(paths[0])\n    for p in paths:\n        for line in fh.readlines():\n            print(line)\n        fh = open(p)\n';
    assert.deepEqual(await findings(loop), [], 'a later turn of the loop reads another file');
  });

  it('moves the read past plain assignments only', async () => {
    const loop = (between: string) => `def f(p, o):\n    with open(p) as fh:\n        lines = fh.readlines()\n        ${between}\n        for line in lines:\n            print(line)\n`;
    const safety = async (between: string) => (await findings(loop(between)))[0].fixes.map((f) => f.safety);
    assert.deepEqual(await safety('count, rows = 0, []'), ['safe']);
    assert.deepEqual(await safety('seen = set()'), ['safe']);
    assert.deepEqual(await safety('o.count = 0'), ['unsafe'], '__setattr__ may run code');
    assert.deepEqual(await safety('log("start")'), ['unsafe']);
    assert.deepEqual(await safety('fh.seek(0)'), [], 'a statement that uses the file blocks the fix');
  });

  it('reports without a fix when the use is in a branch after the file is closed', async () => {
    const found = await findings('def f(p, c):\n    with open(p) as fh:\n        lines = fh.readlines()\n    if c:\n        for line in lines:\n            print(line)\n');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });

  it('follows a file opened by assignment, and Path.open() on an annotated parameter', async () => {
    const byAssignment = await findings('def f(p):\n    fh = open(p)\n    for line in fh.readlines():\n        print(line)\n    fh.close()\n');
    assert.deepEqual(byAssignment.map((f) => `${f.rule} ${f.fixes[0]?.safety}`), ['whole-file-read safe']);
    const annotated = await findings('from pathlib import Path\ndef f(p: Path):\n    with p.open() as fh:\n        return fh.read()[:4]\n');
    assert.deepEqual(annotated.map((f) => `${f.rule} ${f.fixes[0]?.safety}`), ['full-read-for-prefix safe']);
    const unknown = await findings('def f(p):\n    with p.open() as fh:\n        return fh.read()[:4]\n');
    assert.deepEqual(unknown, [], 'p.open() on a parameter of unknown type may be a socket or an archive member');
  });
});

describe('python read rules: builtins in fixes', () => {
  it('no fix calls a builtin the file rebinds', async () => {
    const search = await findings('sum = 0\ndef f(p):\n    return "x" in open(p).read()\n\ndef g(p):\n    return len(open(p).readlines())\n');
    assert.deepEqual(search.map((f) => `${f.line} ${f.fixes.length}`), ['3 1', '6 0'], 'any() is free, sum() is not');
    const tail = await findings('def list(x):\n    return x\n\ndef t(p):\n    with open(p) as f:\n        return f.readlines()[-3:]\n');
    assert.deepEqual(tail.map((f) => f.fixes.length), [0]);
    const star = await findings('from os import *\nfrom pathlib import Path\ndef f(p):\n    return "x" in Path(p).read_text()\n');
    assert.deepEqual(star.map((f) => f.fixes.length), [0], 'import * could bring any() in');
    const quoted = await findings('CODE = "from os import *"\ndef f(p):\n    return "x" in open(p).read()\n');
    assert.deepEqual(quoted.map((f) => f.fixes.length), [1], 'an import * inside a string imports nothing');
  });
});

describe('python read rules: with blocks added by fixes', () => {
  it('indent with the file\'s own unit (tabs)', async () => {
    const fixed = await fixedOnce('from pathlib import Path\n\ndef g(p):\n\tfor line in Path(p).read_text().splitlines():\n\t\tprint(line)\n');
    assert.equal(fixed, 'from pathlib import Path\n\ndef g(p):\n\twith Path(p).open() as f:\n\t\tfor line in (part for raw in f for part in raw.splitlines()):\n\t\t\tprint(line)\n');
  });

  it('pick a name the file does not use', async () => {
    const fixed = await fixedOnce('from pathlib import Path\nf = fh = file = 1\n\ndef g(p):\n    return Path(p).read_bytes()[:4]\n');
    assert.match(fixed, /with Path\(p\)\.open\("rb"\) as stream:\n        return stream\.read\(4\)/);
  });

  it('are not used in a class body or on a shared line: the inline fix is unsafe', async () => {
    const found = await findings('from pathlib import Path\n\nclass C:\n    for line in Path("x").read_text().splitlines():\n        print(line)\n');
    assert.deepEqual(found[0].fixes.map((f) => f.safety), ['unsafe']);
    assert.match(found[0].fixes[0].title, /garbage collector/);
  });
});

describe('python read rules: split("\\n") streamed through _stream_split()', () => {
  const HELPER = [
    'def _stream_split(lines, sep):',
    '    """The items of text.split(sep), for the text the lines add up to, one at a time (inserted by memlint)."""',
    '    rest = sep[:0]',
    '    for line in lines:',
    '        items = (rest + line).split(sep)',
    '        rest = items.pop()',
    '        yield from items',
    '    yield rest',
  ].join('\n');
  const LOOPS = 'def a(p):\n    with open(p, "rb") as f:\n        for x in f.read().split(b"\\n"):\n            print(x)\n\n\ndef b(p):\n    return [x for x in open(p, "rb").read().split(b"\\r\\n")]\n';

  it('adds the helper once, after the opening imports, with two blank lines around it', async () => {
    const { text } = await fixText(`"""Doc."""\nimport sys\n${LOOPS}`, 'python', DEFAULTS, { only: READ_RULES });
    assert.equal(
      text,
      `"""Doc."""\nimport sys\n\n\n${HELPER}\n\n\n` +
        'def a(p):\n    with open(p, "rb") as f:\n        for x in _stream_split(f, b"\\n"):\n            print(x)\n\n\n' +
        'def b(p):\n    return [x for x in _stream_split(open(p, "rb"), b"\\r\\n")]\n',
    );
  });

  it('without imports, before the first statement; in the file\'s line breaks', async () => {
    const { text } = await fixText(`"""Doc."""\n${LOOPS}`.replace(/\n/g, '\r\n'), 'python', DEFAULTS, { only: READ_RULES });
    assert.ok(text.startsWith(`"""Doc."""\r\n\r\n\r\n${HELPER.replace(/\n/g, '\r\n')}\r\n\r\n\r\ndef a(p):\r\n`), text);
  });

  it('reuses the helper the file already has, word for word; no fix where the name means something else', async () => {
    const has = await findings(`${HELPER}\n\n\n${LOOPS}`);
    assert.deepEqual(has.map((f) => f.fixes[0].edits.length), [1, 1], 'only the loop changes');
    for (const other of ['_stream_split = str.split\n', 'def _stream_split(lines, sep):\n    return lines\n', '# see _stream_split\n']) {
      const found = await findings(other + LOOPS);
      assert.deepEqual(found.map((f) => f.fixes.length), [0, 0], other);
    }
  });

  it('a loop at module level runs after the helper is defined', async () => {
    const program = 'import sys\nfor x in open(sys.argv[1], "rb").read().split(b"\\n"):\n    print(x)\n';
    const { text } = await fixText(program, 'python', DEFAULTS, { only: READ_RULES });
    assert.equal(text, `import sys\n\n\n${HELPER}\n\n\nfor x in _stream_split(open(sys.argv[1], "rb"), b"\\n"):\n    print(x)\n`);
  });

  it('text mode is unsafe: a byte that fails to decode past the first chunk now raises after lines were handled', async () => {
    const program = [
      'def case_text(path, n):',
      '    for line in open(path, encoding="utf-8").read().split("\\n"):',
      '        print(line)',
      '',
      '',
      'def case_binary(path, n):',
      '    for line in open(path, "rb").read().split(b"\\n"):',
      '        print(line)',
      '',
      '',
      'def case_replaced(path, n):',
      '    for line in open(path, encoding="utf-8", errors="replace").read().split("\\n"):',
      '        print(line)',
      '',
    ].join('\n');
    const found = await findings(program);
    assert.deepEqual(found.map((f) => `${f.line} ${f.fixes.map((x) => x.safety).join(',')}`), ['2 unsafe', '7 safe', '12 safe']);
    const { text } = await fixText(program, 'python', DEFAULTS, { only: READ_RULES, unsafe: true });
    const inputs = { 'late-undecodable': Buffer.concat([Buffer.from('ok line\n'.repeat(4000)), Buffer.from([0xff, 0x0a])]) };
    const before = runCases(program, '.py', inputs, [0]);
    const after = runCases(text, '.py', inputs, [0]);
    const differing = after.filter((line, i) => line !== before[i]).map((line) => JSON.parse(line).slice(0, 3).join(' '));
    assert.deepEqual(differing, ['case_text late-undecodable 0']);
    assert.equal(JSON.parse(before[2])[4], 'raised UnicodeDecodeError');
    assert.equal(JSON.parse(before[2])[3], '', 'the original prints nothing');
    assert.equal(JSON.parse(after[2])[4], 'raised UnicodeDecodeError');
  });
});

describe('python read rules: strict mode', () => {
  const text = 'import json\n\ndef load(p):\n    with open(p) as f:\n        return json.loads(f.read())\n';
  it('is quiet about whole reads used whole by default', async () => assert.deepEqual(await findings(text), []));
  it('hints at every other unbounded read of a file', async () => {
    const found = await findings(text, normalize({ strict: true }));
    assert.deepEqual(found.map((f) => `${f.rule} ${f.severity} ${f.line}:${f.column}`), ['whole-file-read hint 5:27']);
  });
  it('never hints at the fallback its own tail fix leaves for n <= 0', async () => {
    const fixed = await fixedOnce('def t(p, n):\n    with open(p) as f:\n        lines = f.readlines()\n    return lines[-n:]\n');
    assert.deepEqual(await findings(fixed, normalize({ strict: true })), []);
  });
});

/** Apply only fix number `which` of every finding (if it has one), then the remaining fixes fix-all would take. */
async function applyAlternative(text: string, which: number): Promise<{ text: string; applied: Fix[] }> {
  const found = await findings(text);
  const chosen = found.map((f) => f.fixes[which]).filter((f): f is Fix => !!f);
  assert.ok(chosen.length > 0, `some finding has a fix #${which}`);
  const out = applyFixes(text, chosen);
  assert.deepEqual(out.skipped, []);
  return { text: out.text, applied: out.applied };
}

describe('python read rules: second (unsafe) fixes behave on ordinary input', () => {
  const program = [
    'def case_tail_n(path, n):',
    '    with open(path) as f:',
    '        return f.readlines()[-n:]',
    '',
    '',
    'def case_split_tail_n(path, n):',
    '    with open(path) as f:',
    '        return f.read().splitlines()[-n:]',
    '',
    '',
    'def case_first_line(path, n):',
    '    with open(path) as f:',
    '        return f.readlines()[0]',
    '',
  ].join('\n');

  it('applies the alternatives and runs the cases before and after', async () => {
    const { text, applied } = await applyAlternative(program, 1);
    assert.deepEqual(applied.map((f) => f.safety), ['unsafe', 'unsafe', 'unsafe']);
    assert.match(text, /return list\(collections\.deque\(f, maxlen=n\)\)/);
    assert.match(text, /return "".join\(collections\.deque\(f, maxlen=n\)\)\.splitlines\(\)\[-n:\]/);
    assert.match(text, /return f\.readline\(\)/);
    assert.deepEqual(runCases(text, '.py', ORDINARY_FILES, ORDINARY_NS), runCases(program, '.py', ORDINARY_FILES, ORDINARY_NS));
  });

  it('and they do differ where they say they might', async () => {
    const { text } = await applyAlternative(program, 1);
    const inputs = { empty: '', ...ORDINARY_FILES };
    const before = runCases(program, '.py', inputs, [0]);
    const after = runCases(text, '.py', inputs, [0]);
    const differing = after.filter((line, i) => line !== before[i]).map((line) => JSON.parse(line).slice(0, 3).join(' '));
    assert.deepEqual(differing, ['case_first_line empty 0', 'case_split_tail_n many-lines 0', 'case_tail_n many-lines 0']);
  });
});

describe('python read rules: where the content is used', () => {
  it('relates a read through a variable to each line that uses it', async () => {
    const text = [
      'def count(path):',
      '    with open(path) as f:',
      '        content = f.read()',
      '    n = 0',
      '    for line in content.splitlines():',
      '        n += 1',
      '    return n',
      'def tail(path):',
      '    with open(path) as f:',
      '        lines = f.readlines()',
      '    return lines[-3:]',
      '',
    ].join('\n');
    const found = await findings(text);
    assert.deepEqual(
      found.map((f) => [f.rule, f.line, f.related]),
      [
        ['whole-file-read', 3, [{ line: 5, column: 17, endLine: 5, endColumn: 37, message: '`content` is used here' }]],
        ['readlines-for-tail', 10, [{ line: 11, column: 12, endLine: 11, endColumn: 22, message: '`lines` is used here' }]],
      ],
    );
  });

  it('relates nothing when the read is used where it is', async () => {
    const found = await findings('def tail(path):\n    with open(path) as f:\n        return f.readlines()[-5:]\n');
    assert.deepEqual(found.map((f) => f.related), [undefined]);
  });
});
