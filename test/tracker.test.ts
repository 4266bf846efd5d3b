// The tracker's API on real python3 and node processes. Timing is never asserted tightly: these tests share a loaded
// 2-core machine with other suites, so they check what the report says, with generous timeouts.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun, TrackerError, type RunEvents, type RunOptions } from '../src/tracker';
import { ROOT } from './support/paths';
import { measured, type MeasuredReport } from './support/report';

const FIX = path.join(ROOT, 'test', 'fixtures', 'tracker');
/** The real interpreter (not a pyenv shim), so GNU time measures Python itself. */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const MiB = 1024;

interface Tracked {
  report: MeasuredReport;
  stdout: string;
  stderr: string;
}

async function track(target: string, args: string[] = [], options: Partial<RunOptions> = {}, events: RunEvents = {}): Promise<Tracked> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const run = await startRun(
    { target: path.isAbsolute(target) ? target : path.join(FIX, target), args, python: PYTHON, ...options },
    { onStdout: (c) => out.push(c), onStderr: (c) => err.push(c), ...events },
  );
  const report = measured(await run.done);
  return { report, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** GNU time's "Maximum resident set size" of an untracked run, in KiB. */
function gnuTimeMaxRss(program: string, args: string[]): number {
  assert.ok(fs.existsSync('/usr/bin/time'), 'GNU time is needed for this test: apt-get install -y time');
  const res = spawnSync('/usr/bin/time', ['-v', program, ...args], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)![1]);
}

const within = (actual: number, expected: number, pct: number) =>
  assert.ok(Math.abs(actual - expected) <= (expected * pct) / 100, `${actual} KiB is not within ${pct} % of ${expected} KiB`);

const lineOf = (file: string, marker: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;

describe('tracker: runs real processes', function () {
  this.timeout(120_000);
  let dir: string;
  let big: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-tracker-'));
    big = path.join(dir, 'big.txt');
    const chunk = Buffer.from('a line of a large generated log file, read whole by the script under test\n'.repeat(14_000));
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk); // ~100 MiB
    fs.closeSync(fd);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('measures a known allocation within 1 % of GNU time -v (Python)', async () => {
    const expected = gnuTimeMaxRss(PYTHON, [path.join(FIX, 'alloc.py'), '400']);
    const { report, stdout } = await track('alloc.py', ['400']);
    assert.equal(stdout, `${400 << 20}\n`);
    assert.equal(report.exitCode, 0);
    assert.ok(report.peakKiB >= 400 * MiB);
    within(report.peakKiB, expected, 1);
  });

  it('measures a known allocation within 1 % of GNU time -v (Node)', async () => {
    const expected = gnuTimeMaxRss(process.execPath, [path.join(FIX, 'alloc.js'), '400']);
    const { report } = await track('alloc.js', ['400'], { node: process.execPath });
    assert.equal(report.exitCode, 0);
    assert.ok(report.peakKiB >= 400 * MiB);
    within(report.peakKiB, expected, 1);
  });

  it("places a whole-file read's peak on the line of the read (Python, inside one long C call)", async () => {
    const { report, stdout } = await track('read_whole.py', [big]);
    assert.equal(Number(stdout), fs.statSync(big).size);
    assert.ok(report.peakKiB > 190 * MiB, `peak ${report.peakKiB}`); // bytes and str together
    assert.deepEqual(report.peakLocation, { file: path.join(FIX, 'read_whole.py'), line: lineOf(path.join(FIX, 'read_whole.py'), '# PEAK'), function: 'load' });
  });

  it('places the peak of the classic tail read on the splitlines() after the read, not on the read', async () => {
    const { report, stdout } = await track('tail.py', [big]);
    assert.equal(stdout, '1000\n');
    const script = path.join(FIX, 'tail.py');
    assert.deepEqual(report.peakLocation, { file: script, line: lineOf(script, '# PEAK'), function: 'last_lines' });
  });

  it("places a peak made inside the standard library on the user's line that called it", async () => {
    const json = path.join(dir, 'records.json');
    fs.writeFileSync(json, JSON.stringify(Array.from({ length: 400_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] }))));
    const { report, stdout } = await track('json_load.py', [json]);
    assert.equal(stdout, '400000\n');
    const script = path.join(FIX, 'json_load.py');
    assert.deepEqual(report.peakLocation, { file: script, line: lineOf(script, '# PEAK'), function: 'parse' });
  });

  it("places a whole-file read's peak on the line of the read (Node, CommonJS and an ES module)", async () => {
    const cjs = await track('read_whole.js', [big], { node: process.execPath });
    assert.deepEqual(cjs.report.peakLocation, { file: path.join(FIX, 'read_whole.js'), line: lineOf(path.join(FIX, 'read_whole.js'), '// PEAK'), function: 'load' });
    const esm = await track('read_whole.mjs', [big], { node: process.execPath });
    assert.equal(esm.report.exitCode, 0, esm.stderr);
    assert.deepEqual(esm.report.peakLocation, { file: path.join(FIX, 'read_whole.mjs'), line: lineOf(path.join(FIX, 'read_whole.mjs'), '// PEAK'), function: '<module>' });
    assert.deepEqual(
      esm.report.checkpoints.map((c) => [c.label, c.line]),
      [
        ['start', 6],
        ['read', 8],
      ],
    );
  });

  it('runs TypeScript with its imports, and maps the peak and checkpoints to the .ts lines', async () => {
    const { report, stdout, stderr } = await track('ts/main.ts', [big], { node: process.execPath });
    assert.equal(report.exitCode, 0, stderr);
    assert.equal(Number(stdout), fs.statSync(big).size);
    const util = path.join(FIX, 'ts', 'util.ts');
    assert.deepEqual(report.peakLocation, { file: util, line: lineOf(util, '// PEAK'), function: 'load' });
    assert.deepEqual(
      report.checkpoints.map((c) => [c.label, c.file, c.line]),
      [
        ['start', path.join(FIX, 'ts', 'main.ts'), 7],
        ['loaded', path.join(FIX, 'ts', 'main.ts'), 9],
      ],
    );
  });

  it('runs TypeScript with the type stripping of Node >= 22.6 (set MEMLINT_TEST_NODE22 to such a node to run this)', async function () {
    const node = process.env.MEMLINT_TEST_NODE22;
    if (!node) this.skip();
    const { report, stdout, stderr } = await track('ts-native/main.ts', [big], { node });
    assert.equal(report.exitCode, 0, stderr);
    assert.equal(Number(stdout), fs.statSync(big).size);
    const util = path.join(FIX, 'ts-native', 'util.ts');
    assert.deepEqual(report.peakLocation, { file: util, line: lineOf(util, '// PEAK'), function: 'load' });
    assert.deepEqual(
      report.checkpoints.map((c) => [c.label, c.line]),
      [
        ['start', 6],
        ['loaded', 8],
      ],
    );
  });

  it('does not miss a 30 ms spike when no exit hook runs (os._exit), nor in a command run without probes', async () => {
    const probed = await track('spike.py', ['150']);
    assert.equal(probed.report.exitCode, 0);
    assert.ok(probed.report.peakKiB >= 150 * MiB, `peak ${probed.report.peakKiB}`);
    const command = await track(PYTHON, [path.join(FIX, 'spike.py'), '150'], { kind: 'command' });
    assert.ok(command.report.peakKiB >= 150 * MiB, `peak ${command.report.peakKiB}`);
    assert.equal(command.report.peakLocation, null);
  });

  it('counts child processes: the peak of the sum, with per-process peaks', async () => {
    const { report, stderr } = await track('child.py');
    assert.equal(report.exitCode, 0, `${report.signal} ${stderr}`);
    assert.ok(report.peakKiB >= 250 * MiB, `peak ${report.peakKiB}`);
    assert.equal(report.processes.length, 2, JSON.stringify(report.processes));
    const [parent, child] = report.processes;
    assert.deepEqual(parent.argv, [PYTHON, path.join(FIX, 'child.py')]);
    assert.ok(parent.peakKiB >= 100 * MiB && parent.peakKiB < 150 * MiB, `parent ${parent.peakKiB}`);
    assert.equal(child.argv[1], '-c');
    assert.ok(child.peakKiB >= 150 * MiB, `child ${child.peakKiB}`);
    assert.ok(report.peakKiB <= parent.peakKiB + child.peakKiB);
    // The peak happened while the parent waited in subprocess.run: that is the user's line.
    assert.equal(report.peakLocation?.line, lineOf(path.join(FIX, 'child.py'), 'subprocess.run'));
  });

  it('reports a crash with its peak, and Python tracebacks without memlint frames', async () => {
    const py = await track('crash.py');
    assert.equal(py.report.exitCode, 1);
    assert.ok(py.report.peakKiB >= 80 * MiB);
    assert.match(py.stderr, /^Traceback \(most recent call last\):\n {2}File ".*crash\.py", line 9, in <module>\n/);
    assert.match(py.stderr, /ValueError: boom\n$/);
    assert.doesNotMatch(py.stderr, /run_python|runpy/);
    const js = await track('crash.js', [], { node: process.execPath });
    assert.equal(js.report.exitCode, 1);
    assert.ok(js.report.peakKiB >= 80 * MiB);
    assert.match(js.stderr, /Error: boom 83886080/);
  });

  it('reports signals, os._exit, a real SIGKILL and KeyboardInterrupt, each with the peak reached', async () => {
    const term = await track('sigterm.py');
    assert.deepEqual([term.report.exitCode, term.report.signal], [null, 'SIGTERM']);
    assert.ok(term.report.peakKiB >= 80 * MiB);
    const osExit = await track('os_exit.py');
    assert.deepEqual([osExit.report.exitCode, osExit.report.signal], [3, null]);
    assert.ok(osExit.report.peakKiB >= 80 * MiB);
    const kill = await track('sigkill.js', [], { node: process.execPath });
    assert.deepEqual([kill.report.exitCode, kill.report.signal, kill.report.killedByLimit], [null, 'SIGKILL', false]);
    assert.ok(kill.report.peakKiB >= 80 * MiB);
    const interrupt = await track('interrupt.py');
    assert.deepEqual([interrupt.report.exitCode, interrupt.report.signal], [null, 'SIGINT']);
    assert.ok(interrupt.report.peakKiB >= 50 * MiB);
    assert.match(interrupt.stderr, /KeyboardInterrupt\n$/);
  });

  it('kills the tree over the limit, as a container would, and reports the peak reached', async () => {
    const limits: number[] = [];
    const { report } = await track('grow.py', [], { limitMb: 150 }, { onLimit: (o) => limits.push(o.limitKiB) });
    assert.equal(report.killedByLimit, true);
    assert.equal(report.signal, 'SIGKILL');
    assert.equal(report.limitKiB, 150 * MiB);
    assert.deepEqual(limits, [150 * MiB]);
    assert.ok(report.peakKiB > 150 * MiB, `peak ${report.peakKiB}`);
    assert.ok(report.peakKiB < 1400 * MiB, `peak ${report.peakKiB}: killed far too late`);
  });

  it('runs a script whose path has spaces and quotes, passing arguments untouched', async () => {
    const odd = path.join(dir, `dir with spaces "and" 'quotes'`);
    fs.mkdirSync(odd, { recursive: true });
    const script = path.join(odd, `it's a "script".py`);
    fs.writeFileSync(script, 'import sys\ntext = open(sys.argv[1]).read()\nprint(sys.argv[2:])\n');
    const { report, stdout } = await track(script, [big, 'a b', '"c"', "'d'", '$(e)', '']);
    assert.equal(report.exitCode, 0);
    assert.equal(stdout, `['a b', '"c"', "'d'", '$(e)', '']\n`);
    assert.deepEqual(report.peakLocation, { file: script, line: 2, function: '<module>' });
  });

  it('records checkpoints with label, line, RSS and peak, and prints the classic line when asked (Python, Node)', async () => {
    for (const script of ['checkpoints.py', 'checkpoints.js']) {
      const events: string[] = [];
      const { report, stderr } = await track(script, [], { node: process.execPath }, { onCheckpoint: (c) => events.push(c.label) });
      assert.equal(report.exitCode, 0, stderr);
      assert.deepEqual(events, ['Start', 'Content parsed', 'Report generated']);
      const [start, parsed, done] = report.checkpoints;
      assert.deepEqual(
        report.checkpoints.map((c) => [c.label, c.file, c.line]),
        [
          ['Start', path.join(FIX, script), 4],
          ['Content parsed', path.join(FIX, script), 6],
          ['Report generated', path.join(FIX, script), 8],
        ],
      );
      assert.ok(parsed.rssKiB - start.rssKiB >= 59 * MiB, script);
      assert.ok(done.peakKiB >= parsed.peakKiB && parsed.peakKiB >= start.rssKiB + 59 * MiB, script);
      assert.ok(start.t <= parsed.t && parsed.t <= done.t);
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 3, stderr);
      assert.match(lines[0], /^\[MEMORY\] Start: RSS \d+\.\d MB \(\+\d+\.\d\) \| Peak \d+\.\d MB \(\+\d+\.\d since start\)$/);
      assert.match(lines[1], /^\[MEMORY\] Content parsed: RSS \d+\.\d MB \(\+6\d\.\d\) \| Peak \d+\.\d MB \(\+6\d\.\d since start\)$/);
      assert.match(lines[2], /^\[MEMORY\] Report generated: RSS \d+\.\d MB \([+-]\d+\.\d\) \| Peak /);
    }
  });

  it('lets a script that imports the checkpoint helper run outside the tracker', () => {
    const res = spawnSync(PYTHON, [path.join(FIX, 'fallback.py')], { encoding: 'utf8' });
    assert.equal(res.stdout, 'None\n', res.stderr);
    const copied = spawnSync(PYTHON, ['-c', 'from memlint_checkpoint import checkpoint; print(sorted(checkpoint("x")))'], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: path.join(ROOT, 'src', 'tracker', 'probes', 'pythonpath') },
    });
    assert.equal(copied.stdout, "['delta_kib', 'peak_kib', 'phase_peak_kib', 'rss_kib']\n", copied.stderr);
  });

  it('streams output and samples, takes stdin, and can be stopped with the peak kept', async () => {
    const echoed = await (async () => {
      const out: Buffer[] = [];
      const run = await startRun({ target: path.join(FIX, 'echo_stdin.py'), python: PYTHON }, { onStdout: (c) => out.push(c) });
      run.writeStdin('hello\n');
      run.writeStdin(Buffer.from('wörld\n'));
      run.endStdin();
      const report = await run.done;
      return { report, out: Buffer.concat(out).toString() };
    })();
    assert.equal(echoed.out, 'HELLO\nWÖRLD\n');
    assert.equal(echoed.report.exitCode, 0);

    const samples: number[] = [];
    let run!: Awaited<ReturnType<typeof startRun>>;
    const ready = new Promise<void>((resolve) => {
      void startRun({ target: path.join(FIX, 'sleep.py'), python: PYTHON, intervalMs: 20 }, { onStdout: () => resolve(), onSample: (s) => samples.push(s.peakKiB) }).then((r) => (run = r));
    });
    await ready;
    await new Promise((r) => setTimeout(r, 200));
    run.stop();
    const report = measured(await run.done);
    assert.equal(report.signal, 'SIGTERM');
    assert.ok(report.peakKiB >= 40 * MiB);
    assert.ok(samples.length >= 2 && samples[samples.length - 1] >= 40 * MiB);
    assert.ok(report.samples.length >= 2 && report.samples.every((s, i, all) => i === 0 || s.t > all[i - 1].t));
  });

  it('refuses to start with a clear message: missing script, missing interpreter, no /proc', async () => {
    await assert.rejects(startRun({ target: path.join(dir, 'nope.py') }), (e: unknown) => e instanceof TrackerError && /^no such file: /.test(e.message));
    await assert.rejects(startRun({ target: path.join(FIX, 'alloc.py'), python: '/nonexistent/python' }), /cannot run '\/nonexistent\/python': not found/);
    await assert.rejects(startRun({ target: path.join(FIX, 'alloc.py'), procRoot: dir }), /needs .*self\/status with VmHWM/);
  });
});
