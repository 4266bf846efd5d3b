// Shared by the suites that run inside the real extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { projectFor } from '../../../src/cli/project';
import { INDEXERS } from '../../../src/rules';
import { lint } from '../../support/lint';
import type { Finding, LanguageId } from '../../../src/core/rule';
import type { MemlintApi } from '../../../src/vscode/api';

export const EXTENSION_ID = 'memlint.memlint';

export function extension(): vscode.Extension<MemlintApi> {
  const ext = vscode.extensions.getExtension<MemlintApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

export async function api(): Promise<MemlintApi> {
  return extension().activate();
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Each document's text when a test first opened it: closeAll() puts it back, even after a failed test. */
const originals = new Map<string, { document: vscode.TextDocument; text: string }>();

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const key = document.uri.toString();
  if (!originals.has(key) && !document.isDirty) originals.set(key, { document, text: document.getText() });
  // Not a preview tab: a preview is replaced by the next document opened, and the language client pulls diagnostics
  // only for documents shown in a tab (VS Code's pull model), so the earlier document would lose them.
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Poll until `check` returns a value other than undefined/false (the editor is asynchronous by nature). */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function memlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'memlint');
}

export function ruleOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** The findings a fixture must show, from the workspace's expected.json: 0-based line and rule. */
export function expectations(relative: string): { line: number; rule: string }[] {
  const table = JSON.parse(fs.readFileSync(workspaceUri('expected.json').fsPath, 'utf8')) as Record<string, [number, string][]>;
  const rows = table[relative];
  assert.ok(rows, `expected.json has no entry for ${relative}`);
  return rows.map(([line, rule]) => ({ line: line - 1, rule }));
}

/** What the core finds in a document under the settings the extension uses for it. */
/** What the core finds in the document, with the same project around it as the editor's (the workspace folder). */
export async function coreFindings(memlint: MemlintApi, document: vscode.TextDocument): Promise<Finding[]> {
  const file = document.uri.fsPath;
  const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  const project = root ? projectFor([root], INDEXERS).view(file) : undefined;
  const result = await lint(document.getText(), document.languageId as LanguageId, memlint.settingsFor(document), { file, root, project });
  return result.findings;
}

export const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Diagnostics once linting of `uri` has settled. */
export async function settled(memlint: MemlintApi, uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  await memlint.idle();
  return memlintDiagnostics(uri);
}

/**
 * memlint's code actions for a range, in the order the editor got them. The API command returns actions without
 * their diagnostics, so memlint's are told apart by title: its own wording, or a fix title of one of `findings`.
 */
export async function memlintActions(uri: vscode.Uri, range: vscode.Range, findings: readonly Finding[] = []): Promise<vscode.CodeAction[]> {
  const actions = await codeActions(uri, range);
  const fixTitles = new Set(findings.flatMap((f) => f.fixes.map((x) => (x.safety === 'unsafe' ? `${x.title} (unsafe)` : x.title))));
  return actions.filter((a) => fixTitles.has(a.title) || /\bmemlint\b/.test(a.title));
}

/**
 * All code actions for a range. A provider that cancels its own work (the built-in TypeScript one does while
 * tsserver is busy) cancels the whole request, so a Canceled error is retried: it says nothing about memlint.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    } catch (err) {
      if (attempt >= 5 || !(err instanceof Error) || !/Canceled/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function setSetting(key: string, value: unknown, language?: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(language ? undefined : 'memlint', language ? { languageId: language } : undefined);
  if (language) await config.update(`memlint.${key}`, value, vscode.ConfigurationTarget.Workspace, true);
  else await config.update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Put a document back to `text`, saved, whatever a test did to it (later tests open the same document). */
export async function restore(document: vscode.TextDocument, text: string): Promise<void> {
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'restored');
  }
  // save() says false when the editor already counts the text as saved (it equals the file again): fine.
  if (document.isDirty) await document.save();
  await waitFor('the restored document to be clean', () => !document.isDirty);
  assert.equal(fs.readFileSync(document.uri.fsPath, 'utf8'), text, 'restored on disk');
}

export async function closeAll(): Promise<void> {
  for (const { document, text } of originals.values()) {
    if (!document.isClosed && (document.isDirty || document.getText() !== text)) await restore(document, text);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
