// memlint check against hostile files and hostile timing: every file is generated here, in a temp folder.
// Some tests load a small preload script into the CLI (NODE_OPTIONS=--require) to act at an exact moment: another
// process appending to the file being fixed, a full disk, a wasm abort in the parser.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { decodeText, encodeText, type Encoding } from '../src/cli/encoding';
import { CLI, memlint, noStack, removeTempDirs, TAIL_PY, tempDir, tree } from './support/cli';
import { ROOT } from './support/paths';

const FIXED_PY = 'import collections\ndef tail(path):\n    with open(path) as f:\n        return list(collections.deque(f, maxlen=10))\n';
const FINDING = /^tail\.py:3:16: warning readlines-for-tail /m;
const isRoot = process.getuid?.() === 0;

after(removeTempDirs);

/** Run as an unprivileged user even when the tests run as root (root ignores file permissions): nobody owns `dir`. */
/** A folder's files but the cache memlint check keeps there (.memlint/): what a temporary file would show up among. */
function besideCache(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name !== '.memlint');
}

function unprivileged(dir: string): SpawnSyncOptions {
  if (!isRoot) return {};
  spawnSync('chown', ['-R', '65534:65534', dir]);
  return { uid: 65534, gid: 65534 };
}

/** A script the CLI loads before it starts, written outside the checked folder. */
function preload(source: string): NodeJS.ProcessEnv {
  const file = path.join(tempDir('memlint-preload-'), 'preload.js');
  fs.writeFileSync(file, source);
  return { NODE_OPTIONS: `--require=${file}` };
}

/** Whether a child has exited; it stays a zombie until the event loop reaps it, so this works in a busy loop. */
function exited(child: ChildProcess): boolean {
  try {
    return fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] === 'Z';
  } catch {
    return true;
  }
}

/**
 * A slow disk: every write of a file goes in 64 KB pieces with a pause between them, and writeFileSync truncates first
 * and then writes that way, as it does. What a reader or Ctrl-C meets in the middle of a write becomes visible.
 */
const SLOW_DISK = `
  const fs = require('node:fs');
  const { writeSync, openSync, closeSync, writeFileSync } = fs;
  const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
  fs.writeSync = function (fd, buffer, offset = 0, length, position) {
    if (fd <= 2 || typeof buffer === 'string') return writeSync.apply(this, arguments);
    pause();
    return writeSync.call(this, fd, buffer, offset, Math.min(length ?? buffer.length - offset, 65536), position);
  };
  fs.writeFileSync = function (file, data) {
    if (typeof file !== 'string') return writeFileSync.apply(this, arguments);
    const fd = openSync(file, 'w');
    try {
      const bytes = Buffer.from(data);
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      closeSync(fd);
    }
  };
`;

/**
 * ~1.9 MB: 30 pieces for the slow disk, under the 2 MB default limit. Assignments, not comments: tree-sitter-python
 * takes quadratic time over a block of comment lines that follows a statement.
 */
const BIG_PY = TAIL_PY + Array.from({ length: 26_000 }, (_, i) => `x${String(i).padStart(5, '0')} = "${'x'.repeat(60)}"`).join('\n') + '\n';
const BIG_FIXED = FIXED_PY + BIG_PY.slice(TAIL_PY.length);

describe('memlint check --fix: no data lost', () => {
  it('replaces a file in one step: a reader never sees it empty or cut short', async () => {
    const dir = tree({ 'tail.py': BIG_PY });
    const file = path.join(dir, 'tail.py');
    const child = spawn(process.execPath, [CLI, 'check', '--fix', 'tail.py'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...preload(SLOW_DISK) } });
    const sizes = new Set<number>();
    while (!exited(child)) sizes.add(fs.statSync(file).size);
    await once(child, 'close');
    assert.equal(fs.readFileSync(file, 'utf8'), BIG_FIXED);
    assert.deepEqual([...sizes].filter((s) => s !== BIG_PY.length && s !== BIG_FIXED.length), [], 'sizes seen besides the old and the new');
    assert.deepEqual(besideCache(dir), ['tail.py']);
  });

  it('leaves a file that changed while it was being fixed, says so, and keeps its findings', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const appended = Array.from({ length: 96 }, (_, i) => `print(${i})\n`).join('');
    // Another process appends to the file after memlint read it, just before memlint writes anything.
    const env = preload(`
      const fs = require('node:fs');
      let done = false;
      const append = () => { if (!done) { done = true; fs.appendFileSync(${JSON.stringify(path.join(dir, 'tail.py'))}, ${JSON.stringify(appended)}); } };
      const writes = (flags) => typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0 : /[wa+]/.test(String(flags ?? 'r'));
      const { openSync, writeFileSync } = fs;
      fs.openSync = function (p, flags, ...rest) { if (writes(flags)) append(); return openSync.call(this, p, flags, ...rest); };
      fs.writeFileSync = function (...args) { append(); return writeFileSync.apply(this, args); };
    `);
    // No cache: its first write would be the one the append follows.
    const r = memlint(['check', '--fix', '--no-cache', 'tail.py'], dir, env);
    assert.equal(fs.readFileSync(path.join(dir, 'tail.py'), 'utf8'), TAIL_PY + appended, 'nothing lost');
    assert.equal(r.err, 'memlint: tail.py: changed while memlint was fixing it: fixes not applied (run memlint again)\n');
    assert.match(r.out, FINDING);
    assert.match(r.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\.$/m);
    assert.equal(r.code, 1);
    assert.deepEqual(besideCache(dir), ['tail.py'], 'no temporary file left');
  });

  it('keeps the mode of a fixed file, and its owner when run as root', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const file = path.join(dir, 'tail.py');
    fs.chmodSync(file, 0o754);
    if (isRoot) fs.chownSync(file, 65534, 65534);
    const r = memlint(['check', '--fix', 'tail.py'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED_PY);
    const stat = fs.statSync(file);
    assert.equal(stat.mode & 0o7777, 0o754);
    if (isRoot) assert.deepEqual([stat.uid, stat.gid], [65534, 65534]);
  });

  it('Ctrl-C during the write leaves the old file or the new one, and no temporary file', async () => {
    const dir = tree({ 'tail.py': BIG_PY });
    const file = path.join(dir, 'tail.py');
    const child = spawn(process.execPath, [CLI, 'check', '--fix', 'tail.py'], { cwd: dir, stdio: 'ignore', env: { ...process.env, ...preload(SLOW_DISK) } });
    const { mtimeMs } = fs.statSync(file);
    let interrupted = false;
    while (!exited(child)) {
      // The first sign of writing: a new file beside it, or the file itself touched.
      if (!interrupted && (besideCache(dir).length > 1 || fs.statSync(file).mtimeMs !== mtimeMs)) {
        child.kill('SIGINT');
        interrupted = true;
      }
    }
    await once(child, 'close');
    assert.ok(interrupted, 'the write was seen');
    assert.ok([BIG_PY, BIG_FIXED].includes(fs.readFileSync(file, 'utf8')), 'the old or the new text, whole');
    assert.deepEqual(besideCache(dir), ['tail.py']);
  });

  it('rewrites a symlink\'s target only inside the paths given, and keeps the link', () => {
    const outside = tree({ 'elsewhere.py': TAIL_PY });
    const dir = tree({ 'target.py': TAIL_PY });
    fs.symlinkSync(path.join(outside, 'elsewhere.py'), path.join(dir, 'out.py'));
    fs.symlinkSync('target.py', path.join(dir, 'in.py'));
    const r = memlint(['check', '--fix', '.'], dir);
    assert.equal(r.err, `memlint: out.py: not fixed: it links to ${fs.realpathSync(outside)}/elsewhere.py, outside the paths being checked\n`);
    assert.equal(fs.readFileSync(path.join(outside, 'elsewhere.py'), 'utf8'), TAIL_PY, 'the outside file is untouched');
    assert.equal(fs.readlinkSync(path.join(dir, 'in.py')), 'target.py', 'the link is kept');
    assert.equal(fs.readFileSync(path.join(dir, 'target.py'), 'utf8'), FIXED_PY);
    assert.match(r.out, /^out\.py:3:16: warning readlines-for-tail /m);
    assert.match(r.out, /^Fixed 1 problem\. Found 1 problem in 1 file \(1 fixable with --fix\)\.$/m);
    assert.equal(r.code, 1);
    // Named on its own, the link is still judged by the folder it is in.
    const named = memlint(['check', '--fix', 'out.py'], dir);
    assert.match(named.err, /^memlint: out\.py: not fixed: it links to .*elsewhere\.py, outside the paths being checked$/m);
    assert.equal(fs.readFileSync(path.join(outside, 'elsewhere.py'), 'utf8'), TAIL_PY);
  });

  it('says a read-only file cannot be written, and keeps its findings', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const as = unprivileged(dir); // as root, the file's mode would not stop a write: run as nobody
    fs.chmodSync(path.join(dir, 'tail.py'), 0o444);
    const r = memlint(['check', '--fix', 'tail.py'], dir, {}, as);
    assert.equal(r.err, 'memlint: tail.py: cannot write (EACCES: permission denied): fixes not applied\n');
    assert.match(r.out, FINDING);
    assert.match(r.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\.$/m);
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'tail.py'), 'utf8'), TAIL_PY);
  });

  it('removes its temporary file when the write fails (a full disk)', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const env = preload(`
      const fs = require('node:fs');
      const { writeSync } = fs;
      fs.writeSync = function (fd, ...rest) {
        if (fd > 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return writeSync.call(this, fd, ...rest);
      };
    `);
    const r = memlint(['check', '--fix', 'tail.py'], dir, env);
    assert.equal(r.err, 'memlint: tail.py: cannot write (ENOSPC: no space left on the device): fixes not applied\n');
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'tail.py'), 'utf8'), TAIL_PY);
    assert.deepEqual(besideCache(dir), ['tail.py']);
  });
});

describe('memlint check: files that are not source', () => {
  it('skips FIFOs, sockets, devices and /proc files, named, walked or through a symlink, without blocking', async () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const elsewhere = tempDir('memlint-fifo-');
    spawnSync('mkfifo', [path.join(dir, 'fifo.py'), path.join(elsewhere, 'fifo')]);
    fs.symlinkSync(path.join(elsewhere, 'fifo'), path.join(dir, 'fifo-link.py'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.py'));
    fs.symlinkSync('/proc/version', path.join(dir, 'proc.py'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock.py'), resolve));
    try {
      const r = memlint(['check', 'fifo.py', 'zero.py', '.'], dir, {}, { timeout: 60_000 });
      assert.equal(r.signal, null, 'did not hang');
      assert.deepEqual(r.err.trim().split('\n').sort(), [
        'memlint: fifo-link.py: not a regular file (a FIFO), skipped',
        'memlint: fifo.py: not a regular file (a FIFO), skipped',
        'memlint: proc.py: not a source file (/proc/version is a kernel pseudo-file), skipped',
        'memlint: sock.py: not a regular file (a socket), skipped',
        'memlint: zero.py: not a regular file (a character device), skipped',
      ]);
      assert.match(r.out, FINDING);
      assert.match(r.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\. 5 files not checked \(see above\)\.$/m);
      assert.equal(r.code, 1);
    } finally {
      server.close();
    }
  });

  it('says why a path cannot be read, in one line each: a file used as a folder, a symlinked folder, no permission', () => {
    const dir = tree({ 'tail.py': TAIL_PY, 'locked.py': TAIL_PY, 'secret/a.py': TAIL_PY, 'real/b.py': TAIL_PY });
    fs.symlinkSync('real', path.join(dir, 'folder-link.py'));
    const as = unprivileged(dir);
    fs.chmodSync(path.join(dir, 'locked.py'), 0);
    fs.chmodSync(path.join(dir, 'secret'), 0);
    const r = memlint(['check', 'tail.py/', '.'], dir, {}, as);
    fs.chmodSync(path.join(dir, 'secret'), 0o700); // so that the folder can be removed
    noStack(r.err);
    assert.deepEqual(r.err.trim().split('\n').sort(), [
      'memlint: folder-link.py: links to a folder (symlinked folders are not followed), skipped',
      'memlint: locked.py: cannot read (EACCES: permission denied)',
      'memlint: secret: cannot read folder (EACCES: permission denied)',
      'memlint: tail.py/: cannot read (ENOTDIR: a parent is not a folder)',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.out, FINDING);
    assert.match(r.out, /^real\/b\.py:3:16: /m);
  });

  it('decodes UTF-16 and UTF-32 with a BOM, and --fix writes them back in the same encoding', () => {
    // Encoded by Python, not by memlint; the emoji needs a surrogate pair in UTF-16.
    const text = '# 😀 ünïcode\n' + TAIL_PY;
    const utf8 = tree({ 'tail.py': text });
    assert.equal(memlint(['check', '--fix', 'tail.py'], utf8).code, 0);
    const fixed = fs.readFileSync(path.join(utf8, 'tail.py'), 'utf8');
    const codecs = { 'utf-16le': 'utf-16-le', 'utf-16be': 'utf-16-be', 'utf-32le': 'utf-32-le', 'utf-32be': 'utf-32-be' };
    const python = (s: string, codec: string) =>
      spawnSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("utf-8").encode(sys.argv[1]))', codec], { input: '\ufeff' + s }).stdout;
    const files = Object.fromEntries(Object.values(codecs).map((codec) => [`${codec}.py`, python(text, codec)]));
    const dir = tree(files);
    const r = memlint(['check', '--format', 'json', '.'], dir);
    assert.equal(r.err, '');
    assert.deepEqual((JSON.parse(r.out) as { file: string; line: number; column: number }[]).map((f) => [f.file, f.line, f.column]), [
      ['utf-16-be.py', 4, 16],
      ['utf-16-le.py', 4, 16],
      ['utf-32-be.py', 4, 16],
      ['utf-32-le.py', 4, 16],
    ]);
    const fix = memlint(['check', '--fix', '.'], dir);
    assert.equal(fix.code, 0, fix.err);
    for (const codec of Object.values(codecs)) {
      const bytes = fs.readFileSync(path.join(dir, `${codec}.py`));
      const expected = python(fixed, codec);
      assert.ok(bytes.equals(expected), `${codec}: the fixed text in the same encoding, with its BOM`);
    }
  });
});

describe('memlint check: files too big or too dense to parse', () => {
  it('skips files over the size or line-length limit, names the limit, and the flags change it', () => {
    const big = TAIL_PY + 'x = 1\n'.repeat(450_000); // 2.6 MB
    const long = TAIL_PY + `y = "${'a'.repeat(150_000)}"\n`;
    const dir = tree({ 'big.py': big, 'long.py': long, 'tail.py': TAIL_PY });
    const r = memlint(['check', '.'], dir);
    assert.deepEqual(r.err.trim().split('\n'), [
      'memlint: big.py: skipped: 2.6 MB is over the 2 MB limit (--max-file-size)',
      'memlint: long.py: skipped: line 4 has 150,006 characters, over the 100,000 limit (--max-line-length)',
    ]);
    assert.match(r.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\. 2 files not checked \(see above\)\.$/m);
    assert.equal(r.code, 1);
    // No analysis budget: 450,000 statements take the rules longer than the default 2 s on a loaded machine.
    const raised = memlint(['check', '--max-file-size', '4096', '--max-line-length=200000', '--budget-ms', '0', '--format', 'json', '.'], dir);
    assert.equal(raised.err, '');
    assert.deepEqual((JSON.parse(raised.out) as { file: string }[]).map((f) => f.file), ['big.py', 'long.py', 'tail.py']);
    for (const [args, message] of [
      [['--max-file-size', '0'], '--max-file-size must be a whole number of at least 1'],
      [['--max-file-size', '2MB'], '--max-file-size must be a whole number of at least 1'],
      [['--max-line-length', '120'], '--max-line-length must be a whole number of at least 1000 (it skips files; it is not a style check)'],
    ]) {
      const bad = memlint(['check', ...args, '.'], dir);
      assert.equal(bad.code, 2);
      assert.equal(bad.err, `memlint: ${message} (got '${args[1]}')\n`);
    }
  });

  it('a Python parser failure (a wasm abort) costs only that file: the next files are still checked', () => {
    const dir = tree({ 'a-huge.py': 'x = [1]  # BLOW_UP\n', 'tail.py': TAIL_PY });
    // As the wasm runtime does when it runs out of memory: the parser aborts, and that parser is unusable afterwards.
    const env = preload(`
      const { Parser } = require(${JSON.stringify(require.resolve('web-tree-sitter', { paths: [ROOT] }))});
      const parse = Parser.prototype.parse;
      const dead = new WeakSet();
      Parser.prototype.parse = function (text, ...rest) {
        if (dead.has(this) || String(text).includes('BLOW_UP')) {
          dead.add(this);
          throw new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
        }
        return parse.call(this, text, ...rest);
      };
    `);
    const r = memlint(['check', '.'], dir, env);
    assert.equal(r.err, 'memlint: a-huge.py: the Python parser failed (Aborted()), most likely out of memory; file not checked\n');
    assert.match(r.out, FINDING);
    assert.match(r.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\. 1 file not checked \(see above\)\.$/m);
    assert.equal(r.code, 2);
  });

  it('a real wasm abort: a 21 MB one-line list with the limits raised (MEMLINT_HEAVY_TESTS=1: ~20 s, 2.2 GB)', function () {
    if (!process.env.MEMLINT_HEAVY_TESTS) this.skip();
    this.timeout(300_000);
    const dir = tree({ 'a-huge.py': `x = [${'1,'.repeat(10_500_000)}]\n`, 'tail.py': TAIL_PY });
    const r = memlint(['check', '--max-file-size', '40000', '--max-line-length', '30000000', '.'], dir);
    assert.equal(r.err, 'memlint: a-huge.py: the Python parser failed (Aborted()), most likely out of memory; file not checked\n');
    assert.match(r.out, FINDING);
    assert.equal(r.code, 2);
  });

  it('refuses a JS file that could exhaust the V8 heap, instead of crashing', () => {
    // Shorthand objects are typescript-estree's densest case (~760 bytes of heap per character); 256 MB of heap.
    const dir = tree({ 'dense.js': `x = [\n${'{a},\n'.repeat(90_000)}];\n`, 'tail.py': TAIL_PY });
    const r = memlint(['check', '.'], dir, { NODE_OPTIONS: '--max-old-space-size=256' }, { timeout: 120_000 });
    noStack(r.err);
    assert.match(r.err, /^memlint: dense\.js:1:1: too large to parse safely: it could take up to 344 MB of memory, and \d+ MB is left \(raise it with NODE_OPTIONS=--max-old-space-size\); file not checked\n$/);
    assert.match(r.out, FINDING);
    assert.equal(r.code, 1);
  });
});

describe('memlint check: output', () => {
  it('cuts lines wider than 160 columns around the finding, with … where they were cut (a minified or generated line)', () => {
    const source = `import sys\nx = [${'1,'.repeat(300)}1]; data = open(sys.argv[1]).readlines()[-10:]\n`;
    const dir = tree({ 'wide.py': source });
    const lines = memlint(['check', 'wide.py'], dir).out.split('\n');
    const code = lines.find((l) => l.startsWith('  2 |'))!;
    assert.equal(code, `  2 | …${',1'.repeat(15)}]; data = open(sys.argv[1]).readlines()[-10:]`, '40 columns before the finding');
    const carets = lines[lines.indexOf(code) + 1];
    assert.equal(carets.indexOf('^'), code.indexOf('open('), 'the span is underlined where it is shown');
    assert.equal(lines[lines.indexOf(code) - 1], '  1 | …', 'a line before the window is cut to …');
    const long = memlint(['check', 'wide.py'], tree({ 'wide.py': `import sys\ndata = open(sys.argv[1]).readlines()[-10:]; x = [${'1,'.repeat(300)}1]\n` })).out;
    assert.match(long, /^ {2}2 \| data = open\(sys\.argv\[1\]\)\.readlines\(\)\[-10:\]; x = \[(1,)+1?…$/m, 'the end is cut');
    assert.ok(long.split('\n').filter((l) => /^ *\d* \|/.test(l)).every((l) => l.length <= 170), 'every line of the frame');
  });

  it('escapes control and bidi characters in text output; JSON escapes them too', () => {
    const name = 'evil\x1b]0;pwned\x07\n.py';
    const source = 'def tail(path):\n    with open(path) as f:\n        s = "\u202e\x1b[2J\x9b"; return f.readlines()[-10:]\n';
    const dir = tree({ [name]: source });
    const r = memlint(['check', '.'], dir);
    assert.doesNotMatch(r.out + r.err, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, 'no raw control character');
    const lines = r.out.split('\n');
    assert.equal(lines[0].split(' warning ')[0], 'evil\\x1b]0;pwned\\x07\\x0a.py:3:30:');
    const code = lines.find((l) => l.startsWith('  3 |'))!;
    assert.equal(code, '  3 |         s = "\\u202e\\x1b[2J\\x9b"; return f.readlines()[-10:]');
    const carets = lines[lines.indexOf(code) + 1];
    assert.equal(carets.indexOf('^'), code.indexOf('f.readlines'), 'the span is underlined where it is shown');
    const json = memlint(['check', '--format', 'json', '.'], dir).out;
    assert.doesNotMatch(json, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    assert.equal((JSON.parse(json) as { file: string }[])[0].file, name);
    const sarif = memlint(['check', '--format', 'sarif', '.'], dir).out;
    assert.doesNotMatch(sarif, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  for (const stream of ['stdout', 'stderr'] as const) {
    it(`exits quietly (141) when the reader of its ${stream} goes away (check | head -1)`, async () => {
      const files: Record<string, string | Buffer> = {};
      // Findings go to stdout, skipped binary files to stderr: more than a pipe holds (64 KB).
      for (let i = 0; i < 1000; i++) files[stream === 'stdout' ? `f${i}.py` : `${'binary'.repeat(20)}${i}.py`] = stream === 'stdout' ? TAIL_PY : Buffer.from([0, 1, 2]);
      const dir = tree(files);
      const child = spawn(process.execPath, [CLI, 'check', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let other = '';
      const closing = child[stream];
      closing.once('data', () => closing.destroy());
      (stream === 'stdout' ? child.stderr : child.stdout).on('data', (d) => (other += d));
      const [code] = (await once(child, 'close')) as [number];
      if (stream === 'stdout') noStack(other);
      assert.equal(code, 141);
    });
  }
});

describe('text encodings', () => {
  const SAMPLE = 'a = "é😀"\r\nb = 1\n';
  const encodings: Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'];

  it('decodes what it encodes and encodes back the same bytes, BOM or not', () => {
    for (const encoding of encodings) {
      for (const bom of encoding === 'utf-8' ? [false, true] : [true]) {
        const bytes = encodeText(SAMPLE, encoding, bom);
        assert.deepEqual(decodeText(bytes), { text: SAMPLE, encoding, bom, lossy: false }, `${encoding} bom=${bom}`);
      }
    }
  });

  it('marks invalid input lossy: an odd UTF-16 length, a lone surrogate, a UTF-32 value past U+10FFFF', () => {
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x61, 0, 0x62])).lossy, true);
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x3d, 0xd8, 0x61, 0])).lossy, true);
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0, 0, 0x11, 0])).lossy, true);
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])).text, 'a');
  });
});
