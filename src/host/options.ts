// What every host (CLI, language server, tests) gives the engine for a file: this build's rule registry and the
// project facts computed from disk (src/host/target.ts).
import type { LintOptions } from '../core/linter';
import type { LanguageId } from '../core/rule';
import { RULES } from '../rules';
import { iteratorHelpersTargeted } from './target';

export function hostOptions(language: LanguageId, file?: string): Pick<LintOptions, 'rules' | 'iteratorHelpers'> {
  return { rules: RULES, iteratorHelpers: file ? iteratorHelpersTargeted(file, language) : false };
}
