// The commands in the palette.
import * as vscode from 'vscode';
import type { Family } from '../core/rule';
import { SHOW_DOCS_COMMAND } from './codeActions';
import type { RuleDocs } from './docs';
import type { DocumentLinter } from './documentLinter';
import { fixAllEdit } from './fixAll';
import { lintedLanguage } from './languages';
import type { Log } from './output';

export const FIX_ALL_COMMAND = 'memlint.fixAll';

export function registerCommands(linter: DocumentLinter, docs: RuleDocs, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => log.guard('memlint: Fix all safe issues', () => fixAll(linter), false)),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (rule?: string, family?: Family) =>
      log.guard('memlint: Show rule documentation', () => docs.show(rule, family), false),
    ),
  ];
}

async function fixAll(linter: DocumentLinter): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !lintedLanguage(editor.document)) {
    void vscode.window.showInformationMessage('memlint: open a Python, JavaScript or TypeScript file to fix it.');
    return false;
  }
  const edit = await fixAllEdit(editor.document, linter);
  if (!edit) {
    void vscode.window.showInformationMessage('memlint: no safe fixes to apply in this file.');
    return false;
  }
  return vscode.workspace.applyEdit(edit);
}
