// Read memlint's settings for a document or folder (language overrides and folder settings apply) into the core's
// Settings: the tracker's own (interpreter, interval, limit) and the test API's. The rule ids come from the manifest
// (package.json declares `memlint.rules.<id>` for each, checked by test/settings-manifest.test.ts), so the client
// bundle carries no rule.
import * as vscode from 'vscode';
import type { Settings } from '../core/settings';
import { manifestRuleIds, readSettings } from '../server/config';

export const EXTENSION_ID = 'memlint.memlint';

let ruleIds: string[] | undefined;

export function settingsFor(scope?: vscode.ConfigurationScope): Settings {
  ruleIds ??= manifestRuleIds(vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON);
  const config = vscode.workspace.getConfiguration('memlint', scope);
  return readSettings((key) => config.get(key), ruleIds);
}
