// memlint run as a user runs it: the built CLI in a child process, real scripts, exact bytes and exit statuses.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './support/paths';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'tracker');
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const SUMMARY = /^memlint: peak [\d,]+\.\d MB( \(([\d,]+ anon, [\d,]+ file(, [\d,]+ shared)?)?(; )?([+\u2212]\d+\.\d % vs last run)?\))?( at .+:\d+ in .+)? \| final RSS [\d,]+\.\d MB \| \d+(\.\d+)? s \| .+$/;

function memlint(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [CLI, 'run', ...args], { cwd, maxBuffer: 64 << 20 });
  const err = res.stderr.toString();
  return { code: res.status, out: res.stdout, err, last: err.trimEnd().split('\n').pop() ?? '' };
}

describe('memlint run', function () {
  this.timeout(120_000);
  let cwd: string;
  beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-run-cli-'))));
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it("passes the child's stdout and stderr through untouched, then prints one summary line, and exits with its code", () => {
    const r = memlint(['--no-history', path.join(FIX, 'output.py'), '3'], cwd);
    assert.equal(r.code, 3, r.err);
    assert.deepEqual(r.out, Buffer.from('out 1\r\nout \xc3\xa9 2\nno newline', 'latin1'));
    const lines = r.err.split('\n');
    assert.equal(lines[0], 'err 1');
    assert.equal(lines.length, 3, r.err); // the child's line, the summary, the final newline
    assert.match(lines[1], SUMMARY);
    assert.match(lines[1], / \| exit 3$/);
  });

  it('exits 128 + the signal for a signal, 137 for the limit, and says so', () => {
    const term = memlint(['--no-history', path.join(FIX, 'sigterm.py')], cwd);
    assert.equal(term.code, 143);
    assert.match(term.last, /\| killed by SIGTERM, exit 143$/);
    const limited = memlint(['--no-history', '--limit', '150', path.join(FIX, 'grow.py')], cwd);
    assert.equal(limited.code, 137);
    assert.match(limited.last, SUMMARY);
    assert.match(limited.last, /^memlint: peak (1[5-9]\d|[2-9]\d\d|1,\d{3})\.\d MB( \(\d+ anon, \d+ file\))? at .*grow\.py:\d+ in <module> \| .* \| OOMKilled at 150 MiB limit, exit 137$/);
    const crash = memlint(['--no-history', path.join(FIX, 'crash.js')], cwd);
    assert.equal(crash.code, 1);
    assert.match(crash.err, /Error: boom/);
    assert.match(crash.last, /^memlint: peak (8\d|9\d|1\d\d)\.\d MB( \(\d+ anon, \d+ file\))? at .*crash\.js:\d+ in .* \| exit 1$/);
  });

  it('writes the JSON report, version 2, in the documented shape', () => {
    const report = path.join(cwd, 'report.json');
    const r = memlint(['--no-history', '--report', report, '--interval', '20', PYTHON, path.join(FIX, 'checkpoints.py')], cwd);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), [
      'budgetKiB', 'cgroup', 'checkpoints', 'command', 'exitCode', 'finalRssKiB', 'killedByLimit', 'limitKiB', 'peakKiB', 'peakKinds', 'peakLocation',
      'peakStack', 'processes', 'samples', 'signal', 'tests', 'topLines', 'version', 'wallMs',
    ]);
    assert.equal(json.version, 2);
    assert.deepEqual(json.command, [PYTHON, path.join(FIX, 'checkpoints.py')]);
    assert.deepEqual([json.exitCode, json.signal, json.limitKiB, json.killedByLimit], [0, null, null, false]);
    for (const k of ['wallMs', 'peakKiB', 'finalRssKiB']) assert.equal(typeof json[k], 'number', k);
    assert.deepEqual(Object.keys(json.peakLocation as object).sort(), ['file', 'function', 'line']);
    const samples = json.samples as Array<Record<string, unknown>>;
    assert.ok(samples.length >= 2);
    assert.deepEqual(Object.keys(samples[0]).sort(), ['anonKiB', 'fileKiB', 'rssKiB', 'shmemKiB', 't']);
    assert.deepEqual(Object.keys(json.peakKinds as object).sort(), ['anonKiB', 'fileKiB', 'rssKiB', 'shmemKiB']);
    assert.deepEqual(json.peakStack, [json.peakLocation]);
    const checkpoints = json.checkpoints as Array<Record<string, unknown>>;
    assert.deepEqual(
      checkpoints.map((c) => c.label),
      ['Start', 'Content parsed', 'Report generated'],
    );
    assert.deepEqual(Object.keys(checkpoints[0]).sort(), ['budgetKiB', 'file', 'label', 'line', 'peakKiB', 'phasePeakKiB', 'rssKiB', 't']);
    const processes = json.processes as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(processes[0]).sort(), ['argv', 'peakKiB', 'pid']);
    assert.ok((json.peakKiB as number) >= 60 * 1024);
  });

  it('compares with the last run of the same script, kept in .memlint/runs.json', () => {
    const script = path.join(cwd, 'job.py');
    fs.copyFileSync(path.join(FIX, 'alloc.py'), script);
    const first = memlint(['job.py', '200'], cwd);
    assert.equal(first.code, 0, first.err);
    assert.doesNotMatch(first.last, /vs last run/);
    fs.copyFileSync(path.join(FIX, 'alloc.py'), script);
    const second = memlint(['job.py', '20'], cwd);
    assert.match(second.last, /^memlint: peak [\d.]+ MB \((\d+ anon, \d+ file; )?\u2212[89]\d\.\d % vs last run\) at job\.py:\d+ in <module> \|/);
    const history = JSON.parse(fs.readFileSync(path.join(cwd, '.memlint', 'runs.json'), 'utf8')) as { scripts: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(history.scripts), ['job.py']);
    assert.equal(history.scripts['job.py'].length, 2);
  });

  it('runs any other command as given (no location), and `node x.js` as a tracked script', () => {
    const sh = memlint(['--no-history', '--', 'sh', '-c', 'echo "$0 $1"; exit 5', 'a b', '$HOME'], cwd);
    assert.equal(sh.code, 5);
    assert.equal(sh.out.toString(), 'a b $HOME\n');
    // sh is gone in a millisecond or two: often before the first reading, and then it says so instead of a peak.
    assert.match(sh.last, /^memlint: (peak [\d,]+\.\d MB \| final RSS [\d,]+\.\d MB|the process exited before it could be measured \(no peak, no final RSS\)) \| \d\.\d\d s \| exit 5$/);
    fs.writeFileSync(path.join(cwd, 'big.txt'), 'x'.repeat(1 << 20).concat('\n').repeat(60));
    const node = memlint(['--no-history', 'node', path.join(FIX, 'read_whole.js'), 'big.txt'], cwd);
    assert.equal(node.code, 0, node.err);
    assert.match(node.last, / at .*read_whole\.js:5 in load \u2190 .*read_whole\.js:9 in <module> \| /);
  });

  it('exits 2 with one line for bad usage or a run that cannot start', () => {
    const help = memlint(['--help'], cwd);
    assert.equal(help.code, 0);
    assert.match(help.out.toString(), /^Usage: memlint run /);
    for (const [args, message] of [
      [[], /nothing to run/],
      [['--limit', 'lots', 'x.py'], /--limit must be a number/],
      [['--interval', '1', 'x.py'], /--interval must be a number of at least 5/],
      [['--frobnicate', 'x.py'], /unknown option --frobnicate/],
      [['missing.py'], /no such file: missing\.py/],
      [['--python', '/nonexistent/python', path.join(FIX, 'alloc.py'), '1'], /cannot run '\/nonexistent\/python': not found/],
      [['--report', path.join(cwd, 'no', 'such', 'dir', 'r.json'), path.join(FIX, 'alloc.py'), '1'], /cannot write the report/],
    ] as Array<[string[], RegExp]>) {
      const r = memlint(args, cwd);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^memlint: /);
      assert.match(r.err, message);
    }
  });
});
