// memlint run: run a script or command under the /proc memory tracker. The child's stdin/stdout/stderr are its own
// (the terminal, untouched); afterwards one summary line goes to stderr. Exits with the child's status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareWithPrevious, historyKey, recordRun } from '../tracker/history';
import { exitStatus, summaryLine } from '../tracker/format';
import { languageOf } from '../tracker/launch';
import { startRun, DEFAULT_INTERVAL_MS } from '../tracker/run';
import { TrackerError } from '../tracker/errors';
import type { RunOptions } from '../tracker/types';
import { optionAt, UsageError } from './usage';

export const RUN_HELP = `Usage: memlint run [options] [--] SCRIPT|COMMAND [args...]

Run a script (.py with Python; .js .mjs .cjs .ts .mts .cts with Node) or any command under the /proc memory tracker
(Linux). Its output passes through untouched; then one line on stderr gives the peak, where it was reached, the final
RSS, the wall time and the exit status. \`memlint run python3 x.py\` and \`memlint run node x.js\` are tracked as scripts.

Options:
  --report FILE    write the report as JSON (version 1)
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

export async function run(args: string[]): Promise<number> {
  const options = parseRunArgs(args);
  if (options === 'help') {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const cwd = process.cwd();
  if (options.report) {
    try {
      fs.writeFileSync(options.report, '');
    } catch (err) {
      throw new UsageError(`cannot write the report to ${options.report}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }

  // As with `time`: Ctrl-C and Ctrl-\ reach the child from the terminal, and we wait for it to react. A SIGTERM or
  // SIGHUP sent to memlint alone is passed on to the whole tree.
  const ignore = () => undefined;
  let tracked: Awaited<ReturnType<typeof startRun>> | null = null;
  const forward = (signal: NodeJS.Signals) => tracked?.stop(signal);
  process.on('SIGINT', ignore).on('SIGQUIT', ignore).on('SIGTERM', forward).on('SIGHUP', forward);
  try {
    try {
      tracked = await startRun(options.run);
    } catch (err) {
      if (err instanceof TrackerError) throw new UsageError(err.message);
      throw err;
    }
    const report = await tracked.done;
    const key = historyKey(options.run, cwd);
    let comparison = null;
    if (options.history) {
      try {
        comparison = compareWithPrevious(report, cwd, key);
        recordRun(report, cwd, key);
      } catch (err) {
        process.stderr.write(`memlint: run history not saved: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      }
    }
    if (options.report) fs.writeFileSync(options.report, JSON.stringify(report, null, 2) + '\n');
    process.stderr.write(summaryLine(report, { cwd, comparison, oomKilled: tracked.oomKilled }) + '\n');
    return exitStatus(report);
  } finally {
    process.off('SIGINT', ignore).off('SIGQUIT', ignore).off('SIGTERM', forward).off('SIGHUP', forward);
  }
}
