// The ESLint plugin: rule metadata, reports with fixes and suggestions through ESLint's RuleTester
// (espree and @typescript-eslint/parser), options, configs, project-target detection, and loading it
// the way a user does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint, RuleTester, type Linter } from 'eslint';
import { defineRule, docsUrl } from '../src/core/rule';
import plugin = require('../src/eslint');
import { messageIdOf, toEslintRule } from '../src/eslint/rule';
import { RULES } from '../src/rules';
import { clearTargetCache, iteratorHelpersTargeted } from '../src/host/target';
import { ROOT } from './support/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;
const JS_RULES = RULES.filter((r) => r.meta.family === 'javascript');

const espree = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const typescript = new RuleTester({ languageOptions: { parser: tsParser } });

describe('ESLint plugin: metadata', () => {
  it('exports every JavaScript rule of the registry, and meta { name, version }', () => {
    assert.deepEqual(Object.keys(plugin.rules).sort(), JS_RULES.map((r) => r.meta.id).sort());
    assert.equal(plugin.meta.name, 'memlint');
    assert.equal(plugin.meta.version, (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  for (const rule of JS_RULES) {
    it(`${rule.meta.id}: docs, messages, fixable and suggestions follow the memlint metadata`, () => {
      const meta = plugin.rules[rule.meta.id].meta!;
      assert.equal(meta.docs!.description, rule.meta.description);
      assert.equal(meta.docs!.url, docsUrl(rule.meta));
      assert.ok(meta.messages![messageIdOf(rule.meta.id)], 'a stable messageId per rule');
      assert.equal(meta.fixable, rule.meta.fixable === 'safe' || rule.meta.fixable === 'mixed' ? 'code' : undefined);
      assert.equal(meta.hasSuggestions, rule.meta.fixable === 'unsafe' || rule.meta.fixable === 'mixed' ? true : undefined);
      assert.equal(meta.type, rule.meta.defaultLevel === 'warning' || rule.meta.defaultLevel === 'error' ? 'problem' : 'suggestion');
      assert.ok(Array.isArray(meta.schema) && meta.schema.length === 1);
    });
  }

  it("the README's rule table matches the plugin", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- section: eslint'), readme.indexOf('<!-- /section -->', readme.indexOf('<!-- section: eslint')));
    const rows = new Map([...section.matchAll(/^\| `memlint\/([\w-]+)` \|([^\n]*)$/gm)].map((m) => [m[1], m[2].split('|').map((c) => c.trim())]));
    assert.deepEqual([...rows.keys()].sort(), JS_RULES.map((r) => r.meta.id).sort(), 'one row per rule');
    for (const [id, [recommended, fix, suggestions]] of rows) {
      const meta = plugin.rules[id].meta!;
      assert.equal(recommended, plugin.configs.recommended.rules![`memlint/${id}`] ?? '(opt-in; in `all`)', `${id}: recommended`);
      assert.equal(fix, meta.fixable ? 'safe fixes' : '', `${id}: fix`);
      assert.equal(suggestions, meta.hasSuggestions ? 'unsafe fixes' : '', `${id}: suggestions`);
    }
  });

  it('recommended holds the warning-level rules; all holds every rule', () => {
    const expected = Object.fromEntries(
      JS_RULES.filter((r) => r.meta.defaultLevel === 'warning' || r.meta.defaultLevel === 'error').map((r) => [`memlint/${r.meta.id}`, r.meta.defaultLevel === 'error' ? 'error' : 'warn']),
    );
    assert.deepEqual(plugin.configs.recommended.rules, expected);
    assert.equal(plugin.configs.recommended.rules!['memlint/chained-copies'], undefined, 'information-level rules are opt-in');
    assert.deepEqual(Object.keys(plugin.configs.all.rules!).sort(), JS_RULES.map((r) => `memlint/${r.meta.id}`).sort());
    assert.equal(plugin.configs.recommended.plugins!.memlint, plugin);
  });
});

describe('ESLint plugin: accumulating-spread', () => {
  const rule = plugin.rules['accumulating-spread'];
  const messageId = 'accumulatingSpread';
  const arrayMessage = 'Spreads the accumulator into a new array on every step of reduce(): O(n²) time and garbage; push into it instead.';
  const objectMessage = 'Spreads the accumulator into a new object on every step of reduce(): O(n²) time and garbage; assign into it instead.';

  espree.run('accumulating-spread', rule, {
    valid: [
      'const sorted = [...items].sort();',
      'const merged = { ...a, ...b };',
      'const copy = Object.assign({}, a);',
      'const ids = users.reduce((acc, u) => { acc.push(u.id); return acc; }, []);',
      // Fixed keys: linear, reported only in strict mode.
      'const t = xs.reduce((acc, x) => ({ ...acc, count: acc.count + 1 }), { count: 0 });',
      // memlint's own suppression comments hold under ESLint too.
      '// memlint-disable-next-line accumulating-spread\nconst ids = users.reduce((acc, u) => [...acc, u.id], []);',
    ],
    invalid: [
      {
        code: 'const ids = users.reduce((acc, u) => [...acc, u.id], []);',
        errors: [{ messageId, data: { message: arrayMessage }, line: 1, column: 38, endLine: 1, endColumn: 52 }],
        output: 'const ids = users.reduce((acc, u) => (acc.push(u.id), acc), []);',
      },
      {
        // A shared initial value: the fix is only a suggestion.
        code: 'const all = extra.reduce((acc, x) => [...acc, x], base);',
        errors: [{ messageId, suggestions: [{ desc: 'Push into the accumulator', output: 'const all = extra.reduce((acc, x) => (acc.push(x), acc), base);' }] }],
        output: null,
      },
      {
        code: 'const byName = users.reduce((acc, u) => ({ ...acc, [u.name]: u }), {});',
        errors: [{ messageId, data: { message: objectMessage }, suggestions: [{ desc: 'Assign into the accumulator', output: 'const byName = users.reduce((acc, u) => (acc[u.name] = u, acc), {});' }] }],
        output: null,
      },
      {
        code: 'let out = [];\nfor (const x of xs) out = [...out, x];',
        errors: [{ messageId, line: 2, column: 27, suggestions: [{ desc: 'Push into `out`', output: 'let out = [];\nfor (const x of xs) out.push(x);' }] }],
        output: null,
      },
      {
        // Strict mode (a rule option) reports what memlint notes as hints.
        code: 'const t = xs.reduce((acc, x) => ({ ...acc, count: acc.count + 1 }), { count: 0 });',
        options: [{ strict: true }],
        errors: [{ messageId, line: 1, column: 34 }],
        output: 'const t = xs.reduce((acc, x) => (acc.count = acc.count + 1, acc), { count: 0 });',
      },
    ],
  });

  typescript.run('accumulating-spread (TypeScript)', rule, {
    valid: ['const ids: string[] = users.map((u: { id: string }) => u.id);'],
    invalid: [
      {
        code: 'const ids = users.reduce((acc, u) => [...acc, u.id], [] as string[]);',
        filename: 'file.ts',
        errors: [{ messageId }],
        output: 'const ids = users.reduce((acc, u) => (acc.push(u.id), acc), [] as string[]);',
      },
      {
        // An object accumulator typed `{}` would not compile with assignments: unsafe in TypeScript.
        code: 'const m = users.reduce((acc, u, i) => ({ ...acc, [i]: u }), {});',
        filename: 'file.ts',
        errors: [{ messageId, suggestions: [{ desc: 'Assign into the accumulator', output: 'const m = users.reduce((acc, u, i) => (acc[i] = u, acc), {});' }] }],
        output: null,
      },
    ],
  });
});

describe('ESLint plugin: chained-copies', () => {
  const rule = plugin.rules['chained-copies'];
  const messageId = 'chainedCopies';
  const chainMessage = '`.filter().map()` builds an intermediate array only to feed the next step; one pass needs none.';

  espree.run('chained-copies', rule, {
    valid: [
      'const n = csv.split(",").map(Number);',
      'const s = [...items].sort();',
      'const ids = rows.values().filter((r) => r.ok).map((r) => r.id).toArray();',
      { code: 'const List = () => <ul>{items.filter((i) => i.ok).map((i) => <li key={i.id} />)}</ul>;', languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    ],
    invalid: [
      {
        code: "const heads = text.split('\\n').filter((l) => l.startsWith('#')).map((l) => l.slice(1));",
        options: [{ iteratorHelpers: false }],
        errors: [{ messageId, data: { message: chainMessage }, line: 1, column: 32 }],
        output: "const heads = [];\nfor (const l of text.split('\\n')) {\n  if (l.startsWith('#')) heads.push(l.slice(1));\n}",
      },
      {
        // Not provably an array: a suggestion only.
        code: 'const names = users.filter((u) => u.active).map((u) => u.name);',
        options: [{ iteratorHelpers: false }],
        errors: [{ messageId, suggestions: [{ desc: 'Build the result in one loop', output: 'const names = [];\nfor (const u of users) {\n  if (u.active) names.push(u.name);\n}' }] }],
        output: null,
      },
      {
        // The project targets ES2025: iterator helpers instead of a loop.
        code: 'const names = users.filter((u) => u.active).map((u) => u.name);',
        options: [{ iteratorHelpers: true }],
        errors: [{ messageId, suggestions: [{ desc: 'Iterate once with iterator helpers (ES2025)', output: 'const names = users.values().filter((u) => u.active).map((u) => u.name).toArray();' }] }],
        output: null,
      },
      {
        code: "const total = text.split('\\n').map((l) => l.length).reduce((a, b) => a + b, 0);",
        options: [{ iteratorHelpers: true }],
        errors: [{ messageId }],
        output: "const total = text.split('\\n').values().map((l) => l.length).reduce((a, b) => a + b, 0);",
      },
      {
        code: "const first = text.split('\\n').filter((l) => l.startsWith('#'))[0];",
        errors: [{ messageId, column: 32, endColumn: 67 }],
        output: "const first = text.split('\\n').find((l) => l.startsWith('#'));",
      },
      {
        code: 'if (users.filter((u) => u.admin).length > 0) go();',
        errors: [{ messageId, suggestions: [{ desc: 'Use .some()', output: 'if (users.some((u) => u.admin)) go();' }] }],
        output: null,
      },
      {
        code: 'const widths = Array.from(new Set(words)).map((w) => w.length);',
        errors: [{ messageId }],
        output: 'const widths = Array.from(new Set(words), (w) => w.length);',
      },
      {
        // UI code is reported only in strict mode.
        code: 'const List = () => <ul>{items.filter((i) => i.ok).map((i) => <li key={i.id} />)}</ul>;',
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
        options: [{ strict: true }],
        errors: [
          {
            messageId,
            suggestions: [
              {
                desc: 'Build the result in one pass',
                output: 'const List = () => <ul>{items.reduce((out, i) => {\n  if (i.ok) out.push(<li key={i.id} />);\n  return out;\n}, [])}</ul>;',
              },
            ],
          },
        ],
        output: null,
      },
    ],
  });

  typescript.run('chained-copies (TypeScript)', rule, {
    valid: [],
    invalid: [
      {
        // `.find()` types as T | undefined: unsafe in TypeScript.
        code: "const first = text.split('\\n').filter((l) => l.startsWith('#'))[0];",
        filename: 'file.ts',
        errors: [{ messageId, suggestions: [{ desc: 'Use .find()', output: "const first = text.split('\\n').find((l) => l.startsWith('#'));" }] }],
        output: null,
      },
      {
        code: "const heads: string[] = text.split('\\n').filter((l) => l !== '').map((l) => l.trim());",
        filename: 'file.ts',
        options: [{ iteratorHelpers: false }],
        errors: [{ messageId }],
        output: "const heads: string[] = [];\nfor (const l of text.split('\\n')) {\n  if (l !== '') heads.push(l.trim());\n}",
      },
    ],
  });
});

describe('ESLint plugin: a rule that throws', () => {
  const broken = toEslintRule(
    defineRule({
      meta: { id: 'broken', family: 'javascript', description: 'test', defaultLevel: 'warning', fixable: 'none' },
      check() {
        throw new Error('boom');
      },
    }),
  );
  espree.run('broken', broken, {
    valid: [],
    invalid: [{ code: 'const x = 1;', errors: [{ messageId: 'crashed', data: { message: 'boom' }, line: 1, column: 1 }] }],
  });
});

describe('ESLint plugin: iterator-helper target detection', () => {
  let dir: string;
  const write = (file: string, json: unknown) => fs.writeFileSync(path.join(dir, file), typeof json === 'string' ? json : JSON.stringify(json));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-target-'));
    clearTargetCache();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JavaScript: engines.node must exclude everything before Node 22', () => {
    for (const [range, expected] of [['>=22', true], ['^22.3.0', true], ['>=20.19', false], ['>=20 <23', false], ['^20 || ^22', false], ['>=23', true]] as const) {
      clearTargetCache();
      write('package.json', { engines: { node: range } });
      assert.equal(iteratorHelpersTargeted(path.join(dir, 'a.js'), 'javascript'), expected, range);
    }
  });

  it('TypeScript: also needs an es2025/esnext lib (or target) in tsconfig.json, comments allowed', () => {
    write('package.json', { engines: { node: '>=22' } });
    assert.equal(iteratorHelpersTargeted(path.join(dir, 'a.ts'), 'typescript'), false, 'no tsconfig');
    clearTargetCache();
    write('tsconfig.json', '{\n  // types\n  "compilerOptions": { "lib": ["ES2023", "ESNext.Iterator"], },\n}');
    assert.equal(iteratorHelpersTargeted(path.join(dir, 'a.ts'), 'typescript'), true);
    clearTargetCache();
    write('package.json', { engines: { node: '>=20' } });
    assert.equal(iteratorHelpersTargeted(path.join(dir, 'a.ts'), 'typescript'), false, 'the runtime says Node 20');
  });

  it('unknown files and projects: false', () => {
    assert.equal(iteratorHelpersTargeted('file.js', 'javascript'), false);
    assert.equal(iteratorHelpersTargeted(path.join(dir, 'a.js'), 'javascript'), false);
  });

  it('the rules detect it per file when the option is not given', async () => {
    write('package.json', { engines: { node: '>=22' } });
    const file = path.join(dir, 'a.js');
    fs.writeFileSync(file, 'export const names = users.filter((u) => u.active).map((u) => u.name);\n');
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [{ plugins: { memlint: plugin }, rules: { 'memlint/chained-copies': 'warn' } }] });
    const [result] = await eslint.lintFiles([file]);
    assert.deepEqual(result.messages[0].suggestions?.map((s) => s.desc), ['Iterate once with iterator helpers (ES2025)']);
  });
});

describe('ESLint plugin: loaded as a user loads it', () => {
  it("require('memlint/eslint') resolves through the package exports to the built plugin", () => {
    assert.equal(require.resolve('memlint/eslint', { paths: [ROOT] }), path.join(ROOT, 'out', 'src', 'eslint', 'index.js'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(require.resolve('memlint/eslint', { paths: [ROOT] })) as typeof plugin;
    assert.deepEqual(Object.keys(loaded.rules).sort(), Object.keys(plugin.rules).sort());
    assert.ok(loaded.configs.recommended.rules);
  });

  it('lints and fixes a file through new ESLint({ overrideConfigFile: true, overrideConfig })', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-eslint-'));
    try {
      const file = path.join(dir, 'report.js');
      fs.writeFileSync(file, "export const ids = users.reduce((acc, u) => [...acc, u.id], []);\nexport const first = text.split('\\n').filter((l) => l.startsWith('#'))[0];\n");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const memlint = require(require.resolve('memlint/eslint', { paths: [ROOT] })) as typeof plugin;
      const config: Linter.Config[] = [memlint.configs.recommended, { plugins: { memlint }, rules: { 'memlint/chained-copies': 'warn' } }];
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
      const [result] = await eslint.lintFiles([file]);
      assert.deepEqual(
        result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`),
        ['1:45 memlint/accumulating-spread 1', '2:39 memlint/chained-copies 1'],
      );
      const fixer = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, fix: true });
      const [fixed] = await fixer.lintFiles([file]);
      assert.equal(fixed.output, "export const ids = users.reduce((acc, u) => (acc.push(u.id), acc), []);\nexport const first = text.split('\\n').find((l) => l.startsWith('#'));\n");
      assert.equal(fixed.messages.length, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TypeScript files through @typescript-eslint/parser', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.all],
    });
    const [result] = await eslint.lintText('const n: number = xs.filter((x: number) => x > 1).length;\n', { filePath: path.join(ROOT, 'virtual.ts') });
    assert.deepEqual(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), ['1:22 memlint/chained-copies']);
  });
});
