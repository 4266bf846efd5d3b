// Lints open documents: on open at once, on change after the debounce delay, cleared on close.
// Keeps one PythonDocument per open Python document (incremental re-parse) and the fixes of every finding.
// Nothing thrown here reaches the extension host: failures are caught per document and logged once.
import * as vscode from 'vscode';
import { lintPrepared, prepare } from '../core/linter';
import { PythonDocument } from '../core/parsers/python';
import { familyOf, type LanguageId } from '../core/rule';
import type { Settings } from '../core/settings';
import { toDiagnostic } from './diagnostics';
import type { RuleDocs } from './docs';
import { FixStore } from './fixStore';
import { lintedLanguage } from './languages';
import type { Log } from './output';
import { isExcluded, settingsFor } from './settings';

/** Why a document has no memlint diagnostics, when it has none by choice. */
export type Skip = 'disabled' | 'excluded' | 'too-large' | 'syntax-error';

export class DocumentLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('memlint');
  readonly fixes = new FixStore();
  /** Last reason a document was skipped, by URI (for the test API and the fix-all command). */
  readonly skipped = new Map<string, Skip>();
  private readonly python = new Map<string, PythonDocument>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly noticed = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Notes a finding on one of these lines adds to its message (the tracker's "this line made the peak"). */
  notes: (uri: vscode.Uri) => { line: number; note: string }[] = () => [];

  constructor(
    private readonly log: Log,
    private readonly docs: RuleDocs,
  ) {}

  /** Follow document events and lint what is already open. Returns at once: nothing here waits for a parser. */
  start(): void {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.lintSoon(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.lintSoon(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('memlint')) this.relintAll();
      }),
    );
    this.relintAll();
  }

  relintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.lintSoon(d, 0);
  }

  /** Lint after `delay` ms (default: the document's debounce setting); a newer request replaces a pending one. */
  lintSoon(document: vscode.TextDocument, delay?: number): void {
    if (!lintedLanguage(document)) {
      // A document whose language changed away from a linted one keeps no memlint diagnostics.
      if (this.generation.has(document.uri.toString())) this.forget(document);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const wait = delay ?? this.safeSettings(document)?.debounceMs ?? 0;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const run = this.lint(document).finally(() => this.running.delete(run));
        this.running.add(run);
      }, wait),
    );
  }

  /** Resolves once no lint is pending or running (tests wait on this instead of sleeping). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      if (this.running.size > 0) await Promise.all([...this.running]);
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Lint now. Never rejects. */
  async lint(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    const language = lintedLanguage(document);
    try {
      if (!language || document.isClosed) return;
      const settings = settingsFor(document);
      const skip = this.skipReason(document, settings);
      if (skip) return this.clear(document, skip);
      await prepare(language); // the Python grammar loads once, asynchronously
      if (this.generation.get(key) !== generation || document.isClosed) return; // a newer lint took over
      this.run(document, language, settings);
    } catch (err) {
      this.clear(document);
      const message = err instanceof Error ? err.message : String(err);
      this.log.errorOnce(`lint:${message}`, `Linting ${document.uri.fsPath || key} failed: ${message}`);
    }
  }

  private run(document: vscode.TextDocument, language: LanguageId, settings: Settings): void {
    const key = document.uri.toString();
    const text = document.getText();
    const version = document.version;
    const family = familyOf(language);
    let pythonDocument: PythonDocument | undefined;
    if (family === 'python') {
      pythonDocument = this.python.get(key) ?? new PythonDocument();
      this.python.set(key, pythonDocument);
    }
    const file = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
    const result = lintPrepared(text, language, settings, { document: pythonDocument, file });
    for (const e of result.ruleErrors) {
      this.log.errorOnce(`rule:${e.rule}`, `Rule ${e.rule} failed (${e.message}) in ${document.uri.fsPath || key}; the other rules still ran.`);
    }
    if (result.skipped.length > 0) this.noticeSkipped(document, result.skipped.map((s) => s.message));
    // JS/TS that does not parse: the language server already shows the syntax error; memlint stays quiet.
    if (result.syntaxError && family === 'javascript') return this.clear(document, 'syntax-error');
    this.skipped.delete(key);
    this.fixes.set(key, version, text, result.findings);
    const notes = this.notes(document.uri);
    this.collection.set(
      document.uri,
      result.findings.map((f) => {
        const diagnostic = toDiagnostic(f, this.docs.uri(family, f.rule), document.uri);
        // A finding carries the note when the peak line is one of its lines, or a line it relates to (a use).
        const lines = [diagnostic.range, ...(diagnostic.relatedInformation ?? []).map((r) => r.location.range)];
        const note = notes.find((n) => lines.some((r) => n.line >= r.start.line && n.line <= r.end.line));
        if (note) diagnostic.message += `\n${note.note}`;
        return diagnostic;
      }),
    );
  }

  /** Settings that stop a document from being linted at all. */
  skipReason(document: vscode.TextDocument, settings: Settings): Skip | undefined {
    if (!settings.enable) return 'disabled';
    if (isExcluded(document, settings.exclude)) return 'excluded';
    const chars = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (chars > settings.maxFileSizeKb * 1024) {
      this.noticeTooLarge(document, chars, settings.maxFileSizeKb);
      return 'too-large';
    }
    return undefined;
  }

  private noticeTooLarge(document: vscode.TextDocument, chars: number, limitKb: number): void {
    const key = document.uri.toString();
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    const name = vscode.workspace.asRelativePath(document.uri);
    const message = `memlint skipped ${name}: ${Math.ceil(chars / 1024)} KB is above memlint.maxFileSizeKb (${limitKb} KB).`;
    this.log.info(message);
    void vscode.window.showInformationMessage(message, 'Change Limit').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'memlint.maxFileSizeKb');
    });
  }

  /** Rules skipped for the analysis budget: said in the output channel, and once per document in a notice. */
  private noticeSkipped(document: vscode.TextDocument, messages: string[]): void {
    const key = document.uri.toString();
    const name = vscode.workspace.asRelativePath(document.uri);
    for (const m of messages) this.log.errorOnce(`budget:${key}:${m}`, `${name}: ${m} (memlint.analysisBudgetMs).`);
    if (this.noticed.has(`budget:${key}`)) return;
    this.noticed.add(`budget:${key}`);
    const message = `memlint checked ${name} only in part: ${messages.length === 1 ? messages[0] : `${messages.length} rules were skipped once its analysis budget was used up`}.`;
    void vscode.window.showInformationMessage(message, 'Change Budget').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'memlint.analysisBudgetMs');
    });
  }

  private safeSettings(document: vscode.TextDocument): Settings | undefined {
    try {
      return settingsFor(document);
    } catch {
      return undefined;
    }
  }

  private clear(document: vscode.TextDocument, reason?: Skip): void {
    const key = document.uri.toString();
    this.collection.delete(document.uri);
    this.fixes.delete(key);
    if (reason) this.skipped.set(key, reason);
    else this.skipped.delete(key);
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generation.delete(key);
    this.clear(document);
    this.skipped.delete(key);
    this.python.get(key)?.dispose();
    this.python.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.python.values()) d.dispose();
    this.python.clear();
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}
