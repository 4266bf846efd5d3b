// Wiring only: the language client (src/vscode/client.ts) and the tracker UI; every piece lives in src/vscode/.
import * as vscode from 'vscode';
import type { MemlintApi } from './vscode/api';
import { ServerClient } from './vscode/client';
import { registerCommands } from './vscode/commands';
import { RuleDocs } from './vscode/docs';
import { Log } from './vscode/output';
import { settingsFor } from './vscode/settings';
import { MemlintStatusBar } from './vscode/statusBar';
import { TrackerUi } from './vscode/tracker/controller';
import { RunMarks } from './vscode/tracker/marks';
import { ReportPanel } from './vscode/tracker/reportPanel';
import { mayRunCode } from './vscode/trust';

let server: ServerClient | undefined;

export function activate(context: vscode.ExtensionContext): MemlintApi {
  const started = performance.now();
  const log = new Log();
  const statusBar = new MemlintStatusBar();
  server = new ServerClient(context, log);
  const client = server;
  const docs = new RuleDocs(context.extensionUri, () => client.rules());
  const marks = new RunMarks();
  const report = new ReportPanel(context.extensionUri);
  const tracker = new TrackerUi(context.workspaceState, statusBar, marks, report, log);
  // The tracker's "this line made the peak" note: the server adds it to the finding on (or using) the peak line.
  client.notes = (uri) => marks.notesFor(uri);
  context.subscriptions.push(
    log,
    statusBar,
    client,
    marks,
    report,
    tracker,
    marks.onDidChange((files) => client.notesChanged(files)),
    ...registerCommands(client, docs, log),
    ...tracker.commands(),
  );
  client.start();
  return {
    activationMs: performance.now() - started,
    idle: () => client.idle(),
    settingsFor,
    mayRunCode,
    skipReason: (uri) => client.skipped.get(uri.toString()),
    logLines: log.lines,
    statusBar,
    server: {
      pid: () => client.pid,
      lintTimes: client.lintTimes,
    },
    tracker: {
      last: () => tracker.last ?? undefined,
      running: () => tracker.running,
      reportHtml: () => report.html,
      marks: (file) => marks.shownIn(file),
      answerConfirm: (answer) => {
        tracker.confirm = async () => answer;
      },
    },
  };
}

export function deactivate(): Thenable<void> | undefined {
  return server?.stop();
}
