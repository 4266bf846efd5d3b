// memlint's language server: it owns the open documents (incremental sync), their diagnostics (pulled with
// `textDocument/diagnostic` where the client supports it, else published), the code actions and fix-all, the
// settings (`workspace/configuration`) and the workspace's project index (workspace folders, watched files).
// Any LSP client can use it: the VS Code extension starts it over IPC, other editors with `memlint server --stdio`.
import { createHash } from 'node:crypto';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LINTED_EXTENSIONS } from '../core/languages';
import { docsUrl, type Family } from '../core/rule';
import { RULES as REGISTRY } from '../rules';
import { codeActions, FIX_ALL_KIND, FIX_ALL_TITLE } from './codeActions';
import { docsLocation } from './docs';
import { fixAllEdit } from './fixAll';
import { CancelledError, Lints } from './lints';
import { ServerLog } from './log';
import { WorkspaceIndex } from './project';
import {
  IDLE,
  LINT_STATUS,
  PEAK_NOTES,
  RULES,
  SERVER_COMMANDS,
  SHOW_DOCUMENTATION_COMMAND,
  type InitializationOptions,
  type LintStatus,
  type PeakNotes,
  type RuleInfo,
} from './protocol';
import { ServerSettings } from './settings';
import { fileOf } from './uris';

const WATCHED = `**/*{${LINTED_EXTENSIONS.join(',')}}`;

function foldersOf(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null }): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(fileOf).filter((f): f is string => f !== undefined);
}

function resultId(report: unknown): string {
  return createHash('sha1').update(JSON.stringify(report)).digest('hex').slice(0, 16);
}

export function startServer(connection: Connection, version: string): void {
  const documents = new TextDocuments(TextDocument);
  const log = new ServerLog(connection);
  const settings = new ServerSettings(connection);
  const notes = new Map<string, PeakNotes['notes']>();
  let capabilities: ClientCapabilities = {};
  let options: InitializationOptions = {};
  let pull = false;
  let refreshing: Promise<unknown> | undefined;
  let refreshAgain = false;

  const project = new WorkspaceIndex((file) => documents.all().find((d) => fileOf(d.uri) === file)?.getText());

  /** Pull clients learn of diagnostics nobody asked for (a re-lint after a settings or module change) by a refresh. */
  const refresh = () => {
    if (!capabilities.workspace?.diagnostics?.refreshSupport) return;
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = new Promise((r) => setImmediate(r))
      .then(() => connection.languages.diagnostics.refresh())
      .catch(() => undefined)
      .finally(() => {
        refreshing = undefined;
        if (refreshAgain) {
          refreshAgain = false;
          refresh();
        }
      });
  };

  const lints = new Lints({
    document: (uri) => documents.get(uri),
    settings: (uri) => settings.for(uri),
    project,
    log,
    notes: (uri) => notes.get(uri) ?? [],
    deliver: (uri, outcome, awaited) => {
      if (!pull) void connection.sendDiagnostics({ uri, version: outcome.version, diagnostics: outcome.diagnostics });
      else if (!awaited) refresh();
    },
    stale: () => refresh(),
    status: (status: LintStatus) => {
      if (options.memlintClient) void connection.sendNotification(LINT_STATUS, status);
      else if (status.notice) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: status.notice.message });
    },
  });
  project.onStale = (uris) => lints.relint(uris);

  const workspaceEdit = (document: TextDocument, edits: TextEdit[]): WorkspaceEdit =>
    capabilities.workspace?.workspaceEdit?.documentChanges
      ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] }
      : { changes: { [document.uri]: edits } };

  const fixAll = async (document: TextDocument) => fixAllEdit(document, await settings.for(document.uri));

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    pull = !!capabilities.textDocument?.diagnostic;
    lints.onDemand = pull;
    settings.canAsk = !!capabilities.workspace?.configuration;
    project.setFolders(foldersOf(params));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        executeCommandProvider: { commands: options.memlintClient ? [SERVER_COMMANDS.fixAll] : [SERVER_COMMANDS.fixAll, SHOW_DOCUMENTATION_COMMAND] },
        diagnosticProvider: pull ? { identifier: 'memlint', interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        experimental: { pid: process.pid },
      },
      serverInfo: { name: 'memlint', version },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'memlint' });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((folders) => project.setFolders(foldersOf({ workspaceFolders: folders })));
      });
    }
  });

  // onDidChangeContent follows onDidOpen for the opened version: that one is linted at once, later ones after the debounce.
  const openVersions = new Map<string, number>();
  documents.onDidOpen((e) => {
    openVersions.set(e.document.uri, e.document.version);
    lints.opened(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const file = fileOf(e.document.uri);
    if (file) project.changed(file);
    if (e.document.version !== openVersions.get(e.document.uri)) lints.changed(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    openVersions.delete(uri);
    lints.forget(uri);
    settings.forget(uri);
    project.forgetDocument(uri);
    const file = fileOf(uri);
    if (file) project.changed(file); // the disk's text counts again
    if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    let outcome;
    try {
      outcome = await lints.current(params.textDocument.uri, token);
    } catch (err) {
      if (err instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw err;
    }
    const items = outcome?.diagnostics ?? [];
    const id = resultId(items);
    return params.previousResultId === id ? { kind: 'unchanged', resultId: id } : { kind: 'full', resultId: id, items };
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return log.guard(
      'memlint code actions',
      () => codeActions(params, { document, fixes: lints.fixes, workspaceEdit, fixAll: () => fixAll(document), log: () => undefined }),
      [],
    );
  });

  connection.onExecuteCommand((params) =>
    log.guard(
      params.command,
      async () => {
        const args = params.arguments ?? [];
        if (params.command === SERVER_COMMANDS.fixAll) {
          const document = typeof args[0] === 'string' ? documents.get(args[0]) : undefined;
          if (!document || (typeof args[1] === 'number' && args[1] !== document.version)) return false;
          const edit = await fixAll(document);
          if (!edit) return false;
          return (await connection.workspace.applyEdit({ label: FIX_ALL_TITLE, edit: workspaceEdit(document, [edit]) })).applied;
        }
        if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof args[0] === 'string') {
          const family: Family = args[1] === 'javascript' ? 'javascript' : 'python';
          if (capabilities.window?.showDocument?.support) return (await connection.window.showDocument({ uri: docsLocation(family, args[0]) })).success;
          void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `memlint rule ${args[0]}: ${docsUrl({ id: args[0], family })}` });
          return true;
        }
        return false;
      },
      false,
    ),
  );

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    lints.relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const file = fileOf(change.uri);
      if (file) project.changed(file, change.type !== FileChangeType.Changed);
    }
  });

  connection.onNotification(PEAK_NOTES, (params: PeakNotes) => {
    if (params.notes.length) notes.set(params.uri, params.notes);
    else notes.delete(params.uri);
    lints.redeliver(params.uri);
  });

  connection.onRequest(IDLE, async () => {
    for (;;) {
      await lints.idle();
      if (refreshing) await refreshing;
      else return;
    }
  });

  connection.onRequest(RULES, (): RuleInfo[] => REGISTRY.map((r) => ({ id: r.meta.id, family: r.meta.family, description: r.meta.description })));

  connection.onShutdown(() => {
    lints.dispose();
    project.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
