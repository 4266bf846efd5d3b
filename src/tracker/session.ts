// One tracking session, for the CLI and the editor alike: run → history → comparison → summary. The editor runs it in
// a child process (`memlint run --events`), so nothing of it runs on the extension host's event loop.
import { compareWithPrevious, historyKey, pastRunOf, recordRun, type Comparison, type PastRun } from './history';
import { summaryLine } from './format';
import { startRun, type Run } from './run';
import type { RunEvents, RunOptions, TrackerReport } from './types';

export interface SessionOptions {
  run: RunOptions;
  /** Where the history lives and what paths are shown relative to: the CLI's working directory, the editor's folder. */
  dir: string;
  /** Compare with, and record in, `<dir>/.memlint/runs.json` (default true). */
  history?: boolean;
}

export interface SessionEvents extends RunEvents {
  /** A line for the user about the session itself (a history set aside or skipped), without the `memlint: ` prefix. */
  onNotice?(text: string): void;
}

/** What a finished session hands back: the report and everything said about it. */
export interface SessionResult {
  report: TrackerReport;
  /** Against the last measured run of the same script; null without history or without a previous run. */
  comparison: Comparison | null;
  /** This script's runs, oldest first, this one last (just this one without history). */
  runs: PastRun[];
  /** The run died by SIGKILL while the cgroup's OOM-kill count grew. */
  oomKilled: boolean;
  /** The one-line summary `memlint run` prints (starts with `memlint: `). */
  summary: string;
}

export interface Session {
  readonly run: Run;
  /** Never rejects once the run has started. */
  readonly done: Promise<SessionResult>;
}

/** Start a session; rejects with a TrackerError (one clear line) when the run cannot start. */
export async function startSession(options: SessionOptions, events: SessionEvents = {}): Promise<Session> {
  const run = await startRun(options.run, events);
  return { run, done: run.done.then((report) => finish(report, run.oomKilled, options, events)) };
}

function finish(report: TrackerReport, oomKilled: boolean, options: SessionOptions, events: SessionEvents): SessionResult {
  const { dir } = options;
  let comparison: Comparison | null = null;
  let runs: PastRun[] = [pastRunOf(report)];
  const tell = (text: string) => {
    try {
      events.onNotice?.(text);
    } catch {
      // the listener's own problem
    }
  };
  if (options.history !== false) {
    const key = historyKey(options.run, dir);
    try {
      comparison = compareWithPrevious(report, dir, key);
      const recorded = recordRun(report, dir, key);
      runs = recorded.runs;
      if (recorded.notice) tell(recorded.notice);
    } catch (err) {
      tell(`run history skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { report, comparison, runs, oomKilled, summary: summaryLine(report, { cwd: dir, comparison, oomKilled }) };
}
