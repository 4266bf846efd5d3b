// memlint check on whole trees, as a CI job runs it (a process per run, timed from outside): serial against every
// core, a cold cache against a warm one and one touched file, and memlint's own peak RSS on the tree and on four
// copies of it. Baselines from the same run: the bare tree-sitter parse of every Python file on one core (in this
// process), ESLint's whole process on the JS/TS tree (@typescript-eslint/parser, one trivial rule).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepare } from '../src/core/linter';
import { parsePython } from '../src/core/parsers/python';
import { installAll } from './field/install';
import { loadProjects } from './field/manifest';
import { fmt, lineCount, ratio, table, timeMs, walk } from './measure';
import { ROOT } from './paths';
import { stdlibDir } from './python';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
/** Cold runs are repeated this many times, interleaved; the fastest counts (the machine is shared). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Corpus {
  name: string;
  /** The tree, under the bench's temporary folder. */
  dir: string;
  files: string[];
  lines: number;
  /** The file the "touched" run changes, relative to dir. */
  touch: string;
  comment: string;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssMb: number;
  /** sha1 of what the run printed, to check that every way of running prints the same. */
  output: string;
}

/** Link (or copy) `files` from `from` into `to`, keeping their paths. */
function place(files: readonly string[], from: string, to: string): void {
  for (const f of files) {
    const target = path.join(to, path.relative(from, f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.linkSync(f, target);
    } catch {
      fs.copyFileSync(f, target);
    }
  }
}

/** Four copies of a tree, side by side (hard links: the same bytes, other paths). */
function quadruple(corpus: Corpus): string {
  const dir = `${corpus.dir}-4x`;
  for (const copy of ['a', 'b', 'c', 'd']) place(corpus.files, corpus.dir, path.join(dir, copy));
  return dir;
}

/** Run `program args` in `cwd` as its own process: wall time, CPU time, peak RSS (GNU time), a hash of stdout. */
function timed(program: string, args: string[], cwd: string, okCodes = [0, 1]): Run {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-bench-run-'));
  try {
    const usage = path.join(scratch, 'usage');
    const stdout = path.join(scratch, 'stdout');
    const fd = fs.openSync(stdout, 'w');
    let res: ReturnType<typeof spawnSync> | undefined;
    const ms = timeMs(() => {
      res = spawnSync('/usr/bin/time', ['-o', usage, '-f', '%M %U %S', program, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], maxBuffer: 256 << 20 });
    });
    fs.closeSync(fd);
    if (res!.error) throw new Error(`${program} could not start (${res!.error.message}); is GNU time installed (npm run setup)?`);
    if (!okCodes.includes(res!.status ?? -1)) throw new Error(`${path.basename(args[0] ?? program)} ${args.slice(1).join(' ')} exited ${res!.status}: ${String(res!.stderr).slice(-500)}`);
    const [rssKb, user, sys] = fs.readFileSync(usage, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    const output = createHash('sha1').update(fs.readFileSync(stdout)).digest('hex');
    return { ms, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024, output };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const memlint = (args: string[], cwd: string) => timed(process.execPath, [CLI, 'check', ...args], cwd);

function fastest(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

type Typical = Run & { rssRange: string };

/**
 * The fastest of `runs` for time, with the median of their peaks: two identical runs' peaks differ by up to a tenth
 * (when the threads' largest needs meet), more than the growth the 4x run is there to show.
 */
function typical(runs: Run[]): Typical {
  const peaks = runs.map((r) => r.rssMb).sort((a, b) => a - b);
  const mid = peaks.length >> 1;
  const rssMb = peaks.length % 2 ? peaks[mid] : (peaks[mid - 1] + peaks[mid]) / 2;
  return { ...fastest(runs), rssMb, rssRange: peaks.length > 1 ? `${fmt(peaks[0])}–${fmt(peaks[peaks.length - 1])}` : fmt(rssMb) };
}

/** Change one file as an editor would (a new file renamed over it, so the hard-linked copies keep theirs). */
function touch(file: string, comment: string): void {
  const temp = `${file}.touch`;
  fs.writeFileSync(temp, fs.readFileSync(file, 'utf8') + `\n${comment} touched by the bench\n`);
  fs.renameSync(temp, file);
}

function pythonCorpus(root: string): Corpus {
  const from = stdlibDir();
  const skipped = new Set(['site-packages', 'test', 'tests', 'idle_test']);
  const source = walk(from, (f) => f.endsWith('.py'), (d) => skipped.has(path.basename(d)));
  const dir = path.join(root, 'python');
  place(source, from, dir);
  const files = source.map((f) => path.join(dir, path.relative(from, f)));
  return { name: 'Python', dir, files, lines: files.reduce((n, f) => n + lineCount(fs.readFileSync(f, 'utf8')), 0), touch: path.join('email', 'utils.py'), comment: '#' };
}

function javascriptCorpus(root: string): Corpus {
  const wanted = loadProjects().filter((p) => p.id === 'eslint' || p.id === 'effect');
  const installed = installAll(wanted, path.join(ROOT, '.field-cache'), (line) => console.error(`bench: ${line}`));
  const dir = path.join(root, 'javascript');
  const files: string[] = [];
  for (const { project, dir: from } of installed) {
    const sub = project.id === 'eslint' ? 'lib' : 'src';
    const source = walk(path.join(from, sub), (f) => /\.(c|m)?[jt]sx?$/.test(f) && !f.endsWith('.d.ts'));
    place(source, from, path.join(dir, project.id));
    files.push(...source.map((f) => path.join(dir, project.id, path.relative(from, f))));
  }
  return { name: 'JS/TS', dir, files, lines: files.reduce((n, f) => n + lineCount(fs.readFileSync(f, 'utf8')), 0), touch: path.join('effect', 'src', 'Array.ts'), comment: '//' };
}

/** ESLint as people run it on a tree: its CLI, a flat config with @typescript-eslint/parser and one trivial rule. */
function eslintConfig(root: string): string {
  const file = path.join(root, 'eslint.config.cjs');
  fs.writeFileSync(
    file,
    `const parser = require(${JSON.stringify(require.resolve('@typescript-eslint/parser'))});
const trivial = { meta: { type: 'problem', schema: [] }, create: () => ({ DebuggerStatement() {} }) };
const common = { plugins: { bench: { rules: { trivial } } }, rules: { 'bench/trivial': 'error' } };
module.exports = [
  { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser, sourceType: 'module' }, ...common },
  { files: ['**/*.{jsx,tsx}'], languageOptions: { parser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, ...common },
];
`,
  );
  return file;
}

/** The bare tree-sitter parse of every file, one after the other on this thread (texts read beforehand). */
async function bareParse(corpus: Corpus): Promise<{ ms: number; cpuMs: number }> {
  await prepare('python');
  const texts = corpus.files.map((f) => fs.readFileSync(f, 'utf8'));
  const once = () => {
    const cpu = process.cpuUsage();
    const ms = timeMs(() => texts.forEach((t) => parsePython(t).delete()));
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  };
  once();
  return Array.from({ length: ROUNDS }, once).reduce((a, b) => (b.ms < a.ms ? b : a));
}

interface Measured {
  corpus: Corpus;
  baseline: { name: string; ms: number; cpuMs: number };
  serial: Typical;
  cold: Typical;
  warm: Run;
  touched: Run;
  quad: Typical;
  quadLines: number;
  same: boolean;
}

async function measure(corpus: Corpus, root: string, jobs: string[]): Promise<Measured> {
  const cwd = path.dirname(corpus.dir);
  const target = path.basename(corpus.dir);
  const cache = (name: string) => ['--cache-location', path.join(root, `cache-${corpus.name.replace(/\W/g, '')}-${name}`)];
  const fresh = (name: string) => fs.rmSync(cache(name)[1], { recursive: true, force: true });
  const eslint = corpus.name === 'JS/TS' ? eslintConfig(root) : undefined;
  const serial: Run[] = [];
  const cold: Run[] = [];
  const baseline: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    serial.push(memlint(['-j', '1', '--no-cache', target], cwd));
    fresh('cold');
    cold.push(memlint([...jobs, ...cache('cold'), target], cwd));
    if (eslint) baseline.push(timed(process.execPath, [ESLINT, '--no-config-lookup', '-c', eslint, target], cwd));
  }
  // The cache of the last cold run: nothing changed, then one file.
  const warm = memlint([...jobs, ...cache('cold'), target], cwd);
  touch(path.join(corpus.dir, corpus.touch), corpus.comment);
  const touched = memlint([...jobs, ...cache('cold'), target], cwd);
  const same = new Set([...serial, ...cold, warm].map((r) => r.output)).size === 1;

  const quadDir = quadruple(corpus);
  const quad: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    fresh('quad');
    quad.push(memlint([...jobs, ...cache('quad'), path.basename(quadDir)], cwd));
  }
  fs.rmSync(quadDir, { recursive: true, force: true });
  const base = eslint ? { name: "ESLint's whole process", ...fastest(baseline) } : { name: 'bare tree-sitter parse, one core', ...(await bareParse(corpus)) };
  return { corpus, baseline: base, serial: typical(serial), cold: typical(cold), warm, touched, quad: typical(quad), quadLines: corpus.lines * 4, same };
}

export async function benchScale(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-bench-scale-'));
  const jobs = process.env.BENCH_JOBS ? ['-j', process.env.BENCH_JOBS] : [];
  try {
    const results: Measured[] = [];
    for (const make of [pythonCorpus, javascriptCorpus]) results.push(await measure(make(root), root, jobs));
    const s = (ms: number) => fmt(ms / 1000);
    const rows = results.flatMap((m) => {
      const { corpus: c, baseline: b } = m;
      const row = (run: string, r: Run & { rssRange?: string }, wall: string, cpu: string, rss = r.rssRange ?? fmt(r.rssMb)) => [c.name, run, s(r.ms), wall, s(r.cpuMs), cpu, rss];
      const vsBase = (r: Run) => [ratio(r.ms, b.ms), ratio(r.cpuMs, b.cpuMs)] as const;
      const ofCold = (r: Run) => [`${ratio(r.ms, m.cold.ms)} of cold`, `${ratio(r.cpuMs, m.cold.cpuMs)} of cold`] as const;
      const growth = `${m.quad.rssRange}, median ${fmt(m.quad.rssMb)} (${((m.quad.rssMb / m.cold.rssMb - 1) * 100).toFixed(1)} % over 1x's ${fmt(m.cold.rssMb)})`;
      return [
        [c.name, b.name, s(b.ms), '1.00x', s(b.cpuMs), '1.00x', '–'],
        row('memlint serial (-j 1, no cache)', m.serial, ...vsBase(m.serial)),
        row(`memlint cold (${os.availableParallelism()} threads, empty cache)`, m.cold, ...vsBase(m.cold)),
        row('memlint warm (nothing changed)', m.warm, ...ofCold(m.warm)),
        row(`memlint after touching ${c.touch.split(path.sep).join('/')}`, m.touched, ...ofCold(m.touched)),
        row(`memlint cold on 4 copies (${m.quadLines.toLocaleString('en-US')} lines)`, m.quad, `${ratio(m.quad.ms, m.cold.ms)} of 1x`, `${ratio(m.quad.cpuMs, m.cold.cpuMs)} of 1x`, growth),
      ];
    });
    const load = os.loadavg()[0].toFixed(1);
    const corpora = results.map(({ corpus: c }) => `${c.name}: ${c.files.length.toLocaleString('en-US')} files, ${c.lines.toLocaleString('en-US')} lines`).join('; ');
    return [
      `memlint check as a process on whole trees (${corpora}). Python: the standard library without its tests; JS/TS: ESLint's lib and effect's src (the field study's pinned versions). Wall times, fastest of ${ROUNDS} interleaved rounds for the cold runs (the 4x run too); CPU is user + system over every thread; RSS is the process's peak (GNU time), the range over those rounds, compared by its median.`,
      '',
      table(['tree', 'run', 'wall (s)', 'wall ratio', 'CPU (s)', 'CPU ratio', 'peak RSS (MB)'], rows),
      '',
      `Serial, parallel, cold and warm runs print the same bytes: ${results.every((m) => m.same) ? 'yes' : '**NO**'}. Load average at the end: ${load} on ${os.availableParallelism()} cores (threads only help while cores are free).`,
    ].join('\n');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
