// A small LSP client for testing `memlint server --stdio` as an editor would drive it: it opens and edits
// documents, answers `workspace/configuration` from a settings object, applies `workspace/applyEdit`, and records
// published diagnostics, log messages and memlint's status notifications.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintStatus } from '../../src/server/protocol';
import { ROOT } from './paths';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');

export interface StartOptions {
  root: string;
  /** Announce pull diagnostics (textDocument/diagnostic) and the refresh request. */
  pull?: boolean;
  /** Say we are memlint's own client: status notifications, no window/showMessage for notices. */
  memlintClient?: boolean;
  /** The `memlint` settings section `workspace/configuration` answers with (per document URI, when a function). */
  settings?: Record<string, unknown> | ((uri: string) => Record<string, unknown>);
}

export class TestClient {
  readonly documents = new Map<string, TextDocument>();
  readonly published = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  readonly statuses: LintStatus[] = [];
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  refreshes = 0;
  settings: StartOptions['settings'];
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [CLI, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    client.settings = options.settings;
    const changed = () => client.listeners.forEach((l) => l());
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      client.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      changed();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => void client.logs.push(p.message));
    connection.onNotification('window/showMessage', (p: { message: string }) => void client.shown.push(p.message));
    connection.onNotification('memlint/status', (p: LintStatus) => {
      client.statuses.push(p);
      changed();
    });
    connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => (typeof client.settings === 'function' ? client.settings(i.scopeUri ?? '') : (client.settings ?? null))),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      changed();
      return null;
    });
    connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      client.apply(p.edit);
      return { applied: true };
    });
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: options.pull ? { refreshSupport: true } : undefined },
      textDocument: { diagnostic: options.pull ? { dynamicRegistration: false } : undefined, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
    };
    const uri = pathUri(options.root);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(options.root) }],
      capabilities,
      initializationOptions: { memlintClient: options.memlintClient ?? false },
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  open(file: string, languageId: string, text: string): string {
    const uri = pathUri(file);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replace the whole text (one incremental change covering the document). */
  change(uri: string, text: string): number {
    const doc = this.documents.get(uri)!;
    const edit: TextEdit = { range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: text };
    return this.edit(uri, [edit]);
  }

  edit(uri: string, edits: TextEdit[]): number {
    const doc = this.documents.get(uri)!;
    const next = TextDocument.create(uri, doc.languageId, doc.version + 1, TextDocument.applyEdits(doc, edits));
    this.documents.set(uri, next);
    // Sent as incremental changes, last first, so each range holds in the text it applies to.
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return next.version;
  }

  apply(edit: WorkspaceEdit): void {
    for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) this.edit(change.textDocument.uri, change.edits as TextEdit[]);
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) this.edit(uri, edits);
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** Wait until `check` holds (re-checked on every notification), at most `ms`. */
  async until<T>(what: string, check: () => T | undefined | false, ms = 15_000): Promise<T> {
    const first = check();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const listener = () => {
        const value = check();
        if (!value) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      this.listeners.add(listener);
    });
  }

  /** The published diagnostics of the document's current version. */
  diagnostics(uri: string, check: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.until(`diagnostics of ${path.basename(uri)}`, () => {
      const p = this.published.get(uri);
      return p && p.version === this.documents.get(uri)?.version && check(p.diagnostics) ? p.diagnostics : undefined;
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    try {
      await this.connection.sendRequest('shutdown');
      void this.connection.sendNotification('exit');
    } catch {
      this.child.kill('SIGKILL');
    }
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
    return code;
  }
}

export function pathUri(file: string): string {
  return pathToFileURL(file).href;
}
