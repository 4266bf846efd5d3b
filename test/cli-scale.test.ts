// memlint check on several threads and with its cache: the same bytes as one thread without a cache, a cache that
// follows what findings took from other files, a corrupt cache, and --fix runs that meet on one tree.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NO_TOTALS, type FileReport } from '../src/cli/checkFile';
import { Dispatch, InOrder } from '../src/cli/pool';
import { BUNDLE, CLI, memlint, removeTempDirs, TAIL_PY, tree } from './support/cli';
import { ROOT } from './support/paths';

const FIXED_PY = 'import collections\ndef tail(path):\n    with open(path) as f:\n        return list(collections.deque(f, maxlen=10))\n';
const TAIL_JS = "const fs = require('fs');\nconst last = fs.readFileSync('log.txt', 'utf8').split('\\n').slice(-10);\nconsole.log(last);\n";
const SERVICE = path.join(ROOT, 'examples', 'service');

/** examples/service (findings that follow reads across its three modules) with files of every kind beside it. */
function mixedTree(): string {
  const dir = tree({
    'a/tail.py': TAIL_PY,
    'a/tail.js': TAIL_JS,
    'a/syntax.js': 'function (\n',
    'a/syntax.py': 'def f(:\n    pass\n' + TAIL_PY,
    'a/binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
    'b/clean.py': 'def head(path):\n    with open(path) as f:\n        return f.read(4096)\n',
    'b/big.py': TAIL_PY + Array.from({ length: 3000 }, (_, i) => `x${i} = [v * 2 for v in range(${i})]`).join('\n') + '\n',
  });
  fs.cpSync(SERVICE, path.join(dir, 'service'), { recursive: true });
  return dir;
}

/** The files under `dir` but memlint's cache, with their contents. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.relative(dir, full).startsWith('.memlint')) out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

/** The lint entries of a cache, by name, with their modification times. */
function lintEntries(cache: string): Map<string, number> {
  const out = new Map<string, number>();
  const dir = path.join(cache, 'lint');
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(entry.name, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return out;
}

describe('memlint check on several threads, with a cache', () => {
  after(removeTempDirs);

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints the same bytes on one thread and on three, with and without a cache (--format ${format})`, () => {
      const dir = mixedTree();
      const serial = memlint(['check', '--format', format, '-j', '1', '--no-cache', '.'], dir);
      assert.equal(serial.code, 1, serial.err);
      assert.match(serial.out, /sections\.py/, 'a finding that reads another module');
      assert.match(serial.err, /^memlint: a\/syntax\.js:1:10: Identifier expected; file not checked$/m);
      for (const args of [['-j', '3', '--no-cache'], ['-j', '3'], ['-j', '3'], ['-j', '1']]) {
        const r = memlint(['check', '--format', format, ...args, '.'], dir);
        assert.deepEqual(r, serial, args.join(' '));
      }
    });
  }

  it('the bundle (dist/memlint.js) checks and fixes on threads as out/ does (its worker is dist/checkWorker.js)', () => {
    const dir = mixedTree();
    const serial = memlint(['check', '--format', 'json', '-j', '1', '--no-cache', '.'], dir);
    assert.match(serial.out, /"file": "a\/tail\.js"/, 'a JS/TS finding (the worker loads dist/estree.js)');
    for (const args of [['-j', '3', '--no-cache'], ['-j', '3'], ['-j', '3']]) {
      assert.deepEqual(memlint(['check', '--format', 'json', ...args, '.'], dir, {}, {}, BUNDLE), serial, args.join(' '));
    }
    const fixedByOut = mixedTree();
    const outFix = memlint(['check', '--fix', '-j', '1', '--no-cache', '.'], fixedByOut);
    const bundleFix = memlint(['check', '--fix', '-j', '3', '.'], dir, {}, {}, BUNDLE);
    assert.deepEqual(bundleFix, outFix);
    assert.deepEqual(contents(dir), contents(fixedByOut));
  });

  it('recomputes a finding when a module it took facts from changes (examples/service: sections.py)', () => {
    const dir = tree({ 'solo.py': TAIL_PY });
    fs.cpSync(SERVICE, path.join(dir, 'service'), { recursive: true });
    const first = memlint(['check', '.'], dir);
    assert.match(first.out, /^ {2}= via service\/sections\.py:10: `find_section_headers\(\)` loops over its lines here$/m);
    const cache = path.join(dir, '.memlint', 'cache');
    const before = lintEntries(cache);
    assert.equal(before.size, 4, 'one entry per file');

    // Nothing changed: every lint comes from the cache, none is written again.
    assert.deepEqual(memlint(['check', '.'], dir), first);
    assert.deepEqual(lintEntries(cache), before);

    // A line added at the top of sections.py moves what upload.py's finding points at.
    const sections = path.join(dir, 'service', 'sections.py');
    fs.writeFileSync(sections, '# Sections.\n' + fs.readFileSync(sections, 'utf8'));
    const after = memlint(['check', '.'], dir);
    assert.match(after.out, /^ {2}= via service\/sections\.py:11: `find_section_headers\(\)` loops over its lines here$/m);
    assert.match(after.out, /^ {2}= via service\/sections\.py:22: `extract_section\(\)` loops over its lines here$/m);
    assert.deepEqual(after, memlint(['check', '--no-cache', '.'], dir));
    // sections.py itself, and the two modules whose lints read its summary; solo.py took nothing from it.
    const rewritten = [...lintEntries(cache)].filter(([name, mtime]) => before.get(name) !== mtime);
    assert.equal(rewritten.length, 3);
  });

  it('ignores a corrupt cache and rebuilds it', () => {
    const dir = mixedTree();
    const truth = memlint(['check', '--format', 'json', '--no-cache', '.'], dir);
    const cache = path.join(dir, 'cache');
    memlint(['check', '--cache-location', cache, '.'], dir);
    const files = fs.readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'));
    assert.ok(files.length >= 7, 'entries were written');
    files.forEach((e, i) => {
      const file = path.join(e.parentPath, e.name);
      const text = fs.readFileSync(file, 'utf8');
      // Torn, empty, not JSON, another shape, other findings under the right shape.
      const broken = [text.slice(0, text.length >> 1), '', 'garbage\n', '[1, 2]', text.replace(/"line":\d+/g, '"line":999')][i % 5];
      fs.writeFileSync(file, broken);
    });
    for (const jobs of ['1', '3']) {
      const r = memlint(['check', '--format', 'json', '--cache-location', cache, '-j', jobs, '.'], dir);
      assert.deepEqual(r, truth, `-j ${jobs}`);
    }
    // Rewritten whole: a checksum line, then the entry.
    for (const e of files) JSON.parse(fs.readFileSync(path.join(e.parentPath, e.name), 'utf8').split('\n')[1]);
  });

  it('says when a cache location it was given cannot be used, and checks without it', () => {
    const dir = tree({ 'tail.py': TAIL_PY, 'file': 'not a folder\n' });
    const r = memlint(['check', '--cache-location', 'file/cache', 'tail.py'], dir);
    assert.equal(r.err, 'memlint: cannot use the cache at file/cache (ENOTDIR); checking without it\n');
    assert.equal(r.code, 1);
    assert.ok(!fs.existsSync(path.join(dir, '.memlint')));
  });

  it('keeps its cache in .memlint/cache, marked for git and backups; --no-cache writes none', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    memlint(['check', '--no-cache', 'tail.py'], dir);
    assert.ok(!fs.existsSync(path.join(dir, '.memlint')));
    memlint(['check', 'tail.py'], dir);
    const cache = path.join(dir, '.memlint', 'cache');
    assert.equal(fs.readFileSync(path.join(cache, '.gitignore'), 'utf8'), '# memlint check --cache: safe to delete\n*\n');
    assert.match(fs.readFileSync(path.join(cache, 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55\n/);
  });

  it('--fix on three threads writes what one thread writes and prints the same', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      files[`p/m${i}.py`] = TAIL_PY;
      files[`j/m${i}.js`] = TAIL_JS;
    }
    const one = tree(files);
    const three = tree(files);
    const a = memlint(['check', '--fix', '-j', '1', '.'], one);
    const b = memlint(['check', '--fix', '-j', '3', '.'], three);
    assert.deepEqual(b, a);
    assert.match(a.out, /^Fixed 24 problems\. No problems found\.$/m);
    assert.deepEqual(contents(three), contents(one));
    assert.equal(contents(one)['p/m0.py'], FIXED_PY);
  });

  it('a --fix run never takes a stored lint that has something to fix', () => {
    const dir = tree({ 'tail.py': TAIL_PY, 'other.py': TAIL_PY });
    assert.equal(memlint(['check', '.'], dir).code, 1);
    const r = memlint(['check', '--fix', '.'], dir);
    assert.match(r.out, /^Fixed 2 problems\. No problems found\.$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'tail.py'), 'utf8'), FIXED_PY);
    // And what --fix stored for the fixed text is what a check finds there.
    assert.deepEqual(memlint(['check', '.'], dir), memlint(['check', '--no-cache', '.'], dir));
  });

  it('two --fix runs at once on one tree leave every file whole and fixed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`d${i % 4}/m${i}.py`] = TAIL_PY + `x = ${'1 + '.repeat(2000)}1\n`;
    const dir = tree(files);
    const run = () => {
      const child = spawn(process.execPath, [CLI, 'check', '--fix', '-j', '2', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stdout.resume(); // read, or a run with much to say blocks on a full pipe
      child.stderr.on('data', (d: Buffer) => (err += d));
      return once(child, 'close').then(([code]) => ({ code: code as number, err }));
    };
    const results = await Promise.all([run(), run()]);
    for (const r of results) {
      assert.ok(r.code === 0 || r.code === 1, r.err);
      // The one thing a run may say: the other got to a file first.
      for (const line of r.err.split('\n').filter(Boolean)) assert.match(line, /: changed while memlint was fixing it: fixes not applied \(run memlint again\)$/);
    }
    const want = FIXED_PY + `x = ${'1 + '.repeat(2000)}1\n`;
    for (const [name, text] of Object.entries(contents(dir))) assert.equal(text, want, name);
    assert.equal(Object.keys(contents(dir)).length, 40, 'no temporary file left');
    assert.equal(memlint(['check', '.'], dir).code, 0);
  });

  it('--jobs takes a whole number of at least 1', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    for (const bad of ['0', 'two', '-1']) {
      const r = memlint(['check', '--jobs', bad, 'tail.py'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, `memlint: --jobs must be a whole number of at least 1 (got '${bad}')\n`);
    }
    assert.equal(memlint(['check', '-j', '4', 'tail.py'], dir).code, 1);
  });
});

describe("memlint check's threads: which files run at once", () => {
  const KB = 1024;

  it('checks heavy files so that those running at once stay within 1 MB (a larger one alone), small ones meanwhile', () => {
    // Four heavy files (3 MB, 900, 600 and 300 KB) and 200 small ones, on two workers taking turns.
    const sizes = [3072 * KB, 900 * KB, 600 * KB, 300 * KB, ...Array.from({ length: 200 }, (_, i) => (i % 50) * KB + 10)];
    const dispatch = new Dispatch(sizes.map((_, i) => i), sizes);
    const queued: number[][] = [[], []];
    const handedOut: number[] = [];
    const heavyAtOnce: number[][] = [];
    const left = [...sizes];
    for (let step = 0; !dispatch.empty || queued.some((q) => q.length); step++) {
      // A worker's turn: it takes a batch when it has none, else checks 64 KB of its next file.
      const w = step % 2;
      if (queued[w].length === 0) {
        const batch = dispatch.take(true);
        handedOut.push(...batch);
        queued[w].push(...batch);
      } else if ((left[queued[w][0]] -= 64 * KB) <= 0) dispatch.finished(queued[w].shift()!);
      heavyAtOnce.push(queued.map((q) => q[0]).filter((i) => i !== undefined && sizes[i] >= 64 * KB));
      assert.ok(step < 10_000);
    }
    assert.deepEqual([...handedOut].sort((a, b) => a - b), sizes.map((_, i) => i));
    // Largest first: the 3 MB file, alone; the other worker takes small files meanwhile.
    assert.equal(handedOut[0], 0);
    assert.ok(sizes[handedOut[1]] < 64 * KB);
    for (const running of heavyAtOnce) {
      const bytes = running.reduce((n, i) => n + sizes[i], 0);
      assert.ok(running.length <= 1 || bytes <= 1024 * KB, `heavy files at once: ${running.join(', ')}`);
    }
    assert.ok(heavyAtOnce.some((r) => r.length === 2), 'two heavy files that fit together run together');
  });

  it('makes a worker wait, rather than give it a heavy file that does not fit, when only heavy files are left', () => {
    const sizes = [900 * KB, 600 * KB, 200 * KB];
    const dispatch = new Dispatch([0, 1, 2], sizes);
    assert.deepEqual(dispatch.take(true), [0]);
    assert.deepEqual(dispatch.take(true), [], 'the 600 KB file waits for the 900 KB one');
    assert.equal(dispatch.empty, false);
    assert.equal(dispatch.finished(0), true);
    assert.deepEqual(dispatch.take(true), [1]);
    assert.deepEqual(dispatch.take(false), [], 'a worker with files queued is not given a heavy file');
    assert.deepEqual(dispatch.take(true), [2]);
    // A worker that died: its files are next again.
    dispatch.putBack([1, 2]);
    assert.deepEqual(dispatch.take(true), [1]);
  });
});

describe("memlint check's threads: reports put back in the order of the files", () => {
  const report = (stdout: string): FileReport => ({ stderr: '', stdout, elements: [], exit: stdout ? 1 : 0, totals: { ...NO_TOTALS, files: 1 }, cached: false });

  it('prints findings in file order, and hands on a report that prints nothing as soon as it comes (it is not held)', () => {
    const emitted: string[] = [];
    const reports = [report('a.py:1:1 finding\n'), report(''), report('c.py:2:1 finding\n'), report('')];
    const names = new Map(reports.map((r, i) => [r, `file ${i}`]));
    const inOrder = new InOrder(reports.length, (r) => emitted.push(names.get(r)!));
    inOrder.put(2, reports[2]);
    inOrder.put(3, reports[3]);
    assert.deepEqual(emitted, ['file 3'], 'the silent report of file 3 is handed on at once; file 2 waits for 0 and 1');
    inOrder.put(1, reports[1]);
    assert.deepEqual(emitted, ['file 3', 'file 1']);
    inOrder.put(0, reports[0]);
    assert.deepEqual(emitted, ['file 3', 'file 1', 'file 0', 'file 2']);
  });
});
