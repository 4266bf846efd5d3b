// memlint's JavaScript/TypeScript rules as an ESLint flat-config plugin (`memlint/eslint`):
//   import memlint from 'memlint/eslint';
//   export default [memlint.configs.recommended];
// The rules come from the registry, so a new JS rule appears here without touching this file.
import type { ESLint, Linter, Rule } from 'eslint';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsRule, Severity } from '../core/rule';
import { RULES } from '../rules';
import { toEslintRule } from './rule';

const JS_RULES = RULES.filter((r): r is JsRule => r.meta.family === 'javascript');

/** memlint's version, from the package.json at the package root (out/src/eslint -> ../../..). */
function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** ESLint has two levels: memlint's errors stay errors, everything else is a warning. */
function eslintLevel(level: Severity): Linter.RuleSeverity {
  return level === 'error' ? 'error' : 'warn';
}

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(JS_RULES.map((r) => [r.meta.id, toEslintRule(r)]));

const plugin = {
  meta: { name: 'memlint', version: version() },
  rules,
  configs: {} as Record<'recommended' | 'all', Linter.Config>,
} satisfies ESLint.Plugin;

/** The rules memlint itself reports as warnings or errors; `information`-level rules (chained-copies) are opt-in. */
plugin.configs.recommended = {
  name: 'memlint/recommended',
  plugins: { memlint: plugin },
  rules: Object.fromEntries(
    JS_RULES.filter((r) => r.meta.defaultLevel === 'error' || r.meta.defaultLevel === 'warning').map((r) => [`memlint/${r.meta.id}`, eslintLevel(r.meta.defaultLevel)]),
  ),
};

/** Every rule. */
plugin.configs.all = {
  name: 'memlint/all',
  plugins: { memlint: plugin },
  rules: Object.fromEntries(JS_RULES.map((r) => [`memlint/${r.meta.id}`, eslintLevel(r.meta.defaultLevel)])),
};

export = plugin;
