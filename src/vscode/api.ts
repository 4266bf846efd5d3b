// What activate() returns: a small API for the integration tests and for later features (the tracker's editor UI).
import type { Settings } from '../core/settings';
import type * as vscode from 'vscode';
import type { MemlintStatusBar } from './statusBar';

export interface MemlintApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** Resolves once every pending and running lint has finished. */
  idle(): Promise<void>;
  /** The settings memlint uses for a document or folder. */
  settingsFor(scope?: vscode.ConfigurationScope): Settings;
  /** The Workspace Trust guard every code-running command must pass. */
  mayRunCode(action: string): boolean;
  /** Why a document has no diagnostics by choice ('too-large', 'syntax-error', ...), if it was skipped. */
  skipReason(uri: vscode.Uri): string | undefined;
  /** Lines written to the "memlint" output channel this session. */
  readonly logLines: readonly string[];
  /** memlint's single status bar item (owned by the tracker UI). */
  readonly statusBar: MemlintStatusBar;
}
