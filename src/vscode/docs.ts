// Rule documentation, bundled into the extension (dist/docs/<family>/<rule>/README.md) so it works offline.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Family } from '../core/rule';
import { RULES } from '../rules';

export class RuleDocs {
  private readonly cache = new Map<string, vscode.Uri | undefined>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The bundled README of a rule, or undefined when the rule has none. */
  uri(family: Family, rule: string): vscode.Uri | undefined {
    const key = `${family}/${rule}`;
    if (!this.cache.has(key)) {
      const uri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'docs', family, rule, 'README.md');
      this.cache.set(key, fs.existsSync(uri.fsPath) ? uri : undefined);
    }
    return this.cache.get(key);
  }

  /** Open a rule's documentation in a markdown preview; without a rule, pick one. */
  async show(rule?: string, family?: Family): Promise<boolean> {
    if (!rule) {
      const picked = await vscode.window.showQuickPick(
        RULES.map((r) => ({ label: r.meta.id, description: r.meta.family, detail: r.meta.description, family: r.meta.family })),
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
