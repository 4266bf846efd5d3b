// memlint run: run a script or command under the /proc memory tracker. The child's stdin/stdout/stderr are its own
// (the terminal, untouched); afterwards one summary line goes to stderr. Exits with the child's status.
import * as path from 'node:path';
import { compareWithPrevious, historyKey, recordRun } from '../tracker/history';
import { exitStatus, summaryLine } from '../tracker/format';
import { languageOf } from '../tracker/launch';
import { startRun, DEFAULT_INTERVAL_MS } from '../tracker/run';
import { TrackerError } from '../tracker/errors';
import { writeFileAtomic } from '../tracker/safeFiles';
import type { RunOptions } from '../tracker/types';
import { checkReportPath } from './reportFile';
import { optionAt, UsageError } from './usage';

export const RUN_HELP = `Usage: memlint run [options] [--] SCRIPT|COMMAND [args...]

Run a script (.py with Python; .js .mjs .cjs .ts .mts .cts with Node) or any command under the /proc memory tracker
(Linux). Its output passes through untouched; then one line on stderr gives the peak, where it was reached, the final
RSS, the wall time and the exit status. \`memlint run python3 x.py\` and \`memlint run node x.js\` are tracked as scripts.

Options:
  --report FILE    write the report as JSON (version 1); FILE must be new or an earlier report
  --interval MS    RSS sampling interval (default: ${DEFAULT_INTERVAL_MS})
  --limit MB       kill the process tree above this many MiB, as a container would (exit 137)
  --python PATH    Python interpreter for .py scripts (default: python3)
  --node PATH      Node for .js/.ts scripts (default: node)
  --no-location    do not place the peak (nothing extra runs in the process; Node's profiler adds ~2.4 MB)
  --no-history     do not compare with, or record in, .memlint/runs.json
  -h, --help       show this help

Exit status: the child's, or 128 + the signal that ended it (137 when the limit killed it); 2 when it could not start.
`;

export interface RunCliOptions {
  run: RunOptions;
  report?: string;
  history: boolean;
}

function positiveNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || value.trim() === '') throw new UsageError(`${flag} must be a number of at least ${min} (got '${value}')`);
  return n;
}

/** `python3 x.py ...` and `node x.js ...` become tracked scripts; anything else runs as the command given. */
function asScript(target: string, args: string[]): Pick<RunOptions, 'target' | 'args' | 'python' | 'node'> | null {
  const [script, ...rest] = args;
  if (script === undefined || script.startsWith('-')) return null;
  const program = path.basename(target);
  const language = languageOf(script);
  if (language === 'python' && /^python(\d+(\.\d+)?)?$/.test(program)) return { target: script, args: rest, python: target };
  if (language === 'node' && /^node(js)?$/.test(program)) return { target: script, args: rest, node: target };
  return null;
}

export function parseRunArgs(args: readonly string[]): RunCliOptions | 'help' {
  const o: RunCliOptions = { run: { target: '', stdio: 'inherit' }, history: true };
  const at = { i: 0 };
  for (; at.i < args.length; at.i++) {
    const arg = args[at.i];
    if (arg === '--') {
      at.i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const { flag, value } = optionAt(args, at);
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--report':
        o.report = value();
        break;
      case '--interval':
        o.run.intervalMs = positiveNumber(flag, value(), 5);
        break;
      case '--limit':
        o.run.limitMb = positiveNumber(flag, value(), 1);
        break;
      case '--python':
        o.run.python = value();
        break;
      case '--node':
        o.run.node = value();
        break;
      case '--no-location':
        o.run.locate = false;
        break;
      case '--no-history':
        o.history = false;
        break;
      default:
        throw new UsageError(`unknown option ${arg} (see memlint run --help)`);
    }
  }
  const [target, ...rest] = args.slice(at.i);
  if (target === undefined || target === '') throw new UsageError('nothing to run (e.g. memlint run script.py)');
  Object.assign(o.run, asScript(target, rest) ?? { target, args: rest });
  return o;
}

/**
 * Our stdout or stderr closed by the reader (`memlint run ... 2>&1 | head -1`): there is no one left to tell, so the
 * write error is dropped instead of ending in a stack trace, and the run ends as it would have.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
}

/** Everything the command names as a file: the report must be none of them. */
const commandFiles = (o: RunOptions) => [o.target, ...(o.args ?? []), o.python ?? '', o.node ?? ''];

export async function run(args: string[]): Promise<number> {
  ignoreClosedOutput();
  const options = parseRunArgs(args);
  if (options === 'help') {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const cwd = process.cwd();
  const report = options.report ? checkReportPath(options.report, commandFiles(options.run), cwd) : null;

  // The child has a process group of its own (so that a stop, or memlint's death, takes its whole tree), which the
  // terminal does not know: what the terminal sends to its foreground group, we pass on to the child's, as is, and wait
  // for it to react (as with `time`). Ctrl-Z stops the child, then us; `fg` continues both. A SIGTERM or SIGHUP sent to
  // memlint is passed on to the whole run, which is killed if it is still there 2 s later.
  let tracked: Awaited<ReturnType<typeof startRun>> | null = null;
  /** A SIGTERM or SIGHUP that came while the run was starting: it is stopped as soon as it has started. */
  let stopWith: NodeJS.Signals | null = null;
  const relay = (signal: NodeJS.Signals) => tracked?.forward(signal);
  const stop = (signal: NodeJS.Signals) => {
    stopWith = signal;
    tracked?.stop(signal);
  };
  // Ctrl-Z: SIGSTOP, as the child's group has no terminal (the kernel discards a SIGTSTP sent to such a group).
  const suspend = () => {
    tracked?.forward('SIGSTOP');
    process.kill(process.pid, 'SIGSTOP');
  };
  const handlers: Array<[NodeJS.Signals, (signal: NodeJS.Signals) => void]> = [
    ['SIGINT', relay],
    ['SIGQUIT', relay],
    ['SIGWINCH', relay],
    ['SIGCONT', relay],
    ['SIGTSTP', suspend],
    ['SIGTERM', stop],
    ['SIGHUP', stop],
  ];
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    try {
      tracked = await startRun(options.run);
      if (stopWith) tracked.stop(stopWith);
    } catch (err) {
      if (err instanceof TrackerError) throw new UsageError(err.message);
      throw err;
    }
    const result = await tracked.done;
    const key = historyKey(options.run, cwd);
    let comparison = null;
    if (options.history) {
      try {
        comparison = compareWithPrevious(result, cwd, key);
        const { notice } = recordRun(result, cwd, key);
        if (notice) process.stderr.write(`memlint: ${notice}\n`);
      } catch (err) {
        process.stderr.write(`memlint: run history skipped: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    process.stderr.write(summaryLine(result, { cwd, comparison, oomKilled: tracked.oomKilled }) + '\n');
    if (report) {
      try {
        writeFileAtomic(report, JSON.stringify(result, null, 2) + '\n');
      } catch (err) {
        process.stderr.write(`memlint: the report could not be written to ${options.report}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
        return 2;
      }
    }
    return exitStatus(result);
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
