// Lints open documents, on the document's current version only: every change makes a pending lint stale (checked
// before and after the lint, which is synchronous), so no work is spent on a version that has moved on.
//   - Published diagnostics (push clients): on open at once, on change after memlint.debounceMs, again when the
//     settings or a module a finding took facts from change.
//   - Pulled diagnostics (on demand): a document is linted when its diagnostics are asked for, memlint.debounceMs
//     after its last change; a settings or module change only marks the results stale and asks the client to pull
//     again, so documents no editor tab shows cost nothing.
// Keeps one PythonDocument per open Python document (incremental re-parse) and the fixes of every finding
// (FixStore). Nothing thrown here reaches the connection: failures are logged once per problem.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintPrepared, prepare } from '../core/linter';
import { PythonDocument } from '../core/parsers/python';
import { familyOf, LANGUAGE_IDS, type Family, type Finding, type LanguageId } from '../core/rule';
import { describeOverLimit, overLimit } from '../core/limits';
import type { Settings } from '../core/settings';
import { hostOptions } from '../host/options';
import { toDiagnostic } from './diagnostics';
import { FixStore } from './fixStore';
import { isExcluded } from './glob';
import type { ServerLog } from './log';
import type { WorkspaceIndex } from './project';
import type { LintStatus, PeakNotes, Skip } from './protocol';
import { fileOf } from './uris';

/** What the editor calls the two limits, for messages. */
const EDITOR_LIMIT_NAMES = { size: 'memlint.maxFileSizeKb', lineLength: 'memlint.maxLineLength' };

export interface Outcome {
  version: number;
  diagnostics: Diagnostic[];
  skip?: Skip;
}

interface Result {
  generation: number;
  version: number;
  family: Family;
  findings: Finding[];
  skip?: Skip;
}

interface State {
  /** Bumped by every change and re-lint request: a lint started for an older one is stale. */
  generation: number;
  /** When the text last changed (ms), for the debounce. */
  changedAt: number;
  timer?: NodeJS.Timeout;
  result?: Result;
  python?: PythonDocument;
  waiters: Set<() => void>;
}

/** What the linter needs from the server around it. */
export interface LintHost {
  document(uri: string): TextDocument | undefined;
  settings(uri: string): Promise<Settings>;
  project: WorkspaceIndex;
  log: ServerLog;
  /** The memory tracker's notes for a document. */
  notes(uri: string): PeakNotes['notes'];
  /** New diagnostics for a document; `awaited`: a diagnostics request is waiting for them (pull). */
  deliver(uri: string, outcome: Outcome, awaited: boolean): void;
  /** Pull: diagnostics went stale without a change to their document (settings, another module): ask to pull again. */
  stale(): void;
  status(status: LintStatus): void;
}

export class CancelledError extends Error {}

export function lintedLanguage(document: TextDocument | undefined): LanguageId | undefined {
  return document && (LANGUAGE_IDS as readonly string[]).includes(document.languageId) ? (document.languageId as LanguageId) : undefined;
}

export class Lints {
  readonly fixes = new FixStore();
  private readonly states = new Map<string, State>();
  /** Documents with a lint scheduled or running. */
  private readonly pending = new Set<string>();
  private readonly noticed = new Set<string>();

  /** Lint when asked for the diagnostics (pull), not on every change; set once the client has said it pulls. */
  onDemand = false;

  constructor(private readonly host: LintHost) {}

  private stateOf(uri: string): State {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = { generation: 0, changedAt: 0, waiters: new Set() }));
    return state;
  }

  opened(uri: string): void {
    this.stateOf(uri);
    if (!this.onDemand) this.schedule(uri, 0);
  }

  /** The document's text changed. */
  changed(uri: string): void {
    const state = this.stateOf(uri);
    state.changedAt = Date.now();
    if (!this.onDemand || state.waiters.size > 0) this.schedule(uri);
    else this.invalidate(uri, state);
  }

  /**
   * What `uris` showed may have changed: lint them again, after `delay` ms (the settings changed: at once), or
   * after the debounce (a module they use is being edited).
   */
  relint(uris: readonly string[], delay?: number): void {
    const known = uris.filter((uri) => this.states.has(uri));
    if (!this.onDemand) {
      for (const uri of known) {
        if (delay === undefined) this.states.get(uri)!.changedAt = Date.now();
        this.schedule(uri, delay);
      }
      return;
    }
    known.forEach((uri) => this.invalidate(uri, this.states.get(uri)!));
    if (known.length) this.host.stale();
  }

  /** Re-lint every open document (the settings changed). */
  relintAll(): void {
    this.relint([...this.states.keys()], 0);
  }

  /** Make the document's result and any pending lint stale; whoever waits looks again (and schedules a lint). */
  private invalidate(uri: string, state: State): void {
    state.generation++;
    clearTimeout(state.timer);
    state.timer = undefined;
    this.pending.delete(uri);
    this.wake(state);
  }

  /** Lint after `delay` ms (default: what is left of memlint.debounceMs since the last change); a newer request replaces a pending one. */
  private schedule(uri: string, delay?: number): void {
    const s = this.stateOf(uri);
    this.invalidate(uri, s);
    const generation = s.generation;
    this.pending.add(uri);
    const start = (wait: number) => {
      if (s.generation !== generation || this.states.get(uri) !== s) return;
      s.timer = setTimeout(() => {
        s.timer = undefined;
        void this.run(uri, s, generation);
      }, wait);
    };
    if (delay !== undefined) start(delay);
    else this.host.settings(uri).then((settings) => start(Math.max(0, settings.debounceMs - (Date.now() - s.changedAt))), () => start(0));
  }

  /** The diagnostics of the document's current version, once linted (a pull request waits here). */
  async current(uri: string, token?: CancellationToken): Promise<Outcome | undefined> {
    for (;;) {
      if (token?.isCancellationRequested) throw new CancelledError();
      const document = this.host.document(uri);
      const state = this.states.get(uri);
      if (!document || !state || !lintedLanguage(document)) return undefined;
      const r = state.result;
      if (r && r.generation === state.generation && r.version === document.version) return this.outcome(uri, r);
      if (!this.pending.has(uri)) this.schedule(uri);
      await new Promise<void>((resolve) => {
        const cancel = token?.onCancellationRequested(() => resolve());
        state.waiters.add(() => {
          cancel?.dispose();
          resolve();
        });
      });
    }
  }

  /** The last diagnostics of a document again, with the notes as they are now (the tracker's marks changed). */
  redeliver(uri: string): void {
    const state = this.states.get(uri);
    const r = state?.result;
    if (r && r.generation === state.generation) this.host.deliver(uri, this.outcome(uri, r), false);
  }

  /** Resolves once no lint is scheduled or running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  forget(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.python?.dispose();
    this.states.delete(uri);
    this.pending.delete(uri);
    this.fixes.delete(uri);
    this.wake(state);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.forget(uri);
  }

  private outcome(uri: string, r: Result): Outcome {
    const notes = this.host.notes(uri);
    return { version: r.version, skip: r.skip, diagnostics: r.findings.map((f) => toDiagnostic(f, r.family, uri, notes)) };
  }

  private wake(state: State): void {
    const waiters = [...state.waiters];
    state.waiters.clear();
    waiters.forEach((w) => w());
  }

  private async run(uri: string, state: State, generation: number): Promise<void> {
    const stale = () => state.generation !== generation || this.states.get(uri) !== state;
    const document = this.host.document(uri);
    const language = lintedLanguage(document);
    try {
      if (!document || !language) return;
      const version = document.version;
      const family = familyOf(language);
      const settings = await this.host.settings(uri);
      if (stale()) return;
      const file = fileOf(uri);
      const skip = this.skipReason(document, file, settings);
      if (skip) return this.store(uri, state, { generation, version, family, findings: [], skip }, 0, skip === 'too-large' ? this.noticeOnce(document, file, settings) : undefined);
      await prepare(language); // the Python grammar loads once, asynchronously
      if (stale() || document.version !== version) return; // a newer version took over
      const text = document.getText();
      if (family === 'python') state.python ??= new PythonDocument();
      const project = file ? this.host.project.view(file) : undefined;
      const root = file ? this.host.project.folderOf(file) : undefined;
      const started = performance.now();
      const result = lintPrepared(text, language, settings, { ...hostOptions(language, file), document: state.python, file, root, project });
      const ms = performance.now() - started;
      if (stale() || document.version !== version) return;
      if (project) this.host.project.record(uri, file!, project.dependencies);
      for (const e of result.ruleErrors) {
        this.host.log.errorOnce(`rule:${e.rule}`, `Rule ${e.rule} failed (${e.message}) in ${file ?? uri}; the other rules still ran.`);
      }
      // JS/TS that does not parse: the language's own server shows the syntax error; memlint stays quiet.
      if (result.syntaxError && family === 'javascript') return this.store(uri, state, { generation, version, family, findings: [], skip: 'syntax-error' }, ms);
      this.fixes.set(uri, version, text, result.findings);
      this.store(uri, state, { generation, version, family, findings: result.findings }, ms);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.host.log.errorOnce(`lint:${message}`, `Linting ${fileOf(uri) ?? uri} failed: ${message}`);
      if (!stale() && document && language) this.store(uri, state, { generation, version: document.version, family: familyOf(language), findings: [] }, 0);
    } finally {
      if (!stale()) this.pending.delete(uri);
      this.wake(state);
    }
  }

  private store(uri: string, state: State, result: Result, ms: number, notice?: LintStatus['notice']): void {
    if (!result.findings.length) this.fixes.delete(uri);
    state.result = result;
    this.host.status({ uri, version: result.version, skip: result.skip, notice, ms });
    this.host.deliver(uri, this.outcome(uri, result), state.waiters.size > 0);
  }

  /** Settings that stop a document from being linted at all. */
  private skipReason(document: TextDocument, file: string | undefined, settings: Settings): Skip | undefined {
    if (!settings.enable) return 'disabled';
    if (file && isExcluded(file, this.host.project.folderOf(file), settings.exclude)) return 'excluded';
    // The core's limits, checked here too so that a skipped document is never parsed (nor its grammar loaded).
    if (overLimit(document.getText(), settings)) return 'too-large';
    return undefined;
  }

  /** The notice for a document over a size or line-length limit, the first time in this session (logged too). */
  private noticeOnce(document: TextDocument, file: string | undefined, settings: Settings): LintStatus['notice'] {
    const over = overLimit(document.getText(), settings);
    if (!over || this.noticed.has(document.uri)) return undefined;
    this.noticed.add(document.uri);
    const folder = file ? this.host.project.folderOf(file) : undefined;
    const name = file ? (folder ? path.relative(folder, file).split(path.sep).join('/') : file) : document.uri;
    const message = `memlint skipped ${name}: ${describeOverLimit(over, EDITOR_LIMIT_NAMES)}.`;
    this.host.log.info(message);
    return { message, setting: over.limit === 'size' ? EDITOR_LIMIT_NAMES.size : EDITOR_LIMIT_NAMES.lineLength };
  }
}
