// The messages between memlint's language server and its VS Code client beyond LSP itself, typed once for both
// sides (as vscode-eslint's shared module). Plain data and method names only: the client bundle imports this file,
// so it must pull in nothing of the server.
import type { Family } from '../core/rule';

/** Commands the server executes (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  /** Apply every safe fix to a document: arguments `[uri, version?]`; resolves true when an edit was applied. */
  fixAll: 'memlint.applyFixAll',
} as const;

/** The command a "show documentation" code action carries: arguments `[ruleId, family]`. */
export const SHOW_DOCUMENTATION_COMMAND = 'memlint.showDocumentation';

/** Sent in `initialize` by a client that handles memlint's own messages (the VS Code extension). */
export interface InitializationOptions {
  /**
   * The client shows notices itself from `memlint/status`, and runs SHOW_DOCUMENTATION_COMMAND itself (in a
   * Markdown preview). Without it the server uses `window/showMessage` and `window/showDocument`.
   */
  memlintClient?: boolean;
}

/** Why a document has no memlint diagnostics, when it has none by choice. */
export type Skip = 'disabled' | 'excluded' | 'too-large' | 'syntax-error';

/** After each lint of a document: which version it was, how long it took, and whether it was skipped. */
export interface LintStatus {
  uri: string;
  version: number;
  skip?: Skip;
  /** A one-time notice for the user (a file over memlint.maxFileSizeKb or memlint.maxLineLength), with that setting. */
  notice?: { message: string; setting: string };
  /** How long the lint took, in milliseconds (parse and rules; 0 when skipped). */
  ms: number;
}
export const LINT_STATUS = 'memlint/status';

/**
 * The memory tracker's notes for a file (client → server): a finding whose lines (or a line it relates to in the
 * same file) include `line` (0-based) gets `note` appended to its message. An empty list removes them.
 */
export interface PeakNotes {
  uri: string;
  notes: { line: number; note: string }[];
}
export const PEAK_NOTES = 'memlint/notes';

/** Request, no parameters: resolves once no lint is scheduled or running and no refresh is on its way. */
export const IDLE = 'memlint/idle';

/** Request, no parameters: the rules this server runs. */
export interface RuleInfo {
  id: string;
  family: Family;
  description: string;
}
export const RULES = 'memlint/rules';
