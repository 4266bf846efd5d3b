// The workspace's project index for the editor: files found by VS Code's own search (off this thread), their
// imports read a few dozen files per turn of the event loop so typing never waits, open buffers read before the
// disk. A change to a file re-lints the open documents whose findings took facts from it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ProjectIndex, type Dependencies, type ProjectFiles, type ProjectView } from '../core/project';
import { LINTED_EXTENSIONS } from '../core/languages';
import { INDEXERS } from '../rules';

/** Files read from disk for the index are skipped above this size (an open buffer is always read). */
const MAX_BYTES = 2 * 1024 * 1024;
const GLOB = `**/*{${LINTED_EXTENSIONS.join(',')}}`;
const EXCLUDE = '**/{node_modules,.git,.hg,.svn,__pycache__,.venv,venv,.tox,.nox,site-packages,dist,out}/**';
const MAX_FILES = 50_000;
const SCAN_PER_TURN = 50;

class WorkspaceFiles implements ProjectFiles {
  files: string[] = [];
  private readonly existing = new Map<string, boolean>();

  read(file: string): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open) return open.getText();
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  exists(file: string): boolean {
    let known = this.existing.get(file);
    if (known === undefined) {
      try {
        known = fs.statSync(file).isFile();
      } catch {
        known = false;
      }
      this.existing.set(file, known);
    }
    return known;
  }

  list(): Iterable<string> {
    return this.files;
  }

  forget(file: string): void {
    this.existing.delete(file);
  }
}

export class WorkspaceIndex implements vscode.Disposable {
  private readonly source = new WorkspaceFiles();
  readonly index = new ProjectIndex(this.source, INDEXERS);
  /** Which files each open document's last lint took facts from. */
  private readonly dependsOn = new Map<string, Set<string>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  ready = false;
  /** Open documents (by URI) whose findings may change: the linter re-lints them. */
  onStale: (uris: string[]) => void = () => {};

  /** Find the workspace's files and read their imports in the background. Returns at once. */
  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((u) => this.changed(u.fsPath, true)),
      watcher.onDidChange((u) => this.changed(u.fsPath)),
      watcher.onDidDelete((u) => this.changed(u.fsPath, true)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document.uri.scheme === 'file') this.changed(e.document.uri.fsPath);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.build()),
    );
    void this.build();
  }

  private async build(): Promise<void> {
    this.ready = false;
    try {
      const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_FILES);
      if (this.disposed) return;
      this.source.files = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath).sort();
      while (!this.disposed && !this.index.scanSome(SCAN_PER_TURN)) await new Promise((r) => setImmediate(r));
    } catch {
      // No workspace search (a single file opened): the index stays what the open files tell.
    }
    if (this.disposed) return;
    this.ready = true;
    this.onStale([...this.dependsOn.keys()]);
  }

  /** A view for linting a document; lookups never wait for the background scan. */
  view(file: string): ProjectView {
    return this.index.view(file, { wait: false });
  }

  /** Remember what a document's lint read, to re-lint it when one of those files changes. */
  record(uri: string, dependencies: Dependencies): void {
    this.dependsOn.set(uri, new Set([...dependencies.keys()].map((k) => k.replace(/^importers:/, ''))));
  }

  forgetDocument(uri: string): void {
    this.dependsOn.delete(uri);
  }

  private changed(file: string, listChanged = false): void {
    this.source.forget(file);
    if (listChanged) {
      const known = this.source.files.includes(file);
      const there = this.source.exists(file);
      if (there && !known) this.source.files.push(file);
      if (!there && known) this.source.files = this.source.files.filter((f) => f !== file);
    }
    this.index.invalidate(file);
    const stale = [...this.dependsOn].filter(([uri, files]) => files.has(file) && vscode.Uri.parse(uri).fsPath !== file).map(([uri]) => uri);
    if (stale.length) this.onStale(stale);
  }

  dispose(): void {
    this.disposed = true;
    this.subscriptions.forEach((s) => s.dispose());
  }
}
