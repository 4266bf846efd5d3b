// The code actions a finding offers, as plain data: its fixes (the first safe one preferred; unsafe ones say so),
// "disable for this line" and "show documentation". The adapter turns them into vscode.CodeActions.
import type { Edit, Finding, LanguageId } from '../core/rule';
import { suppressionEdit } from './suppression';

export type QuickFix =
  | { kind: 'fix'; title: string; isPreferred: boolean; edits: readonly Edit[] }
  | { kind: 'disable'; title: string; isPreferred: false; edits: readonly Edit[] }
  | { kind: 'docs'; title: string; isPreferred: false; rule: string };

export function fixTitle(title: string, safety: 'safe' | 'unsafe'): string {
  return safety === 'unsafe' ? `${title} (unsafe)` : title;
}

/** `text` must be the text the finding was linted from. */
export function quickFixesFor(finding: Finding, text: string, language: LanguageId): QuickFix[] {
  const out: QuickFix[] = [];
  const preferred = finding.fixes.findIndex((f) => f.safety === 'safe');
  finding.fixes.forEach((fix, i) => {
    out.push({ kind: 'fix', title: fixTitle(fix.title, fix.safety), isPreferred: i === preferred, edits: fix.edits });
  });
  const disable = suppressionEdit(text, language, finding);
  if (disable) out.push({ kind: 'disable', title: `Disable memlint rule ${finding.rule} for this line`, isPreferred: false, edits: [disable] });
  out.push({ kind: 'docs', title: `Show documentation for memlint rule ${finding.rule}`, isPreferred: false, rule: finding.rule });
  return out;
}
