// Code actions: per memlint diagnostic its fixes (looked up, computed when linting), "disable for this line" and
// "show documentation"; and `source.fixAll.memlint` for on-save fixing of safe fixes only.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { familyOf, type Edit, type Finding, type LanguageId } from '../core/rule';
import { ruleOf, spanOfRange } from './diagnostics';
import type { FixStore } from './fixStore';
import { lintedLanguage } from './lints';
import { SHOW_DOCUMENTATION_COMMAND } from './protocol';
import { quickFixesFor } from './quickFixes';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.memlint`;
export const FIX_ALL_TITLE = 'memlint: Fix all safe issues';

/** Whether a requested kind (`context.only`) contains `kind`: kinds are dot-separated hierarchies. */
function contains(requested: string, kind: string): boolean {
  return kind === requested || kind.startsWith(`${requested}.`);
}

export interface ActionContext {
  document: TextDocument;
  fixes: FixStore;
  /** Builds a workspace edit (versioned where the client supports it). */
  workspaceEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit;
  /** The fix-all edit, computed on demand. */
  fixAll(): Promise<TextEdit | undefined>;
  log(message: string): void;
}

export async function codeActions(params: CodeActionParams, ctx: ActionContext): Promise<CodeAction[]> {
  const language = lintedLanguage(ctx.document);
  if (!language) return [];
  const only = params.context.only;
  const quick = !only || only.some((k) => contains(k, CodeActionKind.QuickFix));
  const fixAll = !!only && only.some((k) => contains(k, FIX_ALL_KIND));
  const actions = quick ? quickFixes(params.context.diagnostics, language, ctx) : [];
  if (fixAll) {
    const edit = await ctx.fixAll();
    if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: ctx.workspaceEdit(ctx.document, [edit]) });
  }
  return actions;
}

function quickFixes(diagnostics: Diagnostic[], language: LanguageId, ctx: ActionContext): CodeAction[] {
  const { document } = ctx;
  const actions: CodeAction[] = [];
  const text = document.getText();
  const offsets = (e: Edit): TextEdit => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.text });
  for (const diagnostic of diagnostics) {
    const rule = ruleOf(diagnostic);
    if (!rule) continue;
    let finding = ctx.fixes.get(document.uri, document.version, rule, spanOfRange(diagnostic.range), () => text);
    if (!finding) {
      // The document changed since it was linted, so the fixes' offsets no longer hold (the next lint is
      // coming); "disable for this line" and "show documentation" need only the line and the rule.
      ctx.log(`no fixes recorded for ${rule} at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} (version ${document.version})`);
      finding = withoutFixes(rule, diagnostic);
    }
    for (const q of quickFixesFor(finding, text, language)) {
      const action: CodeAction = { title: q.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
      if (q.kind === 'docs') {
        action.command = { title: q.title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [q.rule, familyOf(language)] };
      } else {
        action.edit = ctx.workspaceEdit(document, q.edits.map(offsets));
        if (q.isPreferred) action.isPreferred = true;
      }
      actions.push(action);
    }
  }
  return actions;
}

function withoutFixes(rule: string, diagnostic: Diagnostic): Finding {
  const { start, end } = diagnostic.range;
  return { rule, severity: 'warning', message: '', line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, start: 0, end: 0, fixes: [] };
}
