// Rule documentation, bundled into the extension (dist/docs/<family>/<rule>/README.md) so it works offline, shown in
// a Markdown preview. The list of rules comes from the language server (the client bundle carries no rule).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Family } from '../core/rule';
import type { RuleInfo } from '../server/protocol';

export class RuleDocs {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly rules: () => Promise<RuleInfo[]>,
  ) {}

  /** The bundled README of a rule, or undefined when the rule has none. */
  uri(family: Family, rule: string): vscode.Uri | undefined {
    const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'docs', family, rule, 'README.md');
    return fs.existsSync(uri.fsPath) ? uri : undefined;
  }

  /** Open a rule's documentation in a markdown preview; without a rule, pick one. */
  async show(rule?: string, family?: Family): Promise<boolean> {
    if (!rule) {
      const items = this.rules().then((rules) => rules.map((r): vscode.QuickPickItem & { family: Family } => ({ label: r.id, description: r.family, detail: r.description, family: r.family })));
      const picked = await vscode.window.showQuickPick(items,
        { placeHolder: 'memlint rule' },
      );
      if (!picked) return false;
      rule = picked.label;
      family = picked.family;
    }
    const families: Family[] = family ? [family] : ['python', 'javascript'];
    const uri = families.map((f) => this.uri(f, rule!)).find((u) => u !== undefined);
    if (!uri) {
      void vscode.window.showWarningMessage(`memlint: no documentation is bundled for rule ${rule}.`);
      return false;
    }
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
    return true;
  }
}
