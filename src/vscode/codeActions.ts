// Code actions: per memlint diagnostic its fixes (looked up, computed when linting), "disable for this line"
// and "show documentation"; and `source.fixAll.memlint` for on-save fixing of safe fixes only.
import * as vscode from 'vscode';
import type { Edit, Finding, LanguageId } from '../core/rule';
import { familyOf } from '../core/rule';
import { ruleOf, spanOfRange } from './diagnostics';
import type { DocumentLinter } from './documentLinter';
import { fixAllEdit } from './fixAll';
import { lintedLanguage } from './languages';
import type { Log } from './output';
import { quickFixesFor } from './quickFixes';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('memlint');
export const SHOW_DOCS_COMMAND = 'memlint.showDocumentation';

export class MemlintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly linter: DocumentLinter,
    private readonly log: Log,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    return this.log.guard('memlint code actions', () => this.actions(document, context), []);
  }

  private async actions(document: vscode.TextDocument, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const language = lintedLanguage(document);
    if (!language) return [];
    if (context.only) {
      if (!context.only.contains(FIX_ALL_KIND)) return context.only.contains(vscode.CodeActionKind.QuickFix) ? this.quickFixes(document, language, context) : [];
      const edit = await fixAllEdit(document, this.linter);
      if (!edit) return [];
      const action = new vscode.CodeAction('memlint: Fix all safe issues', FIX_ALL_KIND);
      action.edit = edit;
      return [action];
    }
    return this.quickFixes(document, language, context);
  }

  private quickFixes(document: vscode.TextDocument, language: LanguageId, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const key = document.uri.toString();
    let text: string | undefined;
    const current = () => (text ??= document.getText());
    for (const diagnostic of context.diagnostics) {
      const rule = ruleOf(diagnostic);
      if (!rule) continue;
      let finding = this.linter.fixes.get(key, document.version, rule, spanOfRange(diagnostic.range), current);
      if (!finding) {
        // The document changed since it was linted, so the fixes' offsets no longer hold (the next lint is
        // coming); "disable for this line" and "show documentation" need only the line and the rule.
        this.log.debug(`no fixes recorded for ${rule} at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} (version ${document.version})`);
        finding = withoutFixes(rule, diagnostic.range);
      }
      for (const q of quickFixesFor(finding, current(), language)) {
        const action = new vscode.CodeAction(q.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (q.kind === 'docs') {
          action.command = { title: q.title, command: SHOW_DOCS_COMMAND, arguments: [q.rule, familyOf(language)] };
        } else {
          action.edit = toWorkspaceEdit(document, q.edits);
          action.isPreferred = q.isPreferred;
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

function withoutFixes(rule: string, range: vscode.Range): Finding {
  const { start, end } = range;
  return { rule, severity: 'warning', message: '', line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, start: 0, end: 0, fixes: [] };
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly Edit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  return edit;
}
