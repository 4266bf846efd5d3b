// memlint's one status bar item. Hidden until something owns it (the memory tracker shows its peak here);
// linting deliberately shows no problem summary (the Problems panel has that).
import * as vscode from 'vscode';

export class MemlintStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('memlint.status', vscode.StatusBarAlignment.Left, 0);
  private visible = false;

  constructor() {
    this.item.name = 'memlint';
  }

  show(text: string, tooltip?: string | vscode.MarkdownString, command?: string | vscode.Command): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.show();
    this.visible = true;
  }

  hide(): void {
    this.item.hide();
    this.visible = false;
  }

  /** What the user sees, or undefined when hidden (no VS Code API reads another extension's status bar). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
