// memlint run against hostile input (issue #9): a mistyped report path, planted links and broken histories, a tree that
// will not stop, a tracker killed mid-run, forged records in the run folder, output closed under it. Every hostile
// file, link and script is made here, in a temp folder. Bounds on time are generous: only "it does not hang".
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../src/tracker';
import { RecordReader } from '../src/tracker/records';
import { reportHtml } from '../src/report/html';
import { ROOT } from './support/paths';
import { makeReport } from './support/report';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const HINT = "did you forget the report's name? (memlint run --report FILE SCRIPT [args...])";
const NOT_MEASURED = 'memlint: the process exited before it could be measured (no peak, no final RSS)';

let cwd: string;

function memlint(args: string[]) {
  const res = spawnSync(process.execPath, [CLI, 'run', ...args], { cwd, timeout: 60_000 });
  const err = res.stderr.toString();
  return { code: res.status, out: res.stdout.toString(), err, lines: err.trimEnd().split('\n') };
}

const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
  fs.writeFileSync(path.join(cwd, name), text);
  return path.join(cwd, name);
};
const read = (name: string) => fs.readFileSync(path.join(cwd, name), 'utf8');
const exists = (name: string) => fs.lstatSync(path.join(cwd, name), { throwIfNoEntry: false }) !== undefined;

/** Gone: no such process, or a zombie (exited, waiting for its reaper). */
function gone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

const stateOf = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2)[0];
};

async function until<T>(what: string, check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** A report as memlint writes it, for the cases where one is already there. */
const OLD_REPORT = JSON.stringify(makeReport({ command: ['python3', 'old.py'] }), null, 2) + '\n';

describe('hostile input: memlint run', function () {
  this.timeout(120_000);
  beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-hostile-run-'))));
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  describe('--report never destroys a file', () => {
    beforeEach(() => {
      write('tail.py', 'print("tail")\n');
      write('big.log', 'a line\n');
    });

    it('refuses a report path that is an existing file but not a report (`--report tail.py big.log`), touching nothing', () => {
      const r = memlint(['--report', 'tail.py', 'big.log']);
      assert.equal(r.code, 2);
      assert.deepEqual(r.lines, [`memlint: --report tail.py is a file that is not a memlint report, so it was left alone; ${HINT}`]);
      assert.equal(read('tail.py'), 'print("tail")\n');
      assert.deepEqual(fs.readdirSync(cwd).sort(), ['big.log', 'tail.py'], 'no history, no temp file');
    });

    it('refuses a report path that the command names: the script, or an argument (even a report)', () => {
      const self = memlint(['--report', 'tail.py', 'tail.py']);
      assert.equal(self.code, 2);
      assert.deepEqual(self.lines, [`memlint: --report tail.py is also in the command to run, so it was left alone; ${HINT}`]);
      write('old.json', OLD_REPORT);
      const arg = memlint(['--report', './old.json', 'tail.py', path.join(cwd, 'old.json')]);
      assert.equal(arg.code, 2);
      assert.deepEqual(arg.lines, [`memlint: --report ./old.json is also in the command to run, so it was left alone; ${HINT}`]);
      assert.equal(read('tail.py'), 'print("tail")\n');
      assert.equal(read('old.json'), OLD_REPORT);
    });

    it('refuses a symbolic link (dangling or not), a folder and a FIFO, without following, creating or blocking', () => {
      write('victim.txt', 'precious\n');
      fs.symlinkSync(path.join(cwd, 'victim.txt'), path.join(cwd, 'link.json'));
      fs.symlinkSync(path.join(cwd, 'created.json'), path.join(cwd, 'dangling.json'));
      fs.mkdirSync(path.join(cwd, 'folder.json'));
      execFileSync('mkfifo', [path.join(cwd, 'fifo.json')]);
      for (const [name, message] of [
        ['link.json', 'is a symbolic link; memlint writes a report only over a plain file (remove the link or choose another name)'],
        ['dangling.json', 'is a symbolic link; memlint writes a report only over a plain file (remove the link or choose another name)'],
        ['folder.json', 'is a folder'],
        ['fifo.json', 'is not a regular file'],
      ]) {
        const r = memlint(['--report', name, 'tail.py']);
        assert.equal(r.code, 2, `${name}: ${r.err}`);
        assert.deepEqual(r.lines, [`memlint: --report ${name} ${message}`]);
      }
      assert.equal(read('victim.txt'), 'precious\n');
      assert.equal(exists('created.json'), false);
      assert.equal(exists('.memlint'), false, 'refused before the run: no history either');
    });

    it('replaces an earlier report with a new file renamed over it, and leaves it alone when the run cannot start', () => {
      write('report.json', OLD_REPORT);
      fs.linkSync(path.join(cwd, 'report.json'), path.join(cwd, 'hardlink.json'));
      const failed = memlint(['--no-history', '--report', 'report.json', 'missing.py']);
      assert.equal(failed.code, 2);
      assert.deepEqual(failed.lines, ['memlint: no such file: missing.py']);
      assert.equal(read('report.json'), OLD_REPORT, 'not truncated before the run was known to start');

      const ok = memlint(['--no-history', '--report', 'report.json', 'tail.py']);
      assert.equal(ok.code, 0, ok.err);
      assert.deepEqual(JSON.parse(read('report.json')).command, ['python3', 'tail.py']);
      assert.equal(read('hardlink.json'), OLD_REPORT, 'the new report is a new file: the old one was not written through');
      assert.deepEqual(fs.readdirSync(cwd).sort(), ['big.log', 'hardlink.json', 'report.json', 'tail.py'], 'no temp file left');
      const fresh = memlint(['--no-history', '--report', 'new.json', 'tail.py']);
      assert.equal(fresh.code, 0, fresh.err);
      assert.equal(JSON.parse(read('new.json')).version, 2);
    });
  });

  describe('the run history (.memlint/runs.json)', () => {
    beforeEach(() => write('job.py', 'print("job")\n'));

    it('moves a corrupt history aside under a new name, says so on one line, and starts a new one', () => {
      write('.memlint/runs.json', '{"version": 1, "scripts": {"other.py": [');
      const r = memlint(['job.py']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.lines.length, 2, r.err);
      const m = /^memlint: \.memlint\/runs\.json was not valid JSON, so it was moved to (\.memlint\/runs\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ); a new history starts with this run$/.exec(r.lines[0]);
      assert.ok(m, r.lines[0]);
      assert.equal(read(m[1]), '{"version": 1, "scripts": {"other.py": [');
      assert.deepEqual(Object.keys(JSON.parse(read('.memlint/runs.json')).scripts), ['job.py']);
      assert.match(r.lines[1], /^memlint: peak /);
    });

    it('never writes through links planted where its temp files go (.memlint/runs.json.<pid>.tmp)', () => {
      write('victim.txt', 'precious\n');
      fs.mkdirSync(path.join(cwd, '.memlint'));
      // The pids the next processes will get: one of them is memlint's.
      const last = Number(fs.readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
      const max = Number(fs.readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
      for (let i = 1; i <= 3000; i++) {
        const pid = last + i < max ? last + i : last + i - max + 300; // pids wrap round to 300
        fs.symlinkSync(path.join(cwd, 'victim.txt'), path.join(cwd, '.memlint', `runs.json.${pid}.tmp`));
      }
      const r = memlint(['job.py']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.lines.length, 1, r.err);
      assert.equal(read('victim.txt'), 'precious\n');
      assert.ok(fs.lstatSync(path.join(cwd, '.memlint', 'runs.json')).isFile());
      assert.deepEqual(Object.keys(JSON.parse(read('.memlint/runs.json')).scripts), ['job.py']);
    });

    it('refuses a .memlint, runs.json or .gitignore that is a symbolic link: history skipped, the run still happens', () => {
      write('victim.txt', 'precious\n');
      fs.mkdirSync(path.join(cwd, 'elsewhere'));
      const cases: Array<[string, () => void, string]> = [
        ['.memlint', () => fs.symlinkSync(path.join(cwd, 'elsewhere'), path.join(cwd, '.memlint')), '.memlint is a symbolic link'],
        ['.memlint/runs.json', () => fs.symlinkSync(path.join(cwd, 'victim.txt'), path.join(cwd, '.memlint', 'runs.json')), '.memlint/runs.json is a symbolic link'],
        ['.memlint/.gitignore', () => fs.symlinkSync(path.join(cwd, 'created.txt'), path.join(cwd, '.memlint', '.gitignore')), '.memlint/.gitignore is a symbolic link'],
      ];
      for (const [what, plant, message] of cases) {
        fs.rmSync(path.join(cwd, '.memlint'), { recursive: true, force: true });
        if (what !== '.memlint') fs.mkdirSync(path.join(cwd, '.memlint'));
        plant();
        const r = memlint(['job.py']);
        assert.equal(r.code, 0, `${what}: ${r.err}`);
        assert.equal(r.out, 'job\n');
        assert.equal(r.lines[0], `memlint: run history skipped: ${message}, and memlint does not write through links`);
        assert.match(r.lines[1], /^memlint: peak /);
        assert.equal(r.lines.length, 2);
      }
      assert.equal(read('victim.txt'), 'precious\n');
      assert.deepEqual(fs.readdirSync(path.join(cwd, 'elsewhere')), []);
      assert.equal(exists('created.txt'), false);
    });
  });

  describe('stopping a run, and the tracker dying', () => {
    // The script's tree: itself; a child that ignores SIGTERM; another that also left for a session of its own (as a
    // daemon does, out of the process group). It writes their pids and its run folder once they are all started.
    const TREE = `import json, os, subprocess, sys, time
stubborn = "import signal, time\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\ntime.sleep(120)"
child = subprocess.Popen([sys.executable, "-c", stubborn])
loner = subprocess.Popen([sys.executable, "-c", stubborn], start_new_session=True)
time.sleep(0.3)
with open(sys.argv[1] + ".tmp", "w") as f:
    json.dump({"pids": [os.getpid(), child.pid, loner.pid], "runDir": os.environ["MEMLINT_RUN_DIR"]}, f)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(120)
`;
    let tmpdir: string;
    beforeEach(() => {
      write('tree.py', TREE);
      tmpdir = path.join(cwd, 'tmp');
      fs.mkdirSync(tmpdir);
    });

    const startTree = () => {
      const child = spawn(process.execPath, [CLI, 'run', '--no-history', 'tree.py', 'pids.json'], { cwd, env: { ...process.env, TMPDIR: tmpdir }, stdio: 'ignore' });
      return { child, exit: exitOf(child) };
    };
    const treeOf = async () => {
      return until('the tree to start', () => exists('pids.json') && (JSON.parse(read('pids.json')) as { pids: number[]; runDir: string }));
    };

    it('SIGKILL to memlint mid-run: within seconds no process of the tree is left, nor its temp folder', async () => {
      const { child, exit } = startTree();
      const { pids, runDir } = await treeOf();
      assert.equal(path.dirname(runDir), tmpdir);
      await new Promise((r) => setTimeout(r, 500)); // a few samples, so the tracker has seen every process
      child.kill('SIGKILL');
      await exit;
      await until('every process of the tree to be gone', () => pids.every(gone), 10_000);
      await until('the temp folder to be gone', () => !fs.existsSync(runDir), 10_000);
      assert.deepEqual(fs.readdirSync(tmpdir), []);
    });

    it('SIGTERM to memlint: the tree gets SIGTERM, and what ignores it is killed after the grace period', async () => {
      const { child, exit } = startTree();
      const { pids, runDir } = await treeOf();
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      assert.equal(await exit, 143);
      await until('every process of the tree to be gone', () => pids.every(gone), 3000);
      assert.equal(fs.existsSync(runDir), false);
    });

    it("the API's stop() (the editor's Stop) kills what outlives SIGTERM, after the root has exited", async () => {
      const run = await startRun({ target: path.join(cwd, 'tree.py'), args: ['pids.json'], cwd, python: PYTHON });
      const { pids } = await treeOf();
      await new Promise((r) => setTimeout(r, 300));
      run.stop('SIGTERM', 500);
      const report = await run.done;
      assert.equal(report.signal, 'SIGTERM');
      await until('every process of the tree to be gone', () => pids.every(gone), 5000);
    });

    it('passes Ctrl-C (SIGINT) and Ctrl-Z (SIGTSTP, then SIGCONT) on to the script, which has a process group of its own', async () => {
      write('wait.py', 'import sys, time\nprint("ready", flush=True)\ntry:\n    time.sleep(120)\nexcept KeyboardInterrupt:\n    print("interrupted", flush=True)\n    raise SystemExit(7)\n');
      const child = spawn(process.execPath, [CLI, 'run', '--no-history', 'wait.py'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const exit = exitOf(child);
      let out = '';
      let err = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      await until('the script to start', () => out === 'ready\n');
      const script = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ').find((pid) => !/watchdog/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1'))));
      assert.ok(script > 0);
      child.kill('SIGTSTP');
      await until('the script and memlint to stop', () => stateOf(script) === 'T' && stateOf(child.pid!) === 'T');
      child.kill('SIGCONT');
      await until('both to continue', () => stateOf(script) !== 'T' && stateOf(child.pid!) !== 'T');
      child.kill('SIGINT');
      assert.equal(await exit, 7);
      assert.equal(out, 'ready\ninterrupted\n');
      assert.match(err, /^memlint: peak .* \| exit 7\n$/);
    });
  });

  describe('records from the run folder', () => {
    it('drops records that are not exactly what the probes write', () => {
      const dir = fs.mkdtempSync(path.join(cwd, 'run-'));
      const good = { type: 'checkpoint', pid: 1, label: 'ok', file: '/w/x.py', line: 3, mono: 5, rssKiB: 10, hwmKiB: 20 };
      const lines = [
        good,
        { ...good, line: '3" onmouseover="alert(1)' },
        { ...good, line: 2.5 },
        { ...good, label: { toString: 1 } },
        { ...good, file: 7 },
        { ...good, rssKiB: '10' },
        { ...good, hwmKiB: -1 },
        { type: 'exit', pid: 1, mono: 6, rssKiB: 10, hwmKiB: 20 },
        { type: 'exit', pid: '1', mono: 6, rssKiB: 10, hwmKiB: 20 },
      ].map((r) => JSON.stringify(r));
      lines.push('{"type":"exit","pid":1,"mono":1e400,"rssKiB":10,"hwmKiB":20}'); // Infinity once parsed
      fs.writeFileSync(path.join(dir, '1.jsonl'), lines.join('\n') + '\n');
      assert.deepEqual(new RecordReader(dir).read(), [good, { type: 'exit', pid: 1, mono: 6, rssKiB: 10, hwmKiB: 20 }]);
    });

    it("keeps a script's forged checkpoint out of the report, and escapes every field in the page", async () => {
      const script = write(
        'forge.py',
        `import json, os
from memlint_checkpoint import checkpoint
checkpoint("real")
with open(os.path.join(os.environ["MEMLINT_RUN_DIR"], "%d.jsonl" % os.getpid()), "a") as f:
    f.write(json.dumps({"type": "checkpoint", "pid": os.getpid(), "label": "forged", "file": "/x.py", "line": '1"><b>bold</b>', "mono": 1, "rssKiB": 1, "hwmKiB": 1}) + "\\n")
`,
      );
      const run = await startRun({ target: script, cwd, python: PYTHON });
      const report = await run.done;
      assert.deepEqual(
        report.checkpoints.map((c) => [c.label, c.line]),
        [['real', 3]],
      );
      // Whatever a report holds, nothing in it becomes markup: a line that is not a number included.
      const forged = makeReport({ checkpoints: [{ label: 'l', file: '/x.py', line: '1"><b>bold</b>' as unknown as number, t: 1, rssKiB: 1, peakKiB: 1, phasePeakKiB: null, budgetKiB: null }], processes: [{ pid: '<i>1</i>' as unknown as number, argv: ['a'], peakKiB: 1 }, { pid: 2, argv: ['b'], peakKiB: 1 }] });
      const html = reportHtml({ title: 'x.py', report: forged, runs: [], peakLabel: null }, { nonce: 'n', cspSource: 'c', scriptUri: 's', styleUri: 't' });
      assert.doesNotMatch(html, /<b>|<i>/);
      assert.ok(html.includes('data-line="1&#34;&#62;&#60;b&#62;bold&#60;/b&#62;"'));
      assert.match(html, /content="[^"]*base-uri &#39;none&#39;; form-action &#39;none&#39;;"/);
    });

    it('the chart script draws from clean data whatever the page holds (labels that are not text, numbers that are not numbers)', () => {
      const { chartModel } = require(path.join(ROOT, 'media', 'report.js')) as { chartModel: (data: unknown, w: number, h: number) => { points: { x: number; y: number }[]; checkpoints: { label: string; x: number }[] } };
      const model = chartModel(
        { samples: [{ t: 0, rssKiB: 1024 }, { t: '5', rssKiB: 2048 }, { t: 10, rssKiB: null }, null, { t: 20, rssKiB: 4096 }], checkpoints: [{ t: 5, label: null }, { t: 6, label: 42 }, { t: 'x', label: 'bad' }], peak: { kib: '9', label: 'x' }, limit: {}, wallMs: 'long' },
        400,
        200,
      );
      assert.equal(model.points.length, 2);
      assert.ok(model.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
      assert.deepEqual(
        model.checkpoints.map((c) => c.label),
        ['null', '42'],
      );
      assert.ok(model.checkpoints.every((c) => Number.isFinite(c.x)));
    });
  });

  describe('smaller', () => {
    it('says when a process exited before it could be measured, and reports no peak rather than 0', () => {
      // /bin/true is usually gone before the first reading; when it is not, its peak is a real one, never 0.0 MB.
      for (let i = 0; i < 3; i++) {
        const r = memlint(['--no-history', '--report', 'r.json', '/bin/true']);
        assert.equal(r.code, 0, r.err);
        assert.equal(r.lines.length, 1, r.err);
        const report = JSON.parse(read('r.json')) as { peakKiB: number | null; finalRssKiB: number | null };
        if (report.peakKiB === null) {
          assert.match(r.lines[0], new RegExp(`^${NOT_MEASURED.replace(/[()]/g, '\\$&')} \\| 0\\.\\d\\d s \\| exit 0$`));
          assert.equal(report.finalRssKiB, null);
        } else {
          assert.ok(report.peakKiB > 0);
          assert.doesNotMatch(r.lines[0], /peak 0\.0 MB/);
        }
      }
    });

    it('shows a run that measured nothing as such in the report page, never as 0.0 MB', () => {
      const r = makeReport({ command: ['/bin/true'], peakKiB: null, finalRssKiB: null });
      const html = reportHtml({ title: 'true', report: r, runs: [], peakLabel: null }, { nonce: 'n', cspSource: 'c', scriptUri: 's', styleUri: 't' });
      assert.ok(html.includes('<dt>Peak</dt><dd>the process exited before it could be measured (no peak, no final RSS)</dd>'));
      assert.ok(html.includes('<dt>Final RSS</dt><dd>not measured</dd>'));
      assert.doesNotMatch(html, /0\.0 MB|NaN/);
    });

    it('says a folder is a folder, as a script or as a command', () => {
      fs.mkdirSync(path.join(cwd, 'pkg.py'));
      fs.mkdirSync(path.join(cwd, 'bin'));
      assert.deepEqual(memlint(['pkg.py']).lines, ['memlint: pkg.py is a folder, not a script']);
      const r = memlint(['./bin']);
      assert.equal(r.code, 2);
      assert.deepEqual(r.lines, ["memlint: cannot run './bin': it is a folder"]);
    });

    it('exits quietly when its stdout or stderr is closed by the reader (`| head -1`), with the status it would have had', async () => {
      write('exit3.py', 'import sys\nsys.exit(3)\n');
      const run = (args: string[], closed: 'stdout' | 'stderr') => {
        const child = spawn(process.execPath, [CLI, 'run', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        const kept: Buffer[] = [];
        child[closed]!.destroy(); // the reader went away before anything was written
        child[closed === 'stdout' ? 'stderr' : 'stdout']!.on('data', (c: Buffer) => kept.push(c));
        return exitOf(child).then((code) => ({ code, kept: Buffer.concat(kept).toString() }));
      };
      assert.deepEqual(await run(['--help'], 'stdout'), { code: 0, kept: '' });
      assert.deepEqual(await run(['--no-history', 'exit3.py'], 'stderr'), { code: 3, kept: '' });
    });
  });
});
