// The report webview: one panel, replaced by the latest run; its links open the peak line and checkpoints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeNonce, reportHtml, type ReportView } from '../../report/html';

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The HTML last shown, for the test API (a webview's content cannot be read back). */
  html: string | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(view: ReportView): void {
    if (!this.panel) {
      const media = vscode.Uri.joinPath(this.extensionUri, 'media');
      this.panel = vscode.window.createWebviewPanel('memlint.report', 'memlint report', vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [media],
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void openLink(message));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.html = undefined;
      });
    }
    this.render(view);
    this.panel.reveal(undefined, true);
  }

  /** Show a newer run in the panel if it is open. */
  update(view: ReportView | undefined): void {
    if (this.panel && view) this.render(view);
  }

  private render(view: ReportView): void {
    const webview = this.panel!.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    this.panel!.title = `Memory: ${view.title}`;
    this.html = reportHtml(view, { nonce: makeNonce(), cspSource: webview.cspSource, scriptUri: media('report.js'), styleUri: media('report.css') });
    webview.html = this.html;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** `{ type: 'open', file, line }` from the page: open a file of the report at a line, if it still exists. */
async function openLink(message: unknown): Promise<void> {
  const m = message as { type?: unknown; file?: unknown; line?: unknown } | null;
  if (!m || m.type !== 'open' || typeof m.file !== 'string' || !path.isAbsolute(m.file) || typeof m.line !== 'number') return;
  if (!fs.existsSync(m.file)) {
    void vscode.window.showWarningMessage(`memlint: ${m.file} no longer exists.`);
    return;
  }
  const line = Math.max(0, Math.floor(m.line) - 1);
  const range = new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(m.file), { selection: range, viewColumn: vscode.ViewColumn.One });
}
