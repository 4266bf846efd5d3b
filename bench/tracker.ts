// The tracker: wall-time overhead on CPU-bound scripts (tracked vs untracked, interleaved, medians) and the peak it
// reports against GNU time -v's maximum RSS, side by side in one run. `node out/bench/tracker.js` runs it alone.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRun } from '../src/tracker';
import { ROOT } from './paths';
import { table } from './measure';

const RUNS = 9;
const FIX = path.join(ROOT, 'test', 'fixtures', 'tracker');

// CPython runs this loop ~15 % faster when the script is started through runpy (as memlint's wrapper starts it) than
// as `python script.py`, for reasons of its own: the --no-location column (the same wrapper, no sampler) shows it,
// and "placing" isolates what the tracker itself costs.
const CPU_PY_WORK = `def work(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total
`;
// Each CPU-bound script also says its own process's CPU time on stderr: unlike wall time, it does not count the time
// a loaded machine keeps the process waiting for a core, so it shows what the tracker costs the script itself.
const CPU_PY = 'import sys, time\nfrom cpu_work import work\n\nprint(work(50_000_000))\nsys.stderr.write("cpu %f\\n" % time.process_time())\n';
const TRIVIAL = { py: 'print(sum(range(10)))\n', js: 'console.log([1, 2].map(String).length);\n' };
const CPU_JS = `function work(n) {
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.sqrt(i) % 7;
  return total;
}
let acc = 0;
for (let round = 0; round < 40; round++) acc += work(10_000_000) + [round].map(String).length;
console.log(acc);
const cpu = process.cpuUsage();
process.stderr.write(\`cpu \${(cpu.user + cpu.system) / 1e6}\\n\`);
`;

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU (user + system, of the whole process tree) seconds of one run, from GNU time; `own`: the script's own CPU. */
function timed(program: string, args: string[]): { wall: number; cpu: number; own: number } {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %U %S', program, ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${res.stderr}`);
  const [wall, user, sys] = res.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const own = /^cpu ([\d.]+)$/m.exec(res.stderr);
  return { wall, cpu: user + sys, own: own ? Number(own[1]) : NaN };
}

async function tracked(target: string, args: string[], python: string) {
  const run = await startRun({ target, args, python, node: process.execPath });
  const report = await run.done;
  if (report.exitCode !== 0) throw new Error(`${target} failed under the tracker`);
  return report;
}

function gnuTime(program: string, args: string[]): number | null {
  if (!fs.existsSync('/usr/bin/time')) return null;
  const res = spawnSync('/usr/bin/time', ['-v', program, ...args], { encoding: 'utf8' });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr);
  return m ? Number(m[1]) : null;
}

const mb = (kib: number) => (kib / 1024).toFixed(1);

export async function benchTracker(): Promise<string> {
  const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-bench-tracker-'));
  try {
    const cpuPy = path.join(dir, 'cpu.py');
    const cpuJs = path.join(dir, 'cpu.js');
    fs.writeFileSync(cpuPy, CPU_PY);
    fs.writeFileSync(path.join(dir, 'cpu_work.py'), CPU_PY_WORK);
    fs.writeFileSync(cpuJs, CPU_JS);

    const memlintRun = (script: string, ...flags: string[]) =>
      timed(process.execPath, [CLI, 'run', '--no-history', ...flags, '--python', python, '--node', process.execPath, script]);
    type Timing = { wall: number; cpu: number; own: number };
    const overhead: string[][] = [];
    for (const [name, program, script, ext] of [
      ['Python, CPU-bound', python, cpuPy, 'py'],
      ['Node, CPU-bound', process.execPath, cpuJs, 'js'],
    ] as Array<[string, string, string, 'py' | 'js']>) {
      // memlint run's fixed cost (Node starting the CLI; placing a Node peak also loads the TypeScript parser once),
      // measured per mode on a trivial script of the same language, is taken out: what remains grows with the run.
      const trivial = path.join(dir, `trivial.${ext}`);
      fs.writeFileSync(trivial, TRIVIAL[ext]);
      const runs: Record<string, Timing[]> = { plain: [], tracked: [], unplaced: [], fixedTracked: [], fixedUnplaced: [] };
      const since = (a: Timing, b: Timing) => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu, own: a.own });
      for (let i = 0; i < RUNS; i++) {
        const small = timed(program, [trivial]);
        runs.fixedTracked.push(since(memlintRun(trivial), small));
        runs.fixedUnplaced.push(since(memlintRun(trivial, '--no-location'), small));
        runs.plain.push(timed(program, [script]));
        runs.tracked.push(memlintRun(script));
        runs.unplaced.push(memlintRun(script, '--no-location'));
      }
      const m = (k: string, field: keyof Timing) => median(runs[k].map((r) => r[field]));
      const net = (k: string, fixed: string, field: keyof Timing) => m(k, field) - m(fixed, field);
      const pct = (x: number, base: number) => `${((x / base - 1) * 100).toFixed(1)} %`;
      const f = (x: number) => `${x.toFixed(2)} s`;
      overhead.push([
        name,
        f(m('plain', 'wall')),
        f(net('unplaced', 'fixedUnplaced', 'wall')),
        f(net('tracked', 'fixedTracked', 'wall')),
        pct(net('tracked', 'fixedTracked', 'wall'), m('plain', 'wall')),
        pct(net('tracked', 'fixedTracked', 'wall'), net('unplaced', 'fixedUnplaced', 'wall')),
        pct(net('tracked', 'fixedTracked', 'cpu'), net('unplaced', 'fixedUnplaced', 'cpu')),
        pct(m('tracked', 'own'), m('unplaced', 'own')),
        `${f(m('fixedTracked', 'wall'))}`,
      ]);
    }

    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, 'a line of a large generated log file, read whole by the script\n'.repeat(1_600_000));
    const peaks: string[][] = [];
    for (const [name, program, script, args] of [
      ['Python, 400 MiB allocation', python, path.join(FIX, 'alloc.py'), ['400']],
      ['Python, whole-file read (100 MB)', python, path.join(FIX, 'read_whole.py'), [big]],
      ['Python, 30 ms spike then os._exit', python, path.join(FIX, 'spike.py'), ['150']],
      ['Node, 400 MiB allocation', process.execPath, path.join(FIX, 'alloc.js'), ['400']],
      ['Node, whole-file read (100 MB)', process.execPath, path.join(FIX, 'read_whole.js'), [big]],
    ] as Array<[string, string, string, string[]]>) {
      const reference = gnuTime(program, [script, ...args]);
      const report = await tracked(script, args, python);
      if (report.peakKiB === null) throw new Error(`${name}: nothing was measured`);
      const where = report.peakLocation ? `${path.basename(report.peakLocation.file)}:${report.peakLocation.line}` : '-';
      const error = reference ? `${(((report.peakKiB - reference) / reference) * 100).toFixed(2)} %` : 'GNU time missing';
      peaks.push([name, reference ? `${mb(reference)} MB` : '-', `${mb(report.peakKiB)} MB`, error, where]);
    }

    const load = os.loadavg()[0].toFixed(1);
    return [
      `Wall time, medians of ${RUNS} interleaved runs (load average ${load} on ${os.cpus().length} cores). memlint's fixed cost per run (Node`,
      'starting the CLI; placing a Node peak also loads the TypeScript parser once), measured on a trivial script, is taken',
      'out of the tracked times. "Placing" compares `memlint run` with `memlint run --no-location` (the same wrapper, no',
      'stack sampler or profiler): the cost of finding the line. CPU is user + system time of the whole tree (the tracker',
      "included); the script's CPU is its own process's, which a loaded machine does not inflate by making it wait.",
      '',
      table(['script', 'untracked', '--no-location', 'memlint run', 'vs untracked', 'placing (wall)', 'placing (CPU)', "placing (script's CPU)", 'fixed cost'], overhead),
      '',
      'Peak against GNU time -v (maximum resident set size of an untracked run):',
      '',
      table(['script', 'time -v', 'memlint', 'error', 'placed at'], peaks),
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchTracker().then(
    (text) => console.log(text),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
