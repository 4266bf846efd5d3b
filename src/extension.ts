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
import { mayRunCode } from './vscode/trust';

export function activate(context: vscode.ExtensionContext): MemlintApi {
  const started = performance.now();
  const log = new Log();
  const statusBar = new MemlintStatusBar();
  const docs = new RuleDocs(context.extensionUri);
  const linter = new DocumentLinter(log, docs);
  context.subscriptions.push(
    log,
    statusBar,
    linter,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new MemlintCodeActions(linter, log), MemlintCodeActions.metadata),
    ...registerCommands(linter, docs, log),
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
  };
}

export function deactivate(): void {}
