// Fix-all: every safe fix in a document (the core's fixText, repeated until stable), as one minimal edit.
// Serves `source.fixAll.memlint` (editor.codeActionsOnSave) and the command "memlint: Fix all safe issues in this file".
import * as vscode from 'vscode';
import { fixText } from '../core/autofix';
import type { DocumentLinter } from './documentLinter';
import { lintedLanguage } from './languages';
import { settingsFor } from './settings';
import { minimalEdit } from '../core/textDiff';

/** The edit applying every safe fix, or undefined when there is none (or the document changed meanwhile). */
export async function fixAllEdit(document: vscode.TextDocument, linter: DocumentLinter): Promise<vscode.WorkspaceEdit | undefined> {
  const language = lintedLanguage(document);
  if (!language) return undefined;
  const settings = settingsFor(document);
  if (linter.skipReason(document, settings)) return undefined;
  const text = document.getText();
  const version = document.version;
  const file = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
  const { text: fixed } = await fixText(text, language, settings, { file });
  if (document.version !== version) return undefined;
  const edit = minimalEdit(text, fixed);
  if (!edit) return undefined;
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  return workspaceEdit;
}
