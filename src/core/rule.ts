// The shapes every rule, the linter, the CLI and the editor share. No 'vscode' here.
import type { Node, Tree } from 'web-tree-sitter';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ProjectView } from './project';
import type { Settings } from './settings';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Level = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
export const LEVELS: readonly Level[] = ['off', ...SEVERITIES];

/** VS Code language ids memlint lints. */
export type LanguageId = 'python' | 'javascript' | 'javascriptreact' | 'typescript' | 'typescriptreact';
export const LANGUAGE_IDS: readonly LanguageId[] = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

/** Which parser a rule runs on. */
export type Family = 'python' | 'javascript';
export function familyOf(language: LanguageId): Family {
  return language === 'python' ? 'python' : 'javascript';
}

/** `safe`: behaviour identical for every input. `unsafe`: right for the usual case; only applied when the user asks. */
export type Safety = 'safe' | 'unsafe';

/** Replace text[start, end) with `text`. Offsets are UTF-16 code units into the source string. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  safety: Safety;
  edits: Edit[];
}

/** 1-based lines, columns in UTF-16 code units, end exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Another place a finding is about (where a read's content is used): offsets into this file's text, or a range in
 * another file of the project (`file`, absolute).
 */
export type RelatedSpan = { start: number; end: number; message: string } | { file: string; range: Range; message: string };

/**
 * Where the size of what a finding materialises comes from: `grows` with the program's input (a path from a
 * parameter, argv, a directory walk; iterating a file), `bounded` by construction (a config file, a literal of
 * three items), or `unknown`. The linter sets the severity from it; `why` is the sentence that says so.
 */
export type Growth = 'grows' | 'unknown' | 'bounded';
export interface Size {
  growth: Growth;
  why?: string;
}

/** What a rule reports; the linter adds the rule id, severity and line/column. */

export interface Report {
  start: number;
  end: number;
  message: string;
  related?: RelatedSpan[];
  fixes?: Fix[];
  /** Where the size comes from; absent: grows (the rule's level). */
  size?: Size;
  /**
   * Why the change the rule asks for saves less than the size says (every line is kept anyway, so memory grows with
   * the file either way): the finding is one level lower, and this sentence follows the size's reason.
   */
  discount?: string;
  /** A finding weaker than the rule's level (strict-mode hints, UI code). Never raises the level. */
  severity?: Severity;
}

/** A related place as users see it: in the finding's file unless `file` (absolute) says otherwise. */
export interface RelatedLocation extends Range {
  file?: string;
  message: string;
}

/** A finding as users see it. Lines and columns are 1-based; columns count UTF-16 code units; end is exclusive. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
  fixes: Fix[];
  /** Other places the finding is about: 1-based lines and columns, like the finding's own. */
  related?: RelatedLocation[];
  /** Where the size of what it materialises comes from (absent: the rule did not say). */
  growth?: Growth;
}

export interface RuleMeta {
  /** Shared by the Python and JavaScript rule of the same idea. */
  id: string;
  family: Family;
  /** One sentence; the rule's README says the same under "What it does". */
  description: string;
  defaultLevel: Severity;
  /** Whether the rule offers fixes, and of which safety. */
  fixable: 'safe' | 'unsafe' | 'mixed' | 'none';
}

interface BaseContext {
  readonly text: string;
  readonly settings: Settings;
  /** The file's absolute path, when it has one. */
  readonly file?: string;
  /** The project around the file (other modules' summaries), when the host indexes one. */
  readonly project?: ProjectView;
  report(report: Report): void;
}

export interface PythonContext extends BaseContext {
  readonly tree: Tree;
  readonly root: Node;
}

export interface JsContext extends BaseContext {
  readonly ast: TSESTree.Program;
  readonly language: LanguageId;
  /** The project's runtime and types have ES2025 iterator helpers (Node 22+, TS lib es2025/esnext). Unknown: false. */
  readonly iteratorHelpers?: boolean;
}

export interface PythonRule {
  meta: RuleMeta & { family: 'python' };
  check(context: PythonContext): void;
}

export interface JsRule {
  meta: RuleMeta & { family: 'javascript' };
  check(context: JsContext): void;
}

export type Rule = PythonRule | JsRule;

export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}

export const DOCS_BASE = 'https://github.com/memlint/memlint/blob/main/src/rules';
export function docsUrl(meta: Pick<RuleMeta, 'id' | 'family'>): string {
  return `${DOCS_BASE}/${meta.family}/${meta.id}/README.md`;
}
