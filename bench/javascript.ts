// JS/TS: memlint vs the bare typescript-estree parse vs ESLint (@typescript-eslint/parser, one trivial rule).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';
import { lintPrepared } from '../src/core/linter';
import { languageOfPath } from '../src/core/languages';
import { jsxFor } from '../src/core/parsers/javascript';
import type { LanguageId } from '../src/core/rule';
import { DEFAULTS } from '../src/core/settings';
import { RULES } from '../src/rules';
import { ROOT } from './paths';
import { fmt, interleaved, lineCount, ratio, table, walk } from './measure';

const TREE = ['eslint', '@typescript-eslint', 'mocha'].map((p) => path.join(ROOT, 'node_modules', p));

/** memlint's own TypeScript sources (src, then test), concatenated until at least 10,000 lines. */
export function tenThousandLinesOfTs(): string {
  const files = ['src', 'test', 'bench'].flatMap((d) =>
    walk(
      path.join(ROOT, d),
      (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/[\\/](valid|invalid|exec)[^\\/]*$/.test(f),
      (dir) => path.basename(dir) === 'node_modules', // test/vscode/server holds code-server's
    ),
  );
  let text = '';
  for (let i = 0; lineCount(text) < 10_000; i++) text += fs.readFileSync(files[i % files.length], 'utf8').replace(/^#!.*/, '') + '\n';
  return text;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

const trivial = { meta: { type: 'problem' as const, schema: [] }, create: () => ({ DebuggerStatement() {} }) };

export function benchJavascript(): string {
  const linter = new Linter({ configType: 'flat' });
  const config = (file: string): Linter.Config[] => [
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: jsxFor(languageOfPath(file)!) } }, sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
      plugins: { bench: { rules: { trivial } } },
      rules: { 'bench/trivial': 'error' },
    },
  ];
  const bare = (text: string, language: LanguageId) => parse(text, { range: true, loc: true, comment: true, jsx: jsxFor(language), errorOnUnknownASTType: false });
  const memlint = (text: string, language: LanguageId) => lintPrepared(text, language, DEFAULTS, { rules: RULES });
  // ESLint ignores node_modules: lint each file under a name outside it (the name only picks the config).
  const eslint = (text: string, file: string) => linter.verify(text, config(file), { filename: path.join(ROOT, 'bench-input', path.basename(file)) });
  const fatal = eslint('debugger;\n', 'check.ts').filter((m) => m.ruleId !== 'bench/trivial');
  if (fatal.length) throw new Error(`ESLint baseline is not linting: ${fatal[0].message}`);

  const text = tenThousandLinesOfTs();
  const one = interleaved({ parse: () => bare(text, 'typescript'), memlint: () => memlint(text, 'typescript'), eslint: () => eslint(text, 'big.ts') }, 11, 2);

  const files = TREE.flatMap((d) => walk(d, (f) => /\.(c|m)?[jt]sx?$/.test(f) && !f.endsWith('.d.ts'), (d2) => path.basename(d2) === 'node_modules' && d2 !== d));
  const sources = files.map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8'), language: languageOfPath(f)! }));
  const lines = sources.reduce((n, s) => n + lineCount(s.text), 0);
  const safely = (fn: () => unknown) => {
    try {
      fn();
    } catch {
      /* a file the parser rejects costs the same in every column */
    }
  };
  const pass = (fn: (s: (typeof sources)[number]) => unknown) => () => sources.forEach((s) => safely(() => fn(s)));
  const tree = interleaved({ parse: pass((s) => bare(s.text, s.language)), memlint: pass((s) => memlint(s.text, s.language)), eslint: pass((s) => eslint(s.text, s.file)) }, 3, 1);
  let findings = 0;
  sources.forEach((s) => (findings += memlint(s.text, s.language).findings.length));

  return [
    `JavaScript/TypeScript: a ${lineCount(text).toLocaleString('en-US')}-line TS file (memlint's own sources concatenated) and a JS tree (eslint, @typescript-eslint, mocha from node_modules: ${files.length} files, ${lines.toLocaleString('en-US')} lines, ${findings} findings). ESLint runs @typescript-eslint/parser and one trivial rule.`,
    '',
    table(
      ['input', 'typescript-estree parse (ms)', 'memlint (ms)', 'memlint / parse', 'ESLint (ms)', 'memlint / ESLint'],
      [
        ['10k-line TS file', fmt(one.parse), fmt(one.memlint), ratio(one.memlint, one.parse), fmt(one.eslint), ratio(one.memlint, one.eslint)],
        ['JS tree', fmt(tree.parse), fmt(tree.memlint), ratio(tree.memlint, tree.parse), fmt(tree.eslint), ratio(tree.memlint, tree.eslint)],
      ],
    ),
  ].join('\n');
}
