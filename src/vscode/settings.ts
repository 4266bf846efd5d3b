// Read memlint's settings for a document (language overrides and folder settings apply) into the core's Settings.
import * as vscode from 'vscode';
import type { Settings } from '../core/settings';
import { RULE_IDS } from '../rules';
import { readSettings } from './config';

export function settingsFor(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('memlint', scope);
  return readSettings((key) => config.get(key), RULE_IDS);
}

/** Whether a document matches one of the `memlint.exclude` globs, relative to its workspace folder or as a whole path. */
export function isExcluded(document: vscode.TextDocument, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return globs.some(
    (glob) =>
      vscode.languages.match({ pattern: glob }, document) > 0 ||
      (folder !== undefined && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0),
  );
}
