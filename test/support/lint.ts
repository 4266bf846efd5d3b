// The engine as the tests call it: the registry and the host's project facts bound (src/host/options.ts), the
// settings and options defaulted. Tests that inject their own rules pass `rules`.
import { fixText as coreFixText, type FixOptions, type FixOutcome } from '../../src/core/autofix';
import { lint as coreLint, type LintOptions, type LintResult } from '../../src/core/linter';
import type { LanguageId } from '../../src/core/rule';
import { DEFAULTS, type Settings } from '../../src/core/settings';
import { hostOptions } from '../../src/host/options';

export function lint(text: string, language: LanguageId, settings: Settings = DEFAULTS, options: Partial<LintOptions> = {}): Promise<LintResult> {
  return coreLint(text, language, settings, { ...hostOptions(language, options.file), ...options });
}

export function fixText(text: string, language: LanguageId, settings: Settings = DEFAULTS, options: Partial<FixOptions> = {}): Promise<FixOutcome> {
  return coreFixText(text, language, settings, { ...hostOptions(language, options.file), ...options });
}
