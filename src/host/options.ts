// What every host (CLI, language server, tests) gives the engine for a file: this build's rule registry and the
// project facts computed from disk (src/host/target.ts).
import type { LintOptions } from '../core/linter';
import type { LanguageId } from '../core/rule';
import { iteratorHelpersTargeted } from './target';

export function hostOptions(language: LanguageId, file?: string): Pick<LintOptions, 'rules' | 'iteratorHelpers'> {
  // The registry loads every rule: on first use, so that a host with nothing to lint (a re-check served from the
  // cache) does not load them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RULES } = require('../rules') as typeof import('../rules');
  return { rules: RULES, iteratorHelpers: file ? iteratorHelpersTargeted(file, language) : false };
}
