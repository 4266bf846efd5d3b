// The JS file-read rules (whole-file-read, readlines-for-tail, full-read-for-prefix), beyond the rule harness:
// - every invalid*.ts fixture, fixed (safe and unsafe fixes), still type-checks under `strict`;
// - each TypeScript helper compiles to the same JavaScript as the helper the exec fixtures run;
// - the helpers are inserted once, named clear of the file's own names, after imports and directives.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { lint, fixText } from './support/lint';
import { helperSource, type HelperId, type IoMode } from '../src/rules/javascript/shared/helpers';
import { RULES_DIR, ROOT } from './support/paths';

const RULE_IDS = ['whole-file-read', 'readlines-for-tail', 'full-read-for-prefix'];

function typeErrors(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-tsc-'));
  const names = Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(names, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  });
  const out = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

describe('JS file-read rules: fixed TypeScript still type-checks', function () {
  this.timeout(120_000);
  const fixtures = RULE_IDS.flatMap((id) =>
    fs.readdirSync(path.join(RULES_DIR, 'javascript', id))
      .filter((f) => /^invalid[\w-]*\.ts$/.test(f))
      .map((f) => ({ id, name: f, text: fs.readFileSync(path.join(RULES_DIR, 'javascript', id, f), 'utf8') })),
  );

  it('has TypeScript fixtures to check', () => assert.ok(fixtures.length >= 3));

  it('the original fixtures type-check (so an error after fixing is the fix’s)', () => {
    const files = Object.fromEntries(fixtures.map((f) => [`${f.id}-${f.name}`, f.text]));
    assert.deepEqual(typeErrors(files), []);
  });

  for (const unsafe of [false, true]) {
    it(`after fix-all${unsafe ? ' with unsafe fixes' : ''}`, async () => {
      const files: Record<string, string> = {};
      for (const f of fixtures) {
        const out = await fixText(f.text, 'typescript', undefined, { only: [f.id], unsafe });
        assert.ok(out.applied.length > 0, `${f.id}/${f.name}: some fix applied`);
        assert.match(out.text, /function\*? memlint\w+\(file: import\('fs'\)/, 'the helper is typed');
        files[`${f.id}-${f.name}`] = out.text;
      }
      assert.deepEqual(typeErrors(files), []);
    });
  }
});

describe('JS file-read rules: TypeScript helpers are the JavaScript ones plus types', () => {
  const compile = (source: string) =>
    ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText;
  for (const id of ['readLines', 'tailLines', 'readStart', 'headLines', 'readBytes'] as HelperId[]) {
    for (const mode of ['sync', 'async'] as IoMode[]) {
      it(`${id} (${mode})`, () => {
        const ns = mode === 'sync' ? 'fs' : 'fsp';
        assert.equal(compile(helperSource(id, mode, { ts: true, ns })), compile(helperSource(id, mode, { ts: false, ns })));
      });
    }
  }
});

describe('JS file-read rules: helper insertion', () => {
  const fixAll = async (text: string, language: 'javascript' | 'typescript' = 'javascript') => (await fixText(text, language, undefined, { only: RULE_IDS })).text;

  it('inserts a helper once however many fixes use it, after the requires and directives', async () => {
    const text = [
      '#!/usr/bin/env node',
      "'use strict';",
      "const fs = require('fs'); // the module",
      "const path = require('path');",
      'function a(p) {',
      "  return fs.readFileSync(p, 'utf8').split('\\n').slice(-2);",
      '}',
      'function b(p) {',
      "  return fs.readFileSync(path.join(p, 'x'), 'utf8').split('\\n').pop();",
      '}',
      '',
    ].join('\n');
    const out = await fixAll(text);
    assert.equal(out.match(/function memlintTailLinesSync\(/g)?.length, 1);
    assert.ok(out.startsWith("#!/usr/bin/env node\n'use strict';\nconst fs = require('fs'); // the module\nconst path = require('path');\n\n// memlint: "), out);
    assert.match(out, /\n}\n\nfunction a\(p\) \{\n  return memlintTailLinesSync\(p, '\\n', -2\);/);
    assert.match(out, /return memlintTailLinesSync\(path\.join\(p, 'x'\), '\\n', -1\)\[0\];/);
    assert.doesNotMatch(out, /require\('node:fs'\)/, 'no second fs import');
  });

  it('adds an fs import in the file’s style when only named functions were imported', async () => {
    const esm = await fixAll("import { readFileSync } from \"fs\";\n\nexport const first = (p) => readFileSync(p, \"utf8\").split(\"\\n\")[0];\n");
    assert.match(esm, /^import \{ readFileSync \} from "fs";\nimport \* as fs from "fs";\n\n\/\/ memlint: /);
    const cjs = await fixAll("const { readFileSync } = require('node:fs');\nexports.first = (p) => readFileSync(p, 'utf8').split('\\n')[0];\n");
    assert.match(cjs, /^const \{ readFileSync \} = require\('node:fs'\);\nconst fs = require\('node:fs'\);\n/);
  });

  it('does not take a name the file already uses', async () => {
    const text = "const { readFileSync } = require('fs');\nconst fs = 1;\nexports.first = (p) => readFileSync(p, 'utf8').split('\\n')[0];\n";
    const out = await fixAll(text);
    assert.match(out, /const nodeFs = require\('fs'\);/);
    assert.match(out, /nodeFs\.openSync\(file, 'r'\)/);
    const taken = "const fs = require('fs');\nconst memlintTailLinesSync = 1;\nexports.t = (p) => fs.readFileSync(p, 'utf8').split('\\n').slice(-3);\n";
    const result = await lint(taken, 'javascript', undefined, { only: ['readlines-for-tail'] });
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.findings[0].fixes, [], 'no fix when the helper name is taken');
  });

  it('follows CRLF line endings, tab indentation and double quotes', async () => {
    const text = 'const fs = require("fs");\r\nfunction f(p) {\r\n\treturn fs.readFileSync(p, "utf8").split("\\n").slice(-1);\r\n}\r\n';
    const out = await fixAll(text);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/, 'only CRLF line breaks');
    assert.match(out, /\r\n\tconst fd = fs\.openSync\(file, "r"\);\r\n/);
    assert.doesNotMatch(out.slice(out.indexOf('memlint')), /'/, 'double quotes only');
  });
});
