// What activate() returns: a small API for the integration tests and for later features (the tracker's editor UI).
import type { Settings } from '../core/settings';
import type * as vscode from 'vscode';
import type { MemlintStatusBar } from './statusBar';
import type { FinishedRun } from './tracker/controller';
import type { Mark } from './tracker/markText';

export interface MemlintApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** Resolves once the language server has linted the current version of every document in a tab and the editor shows it. */
  idle(): Promise<void>;
  /** The settings memlint uses for a document or folder. */
  settingsFor(scope?: vscode.ConfigurationScope): Settings;
  /** The Workspace Trust guard every code-running command must pass. */
  mayRunCode(action: string): boolean;
  /** Why a document has no diagnostics by choice ('too-large', 'syntax-error', ...), if it was skipped. */
  skipReason(uri: vscode.Uri): string | undefined;
  /** Lines written to the "memlint" output channel this session. */
  readonly logLines: readonly string[];
  /** The language server process. */
  readonly server: {
    /** Its process id while it runs. */
    pid(): number | undefined;
    /** How long its lints took (ms), in order (the last 1,000). */
    readonly lintTimes: readonly number[];
  };
  /** memlint's single status bar item (owned by the tracker UI). */
  readonly statusBar: MemlintStatusBar;
  /** The memory tracker's editor side. Runs go through the commands (memlint.runWithMemoryTracking resolves with the report). */
  readonly tracker: {
    /** The last finished run, or undefined. */
    last(): FinishedRun | undefined;
    running(): boolean;
    /** The report webview's HTML, while it is open. */
    reportHtml(): string | undefined;
    /** The marks (peak line, checkpoints, top lines) shown in a file, from the last runs. */
    marks(file: string): Mark[];
    /** Answer the "stop it and run this one?" question from now on, instead of a modal dialog. */
    answerConfirm(answer: boolean): void;
  };
}
