// The editor's side of a tracked run: `memlint run --events` in a child process, its JSON lines turned back into
// events. The /proc polling, the interpreter's version, TypeScript, the profile and the history all happen in that
// process; here only lines are split and parsed. No 'vscode', so the bench and the tests drive it as the editor does.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrackerError } from './errors';
import { encodeLine, LineSplitter, parseEvent, type TrackerCommand } from './events';
import type { SessionResult } from './session';
import type { Checkpoint, KiB } from './types';

export interface TrackerProcessOptions {
  /** The script (absolute, or relative to `cwd`) and its arguments. */
  target: string;
  args?: string[];
  /** The run's working directory, and where its history is kept. */
  cwd: string;
  python?: string;
  intervalMs?: number;
  limitMb?: number;
  /** The tracker's environment, which the script inherits (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The memlint CLI to run (default: found beside this module). */
  entry?: string;
}

export interface TrackerProcessEvents {
  onStarted?(pid: number): void;
  onSample?(sample: { t: number; rssKiB: KiB; peakKiB: KiB }): void;
  onOutput?(chunk: Buffer, stream: 'stdout' | 'stderr'): void;
  onCheckpoint?(checkpoint: Checkpoint): void;
  onLimit?(over: { peakKiB: KiB; limitKiB: KiB }): void;
  onNotice?(text: string): void;
}

export interface TrackerProcess {
  /** The tracker's own pid. */
  readonly pid: number;
  /** The session's result; rejects with a TrackerError when the run could not start or the tracker died. */
  readonly done: Promise<SessionResult>;
  /** SIGTERM to the tracker, which stops the whole run (SIGKILL 2 s later to what is left) and still reports. */
  stop(): void;
  /** The terminal's Ctrl-C: SIGINT to every process of the run (SIGKILL 2 s later to what is left). */
  interrupt(): void;
  writeStdin(data: string | Uint8Array): void;
  endStdin(): void;
}

/** The memlint CLI: beside the bundle (dist/memlint.js) or in the compiled tree (out/src/cli/main.js). */
export function findTrackerEntry(): string {
  const candidates = [path.join(__dirname, 'memlint.js'), path.resolve(__dirname, '..', 'cli', 'main.js')];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new TrackerError(`memlint's tracker is missing (looked in ${candidates.join(', ')})`);
  return found;
}

/** The CLI's arguments for a run: always an array, the script after `--`. */
export function trackerArgs(o: TrackerProcessOptions): string[] {
  const args = ['run', '--events'];
  if (o.python) args.push('--python', o.python);
  if (o.intervalMs !== undefined) args.push('--interval', String(o.intervalMs));
  if (o.limitMb) args.push('--limit', String(o.limitMb));
  return [...args, '--', o.target, ...(o.args ?? [])];
}

/** What stderr the tracker wrote is kept for its last words, up to this much. */
const STDERR_KEPT = 4096;

export function startTracker(o: TrackerProcessOptions, events: TrackerProcessEvents = {}): TrackerProcess {
  const entry = o.entry ?? findTrackerEntry();
  // The editor's own binary runs as plain Node with ELECTRON_RUN_AS_NODE (the tracker removes it from the script's env).
  const env = { ...(o.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' };
  const child = spawn(process.execPath, [entry, ...trackerArgs(o)], { cwd: o.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const call = <T>(listener: ((value: T) => void) | undefined, value: T) => {
    try {
      listener?.(value);
    } catch {
      // the listener's own problem
    }
  };
  /** Until the tracker says hello, its signal handlers may not be in place: a stop waits for it. */
  let ready = false;
  let stopAsked = false;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  let result: SessionResult | null = null;
  let failure: string | null = null;
  let stderr = '';
  const lines = new LineSplitter();
  child.stdout.on('data', (chunk: Buffer) => {
    for (const line of lines.push(chunk)) {
      const e = parseEvent(line);
      if (!e) continue;
      switch (e.type) {
        case 'hello':
          ready = true;
          if (stopAsked) kill();
          break;
        case 'started':
          call(events.onStarted, e.pid);
          break;
        case 'sample':
          call(events.onSample, { t: e.t, rssKiB: e.rssKiB, peakKiB: e.peakKiB });
          break;
        case 'output':
          call(events.onOutput && ((chunk: Buffer) => events.onOutput!(chunk, e.stream)), Buffer.from(e.data, 'base64'));
          break;
        case 'checkpoint':
          call(events.onCheckpoint, e.checkpoint);
          break;
        case 'limit':
          call(events.onLimit, { peakKiB: e.peakKiB, limitKiB: e.limitKiB });
          break;
        case 'notice':
          call(events.onNotice, e.text);
          break;
        case 'error':
          failure = e.message;
          break;
        case 'done':
          result = e.result;
          break;
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
  });
  child.stdin.on('error', () => undefined); // EPIPE once the tracker has exited
  const send = (command: TrackerCommand) => {
    if (child.exitCode === null && child.signalCode === null && child.stdin.writable) child.stdin.write(encodeLine(command));
  };

  const done = new Promise<SessionResult>((resolve, reject) => {
    child.once('error', (err) => reject(new TrackerError(`cannot start memlint's tracker: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (result) return resolve(result);
      // The tracker's own words: its error event, else its last line on stderr (a usage error, a crash).
      const last = stderr.trim().split('\n').pop()?.replace(/^memlint: /, '');
      reject(new TrackerError(failure ?? last ?? `memlint's tracker ended (${signal ?? `exit ${code}`}) without a report`));
    });
  });
  return {
    pid: child.pid ?? 0,
    done,
    stop: () => {
      stopAsked = true;
      if (ready) kill();
    },
    interrupt: () => send({ type: 'stop', signal: 'SIGINT' }),
    writeStdin: (data) => send({ type: 'stdin', data: Buffer.from(data).toString('base64') }),
    endStdin: () => send({ type: 'endStdin' }),
  };
}
