// Fix-all: every safe fix in a document (the core's fixText, repeated until stable), as one minimal edit.
// Serves `source.fixAll.memlint` (editor.codeActionsOnSave) and the command memlint.applyFixAll.
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixText } from '../core/autofix';
import type { Settings } from '../core/settings';
import { minimalEdit } from '../core/textDiff';
import { hostOptions } from '../host/options';
import { lintedLanguage } from './lints';
import { fileOf } from './uris';

/** The edit applying every safe fix, or undefined when there is none (or the document changed meanwhile). */
export async function fixAllEdit(document: TextDocument, settings: Settings): Promise<TextEdit | undefined> {
  const language = lintedLanguage(document);
  if (!language || !settings.enable) return undefined;
  const text = document.getText();
  const version = document.version;
  const file = fileOf(document.uri);
  const { text: fixed } = await fixText(text, language, settings, { ...hostOptions(language, file), file });
  if (document.version !== version) return undefined;
  const edit = minimalEdit(text, fixed);
  if (!edit) return undefined;
  return { range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text };
}
