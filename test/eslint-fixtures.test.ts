// The ESLint plugin reports exactly what lint() reports on every JS rule's valid*/invalid* fixtures
// (same lines, columns, messages), with @typescript-eslint/parser on every fixture and espree on plain
// JavaScript ones; and ESLint's --fix output equals memlint's safe fix-all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import { languageOfPath } from '../src/core/languages';
import { lint, fixText } from './support/lint';
import { jsxFor } from '../src/core/parsers/javascript';
import { normalize, DEFAULTS, type Settings } from '../src/core/settings';
import plugin = require('../src/eslint');
import { RULES } from '../src/rules';
import { RULES_DIR } from './support/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

/** A fixture may start with `// settings: {...}`; the plugin takes `strict` as a rule option. */
function settingsOf(text: string): Settings {
  const m = /^\/\/\s*settings:\s*(\{.*\})\s*$/.exec(text.split('\n')[0] ?? '');
  return m ? normalize(JSON.parse(m[1])) : DEFAULTS;
}

type ParserName = 'typescript-eslint' | 'espree';

function config(id: string, file: string, parser: ParserName, settings: Settings, sourceType: 'module' | 'commonjs'): Linter.Config[] {
  const jsx = jsxFor(languageOfPath(file)!);
  return [
    {
      // A non-universal pattern: '**/*' alone does not make ESLint lint .ts files.
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType,
        ...(parser === 'typescript-eslint' ? { parser: tsParser } : {}),
        parserOptions: { ecmaFeatures: { jsx } },
      },
      plugins: { memlint: plugin },
      // The project target is fixed here, as lint() without options has it: no iterator helpers.
      rules: { [`memlint/${id}`]: ['warn', { strict: settings.strict, iteratorHelpers: false }] },
    },
  ];
}

/** verify() with a module, or as CommonJS when the fixture is not a valid module. */
function verify(linter: Linter, id: string, file: string, text: string, parser: ParserName, settings: Settings) {
  let messages = linter.verify(text, config(id, file, parser, settings, 'module'), { filename: file });
  let sourceType: 'module' | 'commonjs' = 'module';
  if (messages.some((m) => m.fatal)) {
    sourceType = 'commonjs';
    messages = linter.verify(text, config(id, file, parser, settings, sourceType), { filename: file });
  }
  const fatal = messages.find((m) => m.fatal);
  assert.equal(fatal, undefined, `${parser} parses the fixture: ${fatal?.message}`);
  return { messages, sourceType };
}

describe('ESLint plugin on the rule fixtures', () => {
  const linter = new Linter({ configType: 'flat' });
  for (const rule of RULES.filter((r) => r.meta.family === 'javascript')) {
    const dir = path.join(RULES_DIR, 'javascript', rule.meta.id);
    const fixtures = fs.readdirSync(dir).filter((f) => /^(valid|invalid)[\w-]*\.\w+$/.test(f) && languageOfPath(f)).sort();
    describe(`javascript/${rule.meta.id}`, () => {
      for (const name of fixtures) {
        const file = path.join(dir, name);
        const language = languageOfPath(name)!;
        const plainJs = language === 'javascript' || language === 'javascriptreact';
        const parsers: ParserName[] = plainJs ? ['typescript-eslint', 'espree'] : ['typescript-eslint'];
        for (const parser of parsers) {
          it(`${name} (${parser}): the same findings as lint()`, async () => {
            const text = fs.readFileSync(file, 'utf8');
            const settings = settingsOf(text);
            const expected = (await lint(text, language, settings, { only: [rule.meta.id] })).findings.map(
              (f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`,
            );
            const { messages } = verify(linter, rule.meta.id, file, text, parser, settings);
            const actual = messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`);
            assert.deepEqual(actual, expected);
            if (name.startsWith('valid')) assert.deepEqual(actual, []);
          });

          if (name.startsWith('invalid')) {
            it(`${name} (${parser}): --fix gives memlint's safe fix-all`, async () => {
              const text = fs.readFileSync(file, 'utf8');
              const settings = settingsOf(text);
              const memlint = await fixText(text, language, settings, { only: [rule.meta.id] });
              const { sourceType } = verify(linter, rule.meta.id, file, text, parser, settings);
              const eslint = linter.verifyAndFix(text, config(rule.meta.id, file, parser, settings, sourceType), { filename: file });
              assert.equal(eslint.output, memlint.text);
            });
          }
        }
      }
    });
  }
});
