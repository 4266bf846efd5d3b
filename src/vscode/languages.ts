// Which documents memlint lints.
import * as vscode from 'vscode';
import { LANGUAGE_IDS, type LanguageId } from '../core/rule';

/** Documents backed by files (local or remote workspace) and unsaved editors; not git/diff/output views. */
const SCHEMES = ['file', 'untitled', 'vscode-remote'];

/** As the language client takes it (and vscode.DocumentSelector too). */
export const SELECTOR: { language: string; scheme: string }[] = LANGUAGE_IDS.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));

export function lintedLanguage(document: vscode.TextDocument): LanguageId | undefined {
  if (!SCHEMES.includes(document.uri.scheme)) return undefined;
  return (LANGUAGE_IDS as readonly string[]).includes(document.languageId) ? (document.languageId as LanguageId) : undefined;
}
