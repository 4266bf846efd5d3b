// npm run bench -- host, part (b): the longest event-loop stall while a script that peaks at 2 GB runs under the
// tracker, with the editor's side as it is now (src/tracker/client.ts: `memlint run --events` in a child process,
// lines parsed, the report page rendered at the end) against the tracker run in-process, as the host ran it before.
// A plain Node process runs the same modules the extension runs (no editor needed).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { reportHtml, viewOf, makeNonce } from '../../src/report/html';
import { startTracker } from '../../src/tracker/client';
import { formatMb } from '../../src/tracker/format';
import { startSession } from '../../src/tracker/session';
import { table } from '../measure';
import { ROOT } from '../paths';

const RUNS = 3;
/** The goal for (b): no stall of the host's event loop longer than this during a tracked run. */
const GOAL_MS = 10;
const CLI = path.join(ROOT, 'dist', 'memlint.js');

const SCRIPTS = {
  // 2 GiB in 64 MiB steps, held, then released: the tracker samples all along, and the report has a long timeline.
  py: `import time
chunks = [bytearray(64 << 20) for _ in range(32)]
time.sleep(0.5)
print(sum(len(c) for c in chunks) >> 20, "MiB")
`,
  js: `const chunks = [];
for (let i = 0; i < 32; i++) chunks.push(Buffer.alloc(64 << 20, 1));
setTimeout(() => console.log(chunks.reduce((s, c) => s + c.length, 0) / 1048576, 'MiB'), 500);
`,
};

/** On-CPU time of this process's main thread (the event loop's), ns: /proc's schedstat, exact. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const onCpuNs = () => Number(fs.readFileSync(SCHEDSTAT, 'latin1').split(' ')[0]);

interface Stall {
  /** The longest stall of the loop, ms (a 1 ms timer's lateness): the machine's load included. */
  wall: number;
  /** The longest time the loop spent running code between two ticks, ms: the host's own work, load excluded. */
  work: number;
}

/** How long the event loop stalled while `fn` ran. On a loaded machine a runnable thread also waits for a core. */
async function longestStall(fn: () => Promise<void>): Promise<Stall> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let work = 0;
  let cpu = onCpuNs();
  const timer = setInterval(() => {
    const now = onCpuNs();
    work = Math.max(work, (now - cpu) / 1e6);
    cpu = now;
  }, 1);
  h.enable();
  await fn();
  h.disable();
  clearInterval(timer);
  return { wall: h.max / 1e6, work };
}

/** What the editor's host does with a finished run: the page for the report panel. */
const renderPage = (result: Parameters<typeof viewOf>[0], file: string, dir: string) =>
  reportHtml(viewOf(result, path.basename(file), dir), { nonce: makeNonce(), cspSource: 'vscode-resource:', scriptUri: 'report.js', styleUri: 'report.css' });

async function viaChild(file: string, dir: string, python: string): Promise<void> {
  let status = '';
  const run = startTracker({ target: file, cwd: dir, python, entry: CLI, env: { ...process.env, PYTHONUNBUFFERED: '1' } }, {
    onSample: ({ rssKiB }) => (status = formatMb(rssKiB)),
    onOutput: (chunk) => (status += chunk.length),
  });
  const result = await run.done;
  renderPage(result, file, dir);
  if (result.report.exitCode !== 0 || !status) throw new Error(`${file} failed under the tracker`);
}

async function inProcess(file: string, dir: string, python: string): Promise<void> {
  let status = '';
  const session = await startSession({ run: { target: file, cwd: dir, python, stdio: 'pipe' }, dir }, { onSample: ({ rssKiB }) => (status = formatMb(rssKiB)) });
  const result = await session.done;
  renderPage(result, file, dir);
  if (result.report.exitCode !== 0 || !status) throw new Error(`${file} failed under the tracker`);
}

export async function benchTracking(): Promise<string> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build`);
  const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-bench-host-'));
  try {
    // The same timer on an idle loop, for as long as a run: what the machine's load alone costs.
    const idle = (await longestStall(() => new Promise((resolve) => setTimeout(resolve, 3000)))).wall;
    const rows: string[][] = [];
    for (const [name, ext] of [
      ['Python, 2 GiB', 'py'],
      ['Node, 2 GiB', 'js'],
    ] as Array<[string, keyof typeof SCRIPTS]>) {
      const file = path.join(dir, `peak2g.${ext}`);
      fs.writeFileSync(file, SCRIPTS[ext]);
      const child: Stall[] = [];
      const inside: Stall[] = [];
      for (let i = 0; i < RUNS; i++) {
        child.push(await longestStall(() => viaChild(file, dir, python)));
        inside.push(await longestStall(() => inProcess(file, dir, python)));
      }
      const worst = (xs: Stall[], k: keyof Stall) => Math.max(...xs.map((x) => x[k]));
      const f = (xs: Stall[], k: keyof Stall) => `${worst(xs, k).toFixed(1)} ms`;
      const met = worst(child, 'work') <= GOAL_MS;
      rows.push([name, f(child, 'work'), met ? `yes (≤ ${GOAL_MS} ms)` : `**no** (goal ≤ ${GOAL_MS} ms)`, f(inside, 'work'), f(child, 'wall'), f(inside, 'wall'), `${idle.toFixed(1)} ms`]);
    }
    return [
      `(b) Tracking: the longest event-loop stall of the editor's side during a tracked run of a script that peaks at 2 GiB`,
      `(the worst of ${RUNS} runs each; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores). "Child process" is the editor today:`,
      '`memlint run --events` (dist/memlint.js), its JSON lines parsed, the status bar text and the report page made.',
      '"In-process" runs the same session on the host\'s own event loop, as the editor did before. "Work": the longest',
      "time the loop ran code without a break (the main thread's on-CPU time between two ticks of a 1 ms timer, from",
      '/proc/self/task/<tid>/schedstat: what the host itself blocks, the goal). "Wall": the longest lateness of that timer,',
      'which on a loaded machine includes waiting for a core; "idle loop" is that lateness with nothing running.',
      '',
      table(['script', 'child process: work', 'goal met', 'in-process: work', 'child process: wall', 'in-process: wall', 'idle loop: wall'], rows),
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
