// memlint run: run a script or command under the /proc memory tracker. The child's stdin/stdout/stderr are its own
// (the terminal, untouched); afterwards one summary line goes to stderr. Exits with the child's status.
// With --events (the editor's way to run it) the child's stdio are pipes and everything comes as JSON lines on stdout.
import * as path from 'node:path';
import { viewOf } from '../report/html';
import { standaloneHtml } from '../report/standalone';
import { encodeLine, LineSplitter, parseCommand, EVENTS_VERSION, type TrackerCommand, type TrackerEvent } from '../tracker/events';
import { historyKey } from '../tracker/history';
import { languageOf } from '../tracker/launch';
import { DEFAULT_INTERVAL_MS } from '../tracker/run';
import { TrackerError } from '../tracker/errors';
import { writeFileAtomic } from '../tracker/safeFiles';
import { startSession, type Session, type SessionEvents, type SessionResult } from '../tracker/session';
import type { RunOptions } from '../tracker/types';
import { ciSummary, verdictLines, verdictStatus } from '../tracker/verdict';
import { checkReportPath, HTML_FILE, REPORT_FILE } from './reportFile';
import { optionAt, UsageError } from './usage';

export const RUN_HELP = `Usage: memlint run [options] [--] SCRIPT|COMMAND [args...]

Run a script (.py with Python; .js .mjs .cjs .ts .mts .cts with Node) or any command under the /proc memory tracker
(Linux). Its output passes through untouched; then one line on stderr gives the peak, where it was reached, the final
RSS, the wall time and the exit status. \`memlint run python3 x.py\` and \`memlint run node x.js\` are tracked as scripts.

Options:
  --report FILE    write the report as JSON (version 1); FILE must be new or an earlier report
  --html FILE      write the report as a page on its own (no network); FILE must be new or an earlier page
  --format FORMAT  text (default) or json: also one JSON line on stdout at the end, for CI
  --budget MB      exit 3 when the peak went over this many MiB (the run is not stopped)
  --interval MS    RSS sampling interval (default: ${DEFAULT_INTERVAL_MS})
  --limit MB       kill the process tree above this many MiB, as a container would (exit 137);
                   --limit cgroup: at the limit of the cgroup memlint runs in (the container's)
  --python PATH    Python interpreter for .py scripts (default: python3)
  --node PATH      Node for .js/.ts scripts (default: node)
  --no-location    do not place the peak (nothing extra runs in the process; Node's profiler adds ~2.4 MB)
  --no-history     do not compare with, or record in, .memlint/runs.json
  --events         JSON lines on stdout instead of the child's output and the summary (for the editor; see
                   src/tracker/README.md); the child's stdio are pipes, commands come on stdin
  -h, --help       show this help

Exit status: the child's, or 128 + the signal that ended it (137 when the limit killed it); 3 when it succeeded but a
budget (--budget, a checkpoint's, a test's) was gone over; 2 when it could not start.
`;

export interface RunCliOptions {
  run: RunOptions;
  report?: string;
  html?: string;
  history: boolean;
  events: boolean;
  format: 'text' | 'json';
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
  const o: RunCliOptions = { run: { target: '', stdio: 'inherit' }, history: true, events: false, format: 'text' };
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
      case '--html':
        o.html = value();
        break;
      case '--events':
        o.events = true;
        o.run.stdio = 'pipe';
        break;
      case '--interval':
        o.run.intervalMs = positiveNumber(flag, value(), 5);
        break;
      case '--limit': {
        const v = value();
        if (v === 'cgroup') o.run.limitToCgroup = true;
        else o.run.limitMb = positiveNumber(flag, v, 1);
        break;
      }
      case '--budget':
        o.run.budgetMb = positiveNumber(flag, value(), 1);
        break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json (got '${v}')`);
        o.format = v;
        break;
      }
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
  const files = commandFiles(options.run);
  const report = options.report ? checkReportPath(options.report, files, cwd, REPORT_FILE) : null;
  const html = options.html ? checkReportPath(options.html, files, cwd, HTML_FILE) : null;
  const out = options.events ? eventWriter() : null;

  // The child has a process group of its own (so that a stop, or memlint's death, takes its whole tree), which the
  // terminal does not know: what the terminal sends to its foreground group, we pass on to the child's, as is, and wait
  // for it to react (as with `time`). Ctrl-Z stops the child, then us; `fg` continues both. A SIGTERM or SIGHUP sent to
  // memlint is passed on to the whole run, which is killed if it is still there 2 s later.
  let session: Session | null = null;
  /** A SIGTERM or SIGHUP that came while the run was starting: it is stopped as soon as it has started. */
  let stopWith: NodeJS.Signals | null = null;
  const relay = (signal: NodeJS.Signals) => session?.run.forward(signal);
  const stop = (signal: NodeJS.Signals) => {
    stopWith = signal;
    session?.run.stop(signal);
  };
  // Ctrl-Z: SIGSTOP, as the child's group has no terminal (the kernel discards a SIGTSTP sent to such a group).
  const suspend = () => {
    session?.run.forward('SIGSTOP');
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
  const commands = out ? readCommands(() => session, stop) : null;
  out?.send({ type: 'hello', version: EVENTS_VERSION }); // our signal handlers are in place: a stop can come
  try {
    try {
      session = await startSession({ run: options.run, dir: cwd, history: options.history }, out ? out.events : cliEvents());
      out?.send({ type: 'started', pid: session.run.pid });
      commands?.started();
      if (stopWith) session.run.stop(stopWith);
    } catch (err) {
      if (!(err instanceof TrackerError)) throw err;
      if (!out) throw new UsageError(err.message);
      out.send({ type: 'error', message: err.message });
      return 2;
    }
    const result = await session.done;
    if (out) out.send({ type: 'done', result });
    else process.stderr.write([result.summary, ...verdictLines(result.report).map((l) => `memlint: ${l}`)].join('\n') + '\n');
    if (options.format === 'json' && !out) process.stdout.write(JSON.stringify(ciSummary(result, cwd)) + '\n');
    const written = writeOutputs(result, options, { report, html }, cwd);
    return written ? verdictStatus(result.report) : 2;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    commands?.close();
  }
}

/** The CLI's own live events: notices on stderr, as its summary. */
function cliEvents(): SessionEvents {
  return { onNotice: (text) => process.stderr.write(`memlint: ${text}\n`) };
}

/** --events: every event of the session as a JSON line on stdout (a pipe: written synchronously, in order). */
function eventWriter(): { send(event: TrackerEvent): void; events: SessionEvents } {
  // The editor starts us with ELECTRON_RUN_AS_NODE so that its own binary runs as Node; the script must not inherit it.
  delete process.env.ELECTRON_RUN_AS_NODE;
  const send = (event: TrackerEvent) => process.stdout.write(encodeLine(event));
  return {
    send,
    events: {
      onSample: ({ t, rssKiB, peakKiB }) => send({ type: 'sample', t, rssKiB, peakKiB }),
      onStdout: (chunk) => send({ type: 'output', stream: 'stdout', data: chunk.toString('base64') }),
      onStderr: (chunk) => send({ type: 'output', stream: 'stderr', data: chunk.toString('base64') }),
      onCheckpoint: (checkpoint) => send({ type: 'checkpoint', checkpoint }),
      onLimit: ({ peakKiB, limitKiB }) => send({ type: 'limit', peakKiB, limitKiB }),
      onNotice: (text) => send({ type: 'notice', text }),
    },
  };
}

/**
 * --events: commands on stdin (the script's input, its end, a stop). When stdin closes with the run still going, the
 * editor is gone: the run is stopped as a SIGTERM to memlint would.
 */
function readCommands(current: () => Session | null, stop: (signal: NodeJS.Signals) => void): { started(): void; close(): void } {
  const lines = new LineSplitter();
  let closed = false;
  /** Input that came before the run started: given to it once it has. */
  let early: TrackerCommand[] | null = [];
  const apply = (command: TrackerCommand) => {
    const run = current()?.run;
    if (command.type === 'stop') stop(command.signal);
    else if (!run) early?.push(command);
    else if (command.type === 'endStdin') run.endStdin();
    else run.writeStdin(Buffer.from(command.data, 'base64'));
  };
  process.stdin.on('data', (chunk: Buffer) => {
    for (const line of lines.push(chunk)) {
      const command = parseCommand(line);
      if (command) apply(command);
    }
  });
  process.stdin.on('end', () => {
    if (!closed) stop('SIGTERM');
  });
  process.stdin.on('error', () => undefined);
  return {
    started() {
      const pending = early ?? [];
      early = null;
      pending.forEach(apply);
    },
    close() {
      closed = true;
      process.stdin.destroy(); // nothing more to read: let the process end
    },
  };
}

/** --report and --html, written atomically at the end; false (exit 2) when one could not be written. */
function writeOutputs(result: SessionResult, options: RunCliOptions, files: { report: string | null; html: string | null }, cwd: string): boolean {
  const outputs: Array<[string | null, string | undefined, () => string]> = [
    [files.report, options.report, () => JSON.stringify(result.report, null, 2) + '\n'],
    [files.html, options.html, () => standaloneHtml(viewOf(result, historyKey(options.run, cwd).replace(/^\$ /, ''), cwd))],
  ];
  let ok = true;
  for (const [file, shown, text] of outputs) {
    if (!file) continue;
    try {
      writeFileAtomic(file, text());
    } catch (err) {
      process.stderr.write(`memlint: the report could not be written to ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      ok = false;
    }
  }
  return ok;
}
