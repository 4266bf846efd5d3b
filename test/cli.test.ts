// memlint check as a user runs it: the built CLI in a child process, on files in a temp folder.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { memlint, noStack, removeTempDirs, TAIL_PY, tree } from './support/cli';
import { ROOT } from './support/paths';

const SARIF_TOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

const TAIL_JS = "const fs = require('fs');\nconst last = fs.readFileSync(process.argv[2], 'utf8').split('\\n').slice(-10);\nconsole.log(last);\n";
const CLEAN_PY = 'def head(path):\n    with open(path) as f:\n        return f.read(4096)\n';

describe('memlint check', () => {
  after(removeTempDirs);

  it('prints usage with --help and exits 0; bad usage exits 2 with one line', () => {
    const dir = tree({});
    const help = memlint(['check', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: memlint check/);
    for (const args of [['check'], ['check', '--format', 'xml', '.'], ['check', '--rule', 'nope', '.'], ['check', '--frobnicate', '.'], ['frob'], ['check', '--format'], ['check', '--budget-ms', '2s', '.']]) {
      const r = memlint(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^memlint: /);
      noStack(r.err);
    }
    assert.match(memlint(['--version'], dir).out, /^\d+\.\d+\.\d+\n$/);
  });

  it('exits 0 with nothing found, 1 with findings, and names rule, line and column', () => {
    const dir = tree({ 'clean.py': CLEAN_PY, 'tail.py': TAIL_PY });
    const clean = memlint(['check', 'clean.py'], dir);
    assert.equal(clean.code, 0, clean.err);
    assert.equal(clean.out, 'No problems found.\n');
    const found = memlint(['check', '.'], dir);
    assert.equal(found.code, 1, found.err);
    assert.match(found.out, /^tail\.py:3:16: warning readlines-for-tail /m);
    assert.match(found.out, /^\s+= fix: /m);
    assert.match(found.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\.$/m);
  });

  it('prints the JSON shape with 1-based positions and fix edits', () => {
    const dir = tree({ 'tail.py': TAIL_PY, 'tail.js': TAIL_JS });
    const r = memlint(['check', '--format', 'json', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const out = JSON.parse(r.out) as Record<string, unknown>[];
    assert.deepEqual(out.map((f) => [f.file, f.rule, f.severity, f.line, f.column]), [
      ['tail.js', 'readlines-for-tail', 'warning', 2, 14],
      ['tail.py', 'readlines-for-tail', 'warning', 3, 16],
    ]);
    for (const f of out) {
      assert.deepEqual(Object.keys(f), ['file', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixes', 'related']);
      const fixes = f.fixes as { title: string; safety: string; edits: Record<string, unknown>[] }[];
      assert.ok(fixes.length > 0);
      for (const fix of fixes) {
        assert.ok(['safe', 'unsafe'].includes(fix.safety));
        for (const e of fix.edits) assert.deepEqual(Object.keys(e), ['line', 'column', 'endLine', 'endColumn', 'text']);
      }
    }
  });

  it('--rule runs only the named rules', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    const r = memlint(['check', '--rule', 'chained-copies', 'tail.py'], dir);
    assert.equal(r.code, 0, r.out + r.err);
  });

  it('--budget-ms: once a file has used up its analysis budget, its remaining rules are skipped, each with a line on stderr', () => {
    // The budget counts the rules' time: on these 30,000 read calls, the first rule alone takes well over 1 ms.
    const dir = tree({ 'big.py': TAIL_PY + 'print(open(p).read())\n'.repeat(30_000) });
    const r = memlint(['check', '--budget-ms', '1', 'big.py'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    const ids = ['readlines-for-tail', 'full-read-for-prefix', 'chained-copies', 'list-accumulation'];
    assert.equal(r.err, ids.map((id) => `memlint: big.py: rule ${id} skipped: the file's analysis budget of 1 ms was used up (--budget-ms raises it)\n`).join(''));
    const unlimited = memlint(['check', '--budget-ms', '0', 'big.py'], dir);
    assert.equal(unlimited.code, 1, unlimited.err);
    assert.match(unlimited.out, /^big\.py:3:16: warning readlines-for-tail /m);
  });

  it('--fix applies the safe fix in place, keeps CRLF and the BOM, and reports what remains', () => {
    const crlf = '\ufeff' + TAIL_PY.replace(/\n/g, '\r\n');
    const dir = tree({ 'tail.py': crlf });
    const r = memlint(['check', '--fix', 'tail.py'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^Fixed 1 problem\. No problems found\.$/m);
    const fixed = fs.readFileSync(path.join(dir, 'tail.py'), 'utf8');
    assert.ok(fixed.startsWith('\ufeff'), 'BOM kept');
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, 'every line break is still CRLF');
    assert.doesNotMatch(fixed, /readlines\(\)/);
    assert.equal(memlint(['check', 'tail.py'], dir).code, 0);
  });

  it('walks folders, skipping node_modules, .git, virtualenvs and __pycache__', () => {
    const dir = tree({
      'src/a.py': TAIL_PY,
      'node_modules/x/b.js': TAIL_JS,
      '.git/c.py': TAIL_PY,
      'env/pyvenv.cfg': 'home = /usr\n',
      'env/lib/d.py': TAIL_PY,
      '__pycache__/e.py': TAIL_PY,
      'notes.txt': TAIL_PY,
    });
    const r = memlint(['check', '--format', 'json', '.'], dir);
    assert.deepEqual((JSON.parse(r.out) as { file: string }[]).map((f) => f.file), ['src/a.py']);
  });

  it('hostile input: a message per file on stderr, the other files still checked, no stack trace', () => {
    const dir = tree({
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]),
      'nul.js': 'const a = 1;\0\n',
      'bad-utf8.py': Buffer.concat([Buffer.from('x = "caf'), Buffer.from([0xe9]), Buffer.from('"\n' + TAIL_PY)]),
      'deep.py': 'x = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + '\n',
      'deep.ts': 'x = ' + '['.repeat(20000) + ']'.repeat(20000) + ';\n',
      'long.py': 'x = "' + 'a'.repeat(20 * 1024 * 1024) + '"\n',
      'syntax.js': 'function (\n',
      'syntax.py': 'def f(:\n    pass\n' + TAIL_PY,
      'z-tail.py': TAIL_PY,
    });
    const r = memlint(['check', '--format', 'json', '.', 'missing.py'], dir);
    noStack(r.err);
    assert.equal(r.code, 2, 'an unreadable path exits 2');
    const lines = r.err.trim().split('\n').sort();
    assert.deepEqual(lines, [
      'memlint: bad-utf8.py: not valid UTF-8; checked with replacement characters',
      'memlint: binary.py: binary file (NUL bytes), skipped',
      'memlint: deep.ts:1:1: nesting too deep to parse; file not checked',
      'memlint: long.py: skipped: 20.1 MB is over the 2 MB limit (--max-file-size)',
      'memlint: missing.py: no such file or folder',
      'memlint: nul.js: binary file (NUL bytes), skipped',
      'memlint: syntax.js:1:10: Identifier expected; file not checked',
      'memlint: syntax.py:1:7: syntax error; the rest was checked, fixes withheld',
    ]);
    const found = JSON.parse(r.out) as { file: string; line: number; fixes: unknown[] }[];
    assert.deepEqual(found.map((f) => [f.file, f.line, f.fixes.length > 0]), [
      ['bad-utf8.py', 4, true],
      ['syntax.py', 5, false],
      ['z-tail.py', 3, true],
    ]);
  });

  it('never rewrites a file that is not valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('x = "caf'), Buffer.from([0xe9]), Buffer.from('"\n' + TAIL_PY)]);
    const dir = tree({ 'bad.py': bytes });
    const r = memlint(['check', '--fix', 'bad.py'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /not valid UTF-8; checked with replacement characters, not fixed/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'bad.py')), bytes);
  });

  it('colours text output on request and never when piped', () => {
    const dir = tree({ 'tail.py': TAIL_PY });
    assert.doesNotMatch(memlint(['check', 'tail.py'], dir).out, /\x1b\[/);
    assert.match(memlint(['check', 'tail.py'], dir, { FORCE_COLOR: '1' }).out, /\x1b\[33;1mwarning\x1b\[0m/);
  });

  it('writes SARIF 2.1.0 that the SARIF validator accepts, with GitHub ingestion rules', function () {
    const dir = tree({ 'src/tail.py': TAIL_PY, 'src/tail.js': TAIL_JS });
    const r = memlint(['check', '--format', 'sarif', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    assert.deepEqual(results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]), [
      ['readlines-for-tail', 'src/tail.js', 2],
      ['readlines-for-tail', 'src/tail.py', 3],
    ]);
    if (!fs.existsSync(SARIF_TOOL)) this.skip();
    const errorsOf = (sarifText: string, name: string) => {
      const file = path.join(dir, `${name}.sarif`);
      const report = path.join(dir, `${name}.validation.sarif`);
      fs.writeFileSync(file, sarifText);
      const v = spawnSync(SARIF_TOOL, ['validate', '--rule-kind', 'Sarif;Ghas', '--output', report, file], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      assert.equal(v.status, 0, v.stdout + v.stderr);
      const problems = (JSON.parse(fs.readFileSync(report, 'utf8')).runs[0].results ?? []) as { level?: string; ruleId: string }[];
      return problems.filter((p) => p.level === 'error').map((p) => p.ruleId);
    };
    // The validator does catch what GitHub rejects (a result without a location)...
    const bad = { ...sarif, runs: [{ ...sarif.runs[0], results: [{ ruleId: 'x', message: { text: 'm' } }] }] };
    assert.ok(errorsOf(JSON.stringify(bad), 'bad').length > 0);
    // ...and finds nothing wrong with memlint's.
    assert.deepEqual(errorsOf(r.out, 'memlint'), []);
  });
});
