// How a target runs: which program, which arguments, which probes. Always an argument array, never a shell string.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrackerError } from './errors';
import type { RunOptions } from './types';
import { buildTypeScript, TS_EXTENSIONS, type TsBuild } from './typescript';

/** The Python wrapper samples the main thread's stack this often while memory rises (seconds; 10x less often when not). */
export const STACK_INTERVAL_S = 0.01;
/** V8's CPU profiler samples this often (µs); at 1 ms its signals cost a CPU-bound script ~8 % in system time. */
export const PROFILE_INTERVAL_US = 5000;
/** Where in the run directory Node writes its profiles (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile). */
export const PROFILE_DIR = 'profiles';

export type Language = 'python' | 'node';

export interface Launch {
  /** Program and arguments handed to spawn. */
  file: string;
  args: string[];
  /** What the user asked to run (the report's `command`): memlint's wrapper and flags left out. */
  command: string[];
  env: NodeJS.ProcessEnv;
  /** 'python' or 'node' when memlint's probes run inside the process; null for a command run as given. */
  language: Language | null;
  /** Absolute path of the script, or null for a command. */
  script: string | null;
  /** Python: the stack samples come on a pipe at fd 3, and the tracker's questions about code objects go on fd 4. */
  stackPipe: boolean;
  /** The peak is placed (stack samples or a CPU profile are taken). */
  locate: boolean;
  /** TypeScript transpiled ahead of the run (Node without type stripping). */
  ts: TsBuild | null;
}

/** The probe files: next to this module when bundled (dist/probes), else in the source tree (out/src/tracker -> src/tracker/probes). */
export function findProbesDir(explicit?: string): string {
  const candidates = explicit ? [explicit] : [path.join(__dirname, 'probes'), path.resolve(__dirname, '..', '..', '..', 'src', 'tracker', 'probes')];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'run_python.py')) && fs.existsSync(path.join(dir, 'preload.js'))) return dir;
  }
  throw new TrackerError(`memlint's tracker probes are missing (looked in ${candidates.join(', ')})`);
}

export function languageOf(target: string, kind: RunOptions['kind'] = 'auto'): Language | null {
  if (kind === 'python' || kind === 'node') return kind;
  if (kind === 'command') return null;
  const ext = path.extname(target).toLowerCase();
  if (ext === '.py') return 'python';
  if (['.js', '.mjs', '.cjs', ...TS_EXTENSIONS].includes(ext)) return 'node';
  return null;
}

const nodeVersions = new Map<string, number[] | null>();

/** [major, minor] of a Node binary (cached); null when it does not answer. */
function nodeVersion(node: string, env: NodeJS.ProcessEnv): number[] | null {
  if (!nodeVersions.has(node)) {
    const res = spawnSync(node, ['-p', 'process.versions.node'], { env, encoding: 'utf8', timeout: 15_000 });
    const m = /^(\d+)\.(\d+)/.exec(res.stdout ?? '');
    nodeVersions.set(node, m ? [Number(m[1]), Number(m[2])] : null);
  }
  return nodeVersions.get(node)!;
}

/** The file `program` names: itself when it has a slash, else the first executable match on PATH. */
function which(program: string, env: NodeJS.ProcessEnv, cwd: string): string | null {
  if (program.includes('/')) return path.resolve(cwd, program);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * A Python that is a script (a pyenv shim, a wrapper) is replaced by the interpreter it runs (sys.executable, asked
 * with the same cwd and environment, so it picks the same version): the tree then holds Python and its children,
 * not a dozen short-lived shell helpers. A real binary is used as given.
 */
function resolvePython(python: string, env: NodeJS.ProcessEnv, cwd: string): string {
  const file = which(python, env, cwd);
  if (!file) return python; // spawn reports it as not found
  const head = Buffer.alloc(2);
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 2, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return python;
  }
  if (head.toString('latin1') !== '#!') return python;
  const res = spawnSync(python, ['-c', 'import sys; sys.stdout.write(sys.executable)'], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  const exe = res.status === 0 ? res.stdout.trim() : '';
  return exe && path.isAbsolute(exe) && fs.existsSync(exe) ? exe : python;
}

const hasTypeStripping = (v: number[]) => v[0] > 22 || (v[0] === 22 && v[1] >= 6);

function prependPath(dir: string, existing: string | undefined): string {
  return existing ? `${dir}${path.delimiter}${existing}` : dir;
}

export function planLaunch(o: RunOptions, runDir: string, probes: string): Launch {
  const cwd = path.resolve(o.cwd ?? process.cwd());
  const args = o.args ?? [];
  const language = languageOf(o.target, o.kind);
  const env: NodeJS.ProcessEnv = { ...(o.env ?? process.env) };
  env.MEMLINT_RUN_DIR = runDir;
  env.PYTHONPATH = prependPath(path.join(probes, 'pythonpath'), env.PYTHONPATH);
  env.NODE_PATH = prependPath(path.join(probes, 'nodepath'), env.NODE_PATH);
  // pytest, however it starts (python -m pytest, the pytest script, a subprocess), loads memlint's per-test plugin.
  env.PYTEST_PLUGINS = env.PYTEST_PLUGINS ? `${env.PYTEST_PLUGINS},memlint_pytest` : 'memlint_pytest';

  if (language === null) {
    if (!o.target) throw new TrackerError('nothing to run');
    return { file: o.target, args, command: [o.target, ...args], env, language, script: null, stackPipe: false, locate: false, ts: null };
  }

  const script = path.resolve(cwd, o.target);
  const stat = fs.statSync(script, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new TrackerError(`${o.target} is a folder, not a script`);
  if (!stat?.isFile()) throw new TrackerError(`no such file: ${o.target}`);

  const locate = o.locate !== false;
  if (language === 'python') {
    const python = o.python || 'python3';
    if (locate) {
      env.MEMLINT_STACK_FD = '3';
      env.MEMLINT_CODE_FD = '4';
      env.MEMLINT_STACK_INTERVAL = String(STACK_INTERVAL_S);
    }
    const interpreter = resolvePython(python, env, cwd);
    return { file: interpreter, args: [path.join(probes, 'run_python.py'), o.target, ...args], command: [python, o.target, ...args], env, language, script, stackPipe: locate, locate, ts: null };
  }

  const node = o.node || 'node';
  const flags = ['--require', path.join(probes, 'preload.js')];
  let ts: TsBuild | null = null;
  if (TS_EXTENSIONS.includes(path.extname(script).toLowerCase())) {
    const version = nodeVersion(node, env);
    if (version === null) throw new TrackerError(`cannot run '${node}' to learn its version`);
    if (hasTypeStripping(version)) {
      flags.push('--experimental-strip-types');
    } else {
      ts = buildTypeScript(script, path.join(runDir, 'ts'));
      env.MEMLINT_TS_MANIFEST = ts.manifestFile;
      flags.push('--enable-source-maps');
    }
  }
  // V8's own --cpu-prof costs the process ~2.4 MB of RSS; the inspector module driving the same profiler, ~4 MB.
  if (locate) flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(runDir, PROFILE_DIR)}`, `--cpu-prof-interval=${PROFILE_INTERVAL_US}`);
  // Node makes argv[1] absolute anyway; an absolute path also cannot be mistaken for a flag.
  return { file: node, args: [...flags, script, ...args], command: [node, o.target, ...args], env, language, script, stackPipe: false, locate, ts };
}
