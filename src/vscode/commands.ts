// The commands in the palette.
import * as vscode from 'vscode';
import type { Family } from '../core/rule';
import { SHOW_DOCUMENTATION_COMMAND } from '../server/protocol';
import type { ServerClient } from './client';
import type { RuleDocs } from './docs';
import { lintedLanguage } from './languages';
import type { Log } from './output';

export const FIX_ALL_COMMAND = 'memlint.fixAll';
export const RESTART_COMMAND = 'memlint.restartServer';

export function registerCommands(server: ServerClient, docs: RuleDocs, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => log.guard('memlint: Fix all safe issues', () => fixAll(server), false)),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, (rule?: string, family?: Family) =>
      log.guard('memlint: Show rule documentation', () => docs.show(rule, family), false),
    ),
    vscode.commands.registerCommand(RESTART_COMMAND, () =>
      log.guard(
        'memlint: Restart Server',
        async () => {
          log.info('Restarting the memlint language server.');
          await server.restart();
          return true;
        },
        false,
      ),
    ),
  ];
}

async function fixAll(server: ServerClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !lintedLanguage(editor.document)) {
    void vscode.window.showInformationMessage('memlint: open a Python, JavaScript or TypeScript file to fix it.');
    return false;
  }
  if (!(await server.fixAll(editor.document))) {
    void vscode.window.showInformationMessage('memlint: no safe fixes to apply in this file.');
    return false;
  }
  return true;
}
