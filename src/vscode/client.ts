// The language client: memlint's server (`dist/memlint.js server`) in its own Node process over IPC, so a lint never holds up
// the extension host and a crash takes only the server down. It is restarted when it dies, and the user is told
// once. The client answers the server's `workspace/configuration` with each document's language overrides applied,
// sends the tracker's peak notes, and follows the server's lint status (skips, notices, the version linted).
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions } from 'vscode-languageclient/node';
import { configSection, manifestRuleIds } from '../server/config';
import { IDLE, LINT_STATUS, PEAK_NOTES, RULES, SERVER_COMMANDS, type InitializationOptions, type LintStatus, type RuleInfo, type Skip } from '../server/protocol';
import { lintedLanguage, SELECTOR } from './languages';
import type { Log } from './output';

/** More crashes than this within RESTART_WINDOW_MS and the server stays down until "memlint: Restart Server". */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

export class ServerClient implements vscode.Disposable {
  /** Created right after activate() returns (start()), so activation pays for none of it. */
  private client: LanguageClient | undefined;
  private readonly created: Promise<LanguageClient>;
  private resolveCreated: (client: LanguageClient) => void = () => {};
  private readonly options: LanguageClientOptions;
  private readonly module: string;
  /** Why a document has no diagnostics by choice, by URI (from the server's status). */
  readonly skipped = new Map<string, Skip>();
  /** The version of each document the server last linted. */
  private readonly linted = new Map<string, number>();
  /** How long the server's lints took (ms), the latest last; for the bench. */
  readonly lintTimes: number[] = [];
  /** Files whose peak notes were sent, so they are sent again after edits move the marks and after a restart. */
  private readonly noted = new Set<string>();
  private pulls = 0;
  private crashes: number[] = [];
  private told = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The tracker's peak notes for a file. */
  notes: (uri: vscode.Uri) => { line: number; note: string }[] = () => [];

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    this.created = new Promise((resolve) => (this.resolveCreated = resolve));
    this.module = context.asAbsolutePath('dist/memlint.js');
    const ruleIds = manifestRuleIds(context.extension.packageJSON);
    this.options = {
      documentSelector: SELECTOR,
      outputChannel: log.channelForClient(),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { memlintClient: true } satisfies InitializationOptions,
      diagnosticPullOptions: { onChange: true, onSave: false },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => this.closed(),
      },
      middleware: {
        workspace: {
          // Per document, as VS Code reads it: folder settings and `[python]`-style language overrides.
          configuration: (params, token, next) => {
            if (!params.items.every((i) => i.section === 'memlint')) return next(params, token);
            return params.items.map((item) => {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              const document = scope && vscode.workspace.textDocuments.find((d) => d.uri.toString() === scope.toString());
              const config = vscode.workspace.getConfiguration('memlint', document ?? scope);
              return configSection((key) => config.get(key), ruleIds);
            });
          },
        },
        provideDiagnostics: async (document, previousResultId, token, next) => {
          this.pulls++;
          try {
            return await next(document, previousResultId, token);
          } finally {
            this.pulls--;
          }
        },
      },
    };
    this.subscriptions.push(
      // The tracker's marks move with edits above them: the server gets their new lines.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.noted.has(e.document.uri.toString())) setImmediate(() => this.sendNotes(e.document.uri));
      }),
    );
  }

  /** Create the client and start the server after activate() has returned: activation never waits for either. */
  start(): void {
    setImmediate(() => {
      const server = { module: this.module, args: ['server'], transport: TransportKind.ipc };
      const client = new LanguageClient('memlint', 'memlint', { run: server, debug: server }, this.options);
      this.client = client;
      this.subscriptions.push(
        client.onNotification(LINT_STATUS, (status: LintStatus) => this.status(status)),
        client.onDidChangeState((e) => {
          if (e.newState === State.Running) this.sendAllNotes();
          if (e.oldState === State.Running) this.linted.clear();
        }),
      );
      this.resolveCreated(client);
      client.start().catch((err: unknown) => this.log.error(`The memlint language server did not start: ${err instanceof Error ? err.message : String(err)}`));
    });
  }

  async restart(): Promise<void> {
    this.crashes = [];
    return (await this.created).restart();
  }

  /** The server process's id while it runs (the test API). */
  get pid(): number | undefined {
    const experimental = this.client?.initializeResult?.capabilities.experimental as { pid?: number } | undefined;
    return this.client?.isRunning() ? experimental?.pid : undefined;
  }

  /** The marks of these files (absolute paths) changed: their findings may gain or lose the peak note. */
  notesChanged(files: readonly string[]): void {
    for (const file of files) this.sendNotes(vscode.Uri.file(file));
  }

  private sendNotes(uri: vscode.Uri): void {
    const key = uri.toString();
    const notes = this.notes(uri);
    if (notes.length) this.noted.add(key);
    else this.noted.delete(key);
    if (this.client?.isRunning()) void this.client.sendNotification(PEAK_NOTES, { uri: key, notes });
  }

  private sendAllNotes(): void {
    for (const key of this.noted) this.sendNotes(vscode.Uri.parse(key));
  }

  /** Apply every safe fix to a document (in the server; the edit comes back as `workspace/applyEdit`). */
  async fixAll(document: vscode.TextDocument): Promise<boolean> {
    const result: unknown = await (await this.created).sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.fixAll, arguments: [document.uri.toString(), document.version] });
    return result === true;
  }

  async rules(): Promise<RuleInfo[]> {
    return (await this.created).sendRequest<RuleInfo[]>(RULES);
  }

  /** Resolves once the server has linted the current version of every document in a tab and the editor shows it. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.client?.isRunning() && this.settled()) {
        await this.client.sendRequest(IDLE).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 0));
        if (this.settled()) return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** No pull in flight, and every document in a tab linted at its current version (others are not linted: pull). */
  private settled(): boolean {
    if (this.pulls > 0) return false;
    const tabs = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])));
    return vscode.workspace.textDocuments.every((d) => !lintedLanguage(d) || !tabs.has(d.uri.toString()) || this.linted.get(d.uri.toString()) === d.version);
  }

  private status(status: LintStatus): void {
    this.linted.set(status.uri, status.version);
    if (status.skip) this.skipped.set(status.uri, status.skip);
    else this.skipped.delete(status.uri);
    if (status.ms > 0) {
      this.lintTimes.push(status.ms);
      if (this.lintTimes.length > 1000) this.lintTimes.shift();
    }
    if (status.notice) {
      // The server has logged it; the button is the editor's.
      const { message, setting } = status.notice;
      void vscode.window.showInformationMessage(message, 'Change Limit').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
      });
    }
  }

  private closed(): { action: CloseAction; handled: boolean } {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.crashes.length > MAX_RESTARTS) {
      const message = `memlint: the language server stopped ${this.crashes.length} times in 3 minutes and was not restarted. Run "memlint: Restart Server" to start it again.`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.log.error('The memlint language server stopped unexpectedly; restarting it.');
    if (!this.told) {
      this.told = true;
      void vscode.window.showWarningMessage('memlint: the language server stopped unexpectedly and was restarted.');
    }
    return { action: CloseAction.Restart, handled: true };
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  stop(): Promise<void> | undefined {
    return this.client?.needsStop() ? this.client.stop() : undefined;
  }
}
