// Wiring only: every piece lives in src/vscode/.
import * as vscode from 'vscode';
import type { MemlintApi } from './vscode/api';
import { MemlintCodeActions } from './vscode/codeActions';
import { registerCommands } from './vscode/commands';
import { RuleDocs } from './vscode/docs';
import { DocumentLinter } from './vscode/documentLinter';
import { SELECTOR } from './vscode/languages';
import { Log } from './vscode/output';
import { settingsFor } from './vscode/settings';
import { MemlintStatusBar } from './vscode/statusBar';
import { TrackerUi } from './vscode/tracker/controller';
import { RunMarks } from './vscode/tracker/marks';
import { ReportPanel } from './vscode/tracker/reportPanel';
import { mayRunCode } from './vscode/trust';

export function activate(context: vscode.ExtensionContext): MemlintApi {
  const started = performance.now();
  const log = new Log();
  const statusBar = new MemlintStatusBar();
  const docs = new RuleDocs(context.extensionUri);
  const linter = new DocumentLinter(log, docs);
  const marks = new RunMarks();
  const report = new ReportPanel(context.extensionUri);
  const tracker = new TrackerUi(context.workspaceState, statusBar, marks, report, log);
  linter.notes = (uri) => marks.notesFor(uri);
  context.subscriptions.push(
    log,
    statusBar,
    linter,
    marks,
    report,
    tracker,
    marks.onDidChange((files) => {
      for (const d of vscode.workspace.textDocuments) if (files.includes(d.uri.fsPath)) linter.lintSoon(d, 0);
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new MemlintCodeActions(linter, log), MemlintCodeActions.metadata),
    ...registerCommands(linter, docs, log),
    ...tracker.commands(),
  );
  linter.start();
  return {
    activationMs: performance.now() - started,
    idle: () => linter.idle(),
    settingsFor,
    mayRunCode,
    skipReason: (uri) => linter.skipped.get(uri.toString()),
    logLines: log.lines,
    statusBar,
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

export function deactivate(): void {}
