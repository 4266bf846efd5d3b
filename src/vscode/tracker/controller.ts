// "memlint: Run with Memory Tracking": save, run the file under the tracker in a terminal, live RSS in the status
// bar (click to stop), then the peak and its change against the last run, the marks in the editor and the report.
// The tracker is a child process (`memlint run --events`): this side only shows what it says.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { viewOf } from '../../report/html';
import { startTracker, type TrackerProcess } from '../../tracker/client';
import { historyKey, type Comparison, type PastRun } from '../../tracker/history';
import { formatChange, formatMb, formatMeasured } from '../../tracker/format';
import { languageOf } from '../../tracker/launch';
import { TrackerError } from '../../tracker/errors';
import type { TrackerReport } from '../../tracker/types';
import { verdictLines } from '../../tracker/verdict';
import type { Log } from '../output';
import { settingsFor } from '../settings';
import type { MemlintStatusBar } from '../statusBar';
import { mayRunCode } from '../trust';
import { showArgs, splitArgs } from './args';
import { pythonFor } from './interpreter';
import { marksOf } from './markText';
import type { RunMarks } from './marks';
import type { ReportPanel } from './reportPanel';
import { RunTerminal } from './terminal';

export const RUN_COMMAND = 'memlint.runWithMemoryTracking';
export const RUN_WITH_ARGS_COMMAND = 'memlint.runWithMemoryTrackingArgs';
export const STOP_COMMAND = 'memlint.stopRun';
export const REPORT_COMMAND = 'memlint.showReport';
/** Live RSS in the status bar at most this often. */
const LIVE_EVERY_MS = 250;

/** The last finished run, what the status bar and the report show. */
export interface FinishedRun {
  file: string;
  folder: string;
  report: TrackerReport;
  comparison: Comparison | null;
  /** This script's runs, oldest first, this one last. */
  runs: PastRun[];
  oomKilled: boolean;
  /** The one-line summary, as `memlint run` prints it. */
  summary: string;
}

interface Current {
  file: string;
  run: TrackerProcess | null;
  stopped: boolean;
  done: Promise<unknown>;
}

export class TrackerUi implements vscode.Disposable {
  private current: Current | null = null;
  /** Each file's last run terminal: the next run of that file replaces it. */
  private readonly terminals = new Map<string, RunTerminal>();
  last: FinishedRun | null = null;
  /** Asks before a second run replaces a running one; the tests answer it themselves. */
  confirm: (message: string, action: string) => Thenable<boolean> = (message, action) =>
    vscode.window.showWarningMessage(message, { modal: true }, action).then((choice) => choice === action);

  constructor(
    /** Where each file's last arguments are remembered (the workspace's state). */
    private readonly state: vscode.Memento,
    private readonly statusBar: MemlintStatusBar,
    private readonly marks: RunMarks,
    private readonly panel: ReportPanel,
    private readonly log: Log,
  ) {}

  commands(): vscode.Disposable[] {
    return [
      // (uri, args) from code; a keybinding's "args": [...] arrives alone, as the first parameter.
      vscode.commands.registerCommand(RUN_COMMAND, (uri?: unknown, args?: unknown) => {
        const argv = Array.isArray(uri) ? uri : Array.isArray(args) ? args : undefined;
        const target = uri instanceof vscode.Uri ? uri : undefined;
        return this.log.guard('memlint: Run with Memory Tracking', () => this.run(target, argv?.map(String)), undefined);
      }),
      vscode.commands.registerCommand(RUN_WITH_ARGS_COMMAND, (uri?: vscode.Uri) =>
        this.log.guard('memlint: Run with Memory Tracking (Arguments)', () => this.run(uri instanceof vscode.Uri ? uri : undefined, 'ask'), undefined),
      ),
      vscode.commands.registerCommand(STOP_COMMAND, () => this.stop()),
      vscode.commands.registerCommand(REPORT_COMMAND, () => this.log.guard('memlint: Show memory report', () => this.showReport(), undefined)),
    ];
  }

  get running(): boolean {
    return this.current !== null;
  }

  /**
   * Run a file (default: the active editor's) and resolve with its report; undefined when it did not run. `args`:
   * the script's arguments, 'ask' to ask for them, or none for the ones this file ran with last time.
   */
  async run(uri?: vscode.Uri, args?: string[] | 'ask'): Promise<TrackerReport | undefined> {
    if (!mayRunCode('Run with Memory Tracking')) return undefined;
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== 'file' || !languageOf(target.fsPath)) {
      void vscode.window.showInformationMessage('memlint: open a saved .py, .js, .mjs, .cjs, .ts, .mts or .cts file to run it with memory tracking.');
      return undefined;
    }
    const file = target.fsPath;
    const name = path.basename(file);
    const argv = args === 'ask' ? await this.askArgs(file) : (args ?? this.lastArgs(file));
    if (!argv) return undefined;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (document?.isDirty && !(await document.save())) {
      void vscode.window.showWarningMessage(`memlint: ${name} could not be saved, so it was not run.`);
      return undefined;
    }
    // A loop: another run may start while this one waits for the answer or for the stop.
    while (this.current) {
      const go = await this.confirm(`memlint: ${path.basename(this.current.file)} is still running. Stop it and run ${name}?`, 'Stop and Run');
      if (!go) return undefined;
      await this.stopAndWait();
    }

    let finished!: () => void;
    const current: Current = { file, run: null, stopped: false, done: new Promise<void>((r) => (finished = r)) };
    this.current = current;
    void vscode.commands.executeCommand('setContext', 'memlint.running', true);
    try {
      await this.state.update(argsKey(file), argv);
      return await this.track(target, argv, current);
    } finally {
      this.current = null;
      void vscode.commands.executeCommand('setContext', 'memlint.running', false);
      finished();
    }
  }

  private lastArgs(file: string): string[] {
    const saved = this.state.get<unknown>(argsKey(file));
    return Array.isArray(saved) ? saved.map(String) : [];
  }

  private async askArgs(file: string): Promise<string[] | undefined> {
    const text = await vscode.window.showInputBox({
      title: `memlint: Run ${path.basename(file)} with Memory Tracking`,
      prompt: 'Arguments for the script, split as a shell splits words and quotes (no shell runs: nothing is expanded)',
      value: showArgs(this.lastArgs(file)),
      validateInput: (value) => {
        try {
          splitArgs(value);
          return undefined;
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
      },
    });
    return text === undefined ? undefined : splitArgs(text);
  }

  private async track(target: vscode.Uri, args: string[], current: Current): Promise<TrackerReport | undefined> {
    const file = target.fsPath;
    const name = path.basename(file);
    const settings = settingsFor(target);
    const folder = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath ?? path.dirname(file);
    const python = languageOf(file) === 'python' ? await pythonFor(target, settings.pythonPath) : undefined;
    if (current.stopped) return undefined;

    const terminal = new RunTerminal(`memlint: ${name}`, {
      write: (text) => current.run?.writeStdin(text),
      end: () => current.run?.endStdin(),
      interrupt: () => current.run?.interrupt(),
      closed: () => this.stop(),
    });
    this.terminals.get(file)?.dispose();
    this.terminals.set(file, terminal);
    terminal.terminal.show(true);
    const shown = [path.relative(folder, file) || name, ...(args.length ? [showArgs(args)] : [])].join(' ');
    terminal.note(`memlint: running ${shown} under the memory tracker${python ? ` with ${python.path} (${python.source})` : ''}`);
    this.statusBar.show(`$(loading~spin) ${name}`, `memlint is starting ${name}. Click to stop.`, STOP_COMMAND);

    let lastLive = 0;
    // As the CLI says them on stderr: in the run's terminal, and kept in the log.
    const tell = (message: string) => {
      terminal.note(`memlint: ${message}`);
      this.log.error(`${folder}: ${message}`);
    };
    current.run = startTracker(
      {
        target: file,
        args,
        cwd: folder,
        python: python?.path,
        intervalMs: settings.trackerIntervalMs,
        limitMb: settings.trackerLimitMb,
        env: { ...process.env, PYTHONUNBUFFERED: '1' },
      },
      {
        onOutput: (chunk, stream) => terminal.output(chunk, stream === 'stdout' ? 'out' : 'err'),
        onSample: ({ t, rssKiB, peakKiB }) => {
          if (t - lastLive < LIVE_EVERY_MS) return;
          lastLive = t;
          this.statusBar.show(`$(loading~spin) ${name} ${formatMb(rssKiB)}`, `memlint is tracking ${name}: RSS ${formatMb(rssKiB)}, peak so far ${formatMb(peakKiB)}. Click to stop.`, STOP_COMMAND);
        },
        onLimit: ({ limitKiB }) => terminal.note(`memlint: over the ${Math.round(limitKiB / 1024)} MiB limit (memlint.tracker.limitMb): killing the process tree`),
        onNotice: tell,
      },
    );
    if (current.stopped) current.run.stop();
    let result;
    try {
      result = await current.run.done;
    } catch (err) {
      const message = err instanceof TrackerError ? err.message : `the run failed to start: ${err instanceof Error ? err.message : String(err)}`;
      terminal.note(`memlint: ${message}`);
      terminal.finish();
      this.showLast();
      void vscode.window.showErrorMessage(`memlint: ${message}`);
      return undefined;
    }
    terminal.finish();
    const { report } = result;
    this.last = { file, folder, ...result };
    terminal.note(result.summary);
    for (const line of verdictLines(report)) terminal.note(`memlint: ${line}`); // budgets, the container, the tests
    const key = historyKey({ target: file, cwd: folder }, folder);
    this.marks.set(`${folder}\0${key}`, marksOf(report, name));
    this.showLast();
    this.panel.update(this.view());
    return report;
  }

  /** Stop the running script (SIGTERM to its tree, SIGKILL 2 s later); the report still comes. */
  stop(): void {
    if (!this.current) return;
    this.current.stopped = true;
    this.current.run?.stop();
  }

  private async stopAndWait(): Promise<void> {
    const current = this.current;
    this.stop();
    await current?.done;
  }

  showReport(): void {
    const view = this.view();
    if (!view) {
      void vscode.window.showInformationMessage('memlint: no tracked run yet. Run a script with "memlint: Run with Memory Tracking" first.');
      return;
    }
    this.panel.show(view);
  }

  private view() {
    const last = this.last;
    return last ? viewOf(last, path.relative(last.folder, last.file) || path.basename(last.file), last.folder) : undefined;
  }

  /** The status bar after a run: the peak and its change against the previous run of the same file. */
  private showLast(): void {
    const last = this.last;
    if (!last) return this.statusBar.hide();
    const { report, comparison } = last;
    const change = comparison ? ` (${formatChange(comparison.peakChangePct)} vs last run)` : '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(last.summary.replace(/^memlint: /, ''));
    if (comparison) tooltip.appendText(`\n\nPeak ${formatMeasured(comparison.previous.peakKiB)} → ${formatMeasured(report.peakKiB)}`);
    tooltip.appendMarkdown('\n\n$(graph) Click for the report');
    this.statusBar.show(`$(graph) Peak ${formatMeasured(report.peakKiB)}${change}`, tooltip, REPORT_COMMAND);
  }

  dispose(): void {
    this.stop();
  }
}

/** The workspace-state key of a file's last arguments. */
const argsKey = (file: string) => `memlint.args:${file}`;
