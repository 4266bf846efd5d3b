// Size provenance in JavaScript/TypeScript: where a finding's size comes from decides its severity, and the
// message says why. One file at a time here (its own calls size a private function's parameters); across
// modules in project.test.ts.
import * as assert from 'node:assert/strict';
import { lint } from './support/lint';
import type { LanguageId } from '../src/core/rule';
import { normalize } from '../src/core/settings';

type Seen = [rule: string, line: number, column: number, severity: string];

interface Options {
  strict?: boolean;
  file?: string;
  language?: LanguageId;
  /** Only this rule (the whole-file reads in a text also feed other rules). */
  only?: string;
}

async function run(text: string, options: Options = {}) {
  const settings = normalize({ strict: options.strict ?? false });
  const result = await lint(text, options.language ?? 'javascript', settings, { file: options.file, only: options.only ? [options.only] : undefined });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings;
}

async function seen(text: string, options: Options = {}): Promise<Seen[]> {
  return (await run(text, options)).map((f) => [f.rule, f.line, f.column, f.severity]);
}

async function why(text: string, options: Options = {}): Promise<string[]> {
  return (await run(text, options)).map((f) => f.message);
}

/** A line loop over the whole read of `path`, inside `function f(p, d, req)`. */
const loop = (path: string, before = '') =>
  `const fs = require('fs');\nconst path = require('path');\n${before}function f(p, d, req) {\n  for (const line of fs.readFileSync(${path}, 'utf8').split('\\n')) console.log(line);\n}\nmodule.exports = f;\n`;

describe('size provenance (JavaScript)', () => {
  it('a path that grows with the input keeps the rule level and says why', async () => {
    const paths = ['p', 'process.argv[2]', 'process.env.LOG', "process.env['LOG']", 'req.file.path', 'path.join(d, p)', '`${d}/${p}.log`', "path.resolve(d, 'app.log')"];
    for (const p of paths) assert.deepEqual(await seen(loop(p)), [['whole-file-read', 4, 22, 'warning']], p);
    assert.match((await why(loop('p')))[0], /`p` is a parameter of `f\(\)`: the file is as large as the caller's\.$/);
    assert.match((await why(loop('process.argv[2]')))[0], /The path comes from the command line: the file is whatever the user names\.$/);
    assert.match((await why(loop('req.file.path')))[0], /The file comes from a request or an upload: it is as large as the client sends\.$/);
    // A field that happens to be called `files` is not a request's.
    assert.deepEqual(await seen(loop('this.files.main')), [['whole-file-read', 4, 22, 'information']]);
  });

  it('a directory walk grows: readdirSync, glob, a callback over the listing', async () => {
    const walk = "const fs = require('fs');\nfunction f() {\n  for (const name of fs.readdirSync('.')) {\n    for (const line of fs.readFileSync(name, 'utf8').split('\\n')) console.log(line);\n  }\n}\n";
    assert.deepEqual(await seen(walk), [['whole-file-read', 4, 24, 'warning']]);
    assert.match((await why(walk))[0], /`name` comes from a directory walk: any file found there\.$/);
    const callback = "const fs = require('fs');\nconst glob = require('glob');\nglob.sync('**/*.log').forEach((file) => {\n  for (const line of fs.readFileSync(file, 'utf8').split('\\n')) console.log(line);\n});\n";
    assert.deepEqual(await seen(callback), [['whole-file-read', 4, 22, 'warning']]);
  });

  it('a literal path of unknown size, or an item of a list of unknown size, is one level lower, with no reason given', async () => {
    assert.deepEqual(await seen(loop("'app.log'")), [['whole-file-read', 4, 22, 'information']]);
    assert.doesNotMatch((await why(loop("'app.log'")))[0], /parameter|small by nature/);
    const items = "const fs = require('fs');\nfunction f(files) {\n  files.list().forEach((file) => {\n    for (const line of fs.readFileSync(file, 'utf8').split('\\n')) console.log(line);\n  });\n}\n";
    assert.deepEqual(await seen(items), [['whole-file-read', 4, 24, 'information']]);
  });

  it('a file small by nature, or shipped with the package, is bounded: quiet, a hint in strict mode', async () => {
    const paths = ["'package.json'", "path.join(d, 'tsconfig.json')", "'/proc/self/status'", "'.npmrc'", "path.join(__dirname, 'data.txt')", "new URL('./data.txt', import.meta.url)", '`${d}/setup.cfg`'];
    for (const p of paths) {
      assert.deepEqual(await seen(loop(p)), [], p);
      assert.deepEqual(await seen(loop(p), { strict: true }), [['whole-file-read', 4, 22, 'hint']], p);
    }
    assert.match((await run(loop("'package.json'"), { strict: true }))[0].message, /`package\.json` is a package manifest, small by nature\.$/);
  });

  it("a private function's parameter is as large as what this file's calls pass", async () => {
    const fixed = "const fs = require('fs');\nfunction lines(p) {\n  return fs.readFileSync(p, 'utf8').split('\\n').filter((l) => l).map((l) => l.trim());\n}\nlines('setup.cfg');\nlines('tox.ini');\n";
    assert.deepEqual(await seen(fixed), []);
    assert.match((await why(fixed, { strict: true, only: 'whole-file-read' }))[0], /Every caller of `lines\(\)` passes a path fixed in size: `setup\.cfg` is a configuration file, small by nature\.$/);
    const some = fixed.replace("lines('tox.ini')", 'lines(process.argv[2])');
    assert.deepEqual(await seen(some), [
      ['whole-file-read', 3, 10, 'warning'],
      ['chained-copies', 3, 49, 'information'],
    ]);
    assert.match(
      (await why(some))[0],
      /`p` is a parameter of `lines\(\)`; a caller passes one that grows \(line 6\): the path comes from the command line: the file is whatever the user names\.$/,
    );
    const exported = fixed + 'module.exports = lines;\n';
    // An exported function may have callers the file does not show: never bounded by its callers, unknown (one level lower).
    assert.deepEqual(await seen(exported), [
      ['whole-file-read', 3, 10, 'information'],
      ['chained-copies', 3, 49, 'information'],
    ]);
    // With no caller in sight, a path parameter grows.
    assert.deepEqual(await seen(exported.replace(/^lines\(.*\n/gm, '')), [
      ['whole-file-read', 3, 10, 'warning'],
      ['chained-copies', 3, 49, 'information'],
    ]);
  });

  it("a class method's parameter is as large as what its callers pass: this.m(), new C().m(), a local holding new C()", async () => {
    const only = 'accumulating-spread';
    const cls = (callers: string, exported = '') =>
      [
        "const fs = require('fs');",
        'class Query {',
        '  query(queries) {',
        '    let res = {};',
        '    for (const q of queries) {',
        '      res = { ...res, [q]: true };',
        '    }',
        '    return res;',
        '  }',
        '  one(name) {',
        '    return this.#all([name]);',
        '  }',
        '  #all(names) {',
        '    return this.query(names);',
        '  }',
        '}',
        callers,
        exported,
      ].join('\n');
    // Every caller passes the command line's arguments or a literal: bounded, a hint in strict mode only.
    const argv = cls('const q = new Query();\nq.query(process.argv.slice(2));\nnew Query().query([\'a\', \'b\']);\n');
    assert.deepEqual(await seen(argv, { only }), []);
    assert.deepEqual(await seen(argv, { only, strict: true }), [['accumulating-spread', 6, 13, 'hint']]);
    assert.match((await why(argv, { only, strict: true }))[0], /Every caller of `query\(\)` passes a collection fixed in size: `process\.argv` holds the few arguments of the command line\.$/);
    // `this.#all(...)` inside the class passes a file's lines on to `this.query(...)`: it grows.
    const lines = cls("new Query().one('x');\nnew Query().query(['a']);\n").replace('return this.#all([name]);', "return this.#all(fs.readFileSync(name, 'utf8').split('\\n'));");
    assert.deepEqual(await seen(lines, { only }), [['accumulating-spread', 6, 13, 'warning']]);
    assert.match((await why(lines, { only }))[0], /`queries` is a parameter of `query\(\)`; a caller passes one that grows \(line 14\): `names` is a parameter of `#all\(\)`; a caller passes one that grows \(line 11\): it splits the content of a file: as many items as the file has lines\.$/);
    // Callers that may not all be seen: an instance handed on, a local assigned again, a method read by a computed name.
    for (const unseen of ['const q = new Query();\nq.query([1]);\nmodule.exports = q;\n', 'let q = new Query();\nq.query([1]);\nq = null;\n', "const q = new Query();\nq.query([1]);\nq['qu' + 'ery']([2]);\n"]) {
      assert.deepEqual(await seen(cls(unseen), { only }), [['accumulating-spread', 6, 13, 'information']], unseen);
    }
    // A class expression's own name (`class Named`) can reach the methods too: not followed, so not all callers are seen.
    const named = cls('const q = new Query();\nq.query([1]);\n').replace('class Query {', 'const Query = class Named {').replace(/\n}\nconst q/, '\n};\nconst q');
    assert.deepEqual(await seen(named, { only }), [['accumulating-spread', 6, 13, 'information']]);
    // An exported class with no caller in sight: unknown, as before.
    assert.deepEqual(await seen(cls('', 'module.exports = Query;\n'), { only }), [['accumulating-spread', 6, 13, 'information']]);
    assert.doesNotMatch((await why(cls('', 'module.exports = Query;\n'), { only }))[0], /caller/);
  });

  it('collections: literals, module constants, split limits and the command line are bounded; a parameter no caller shows is unknown', async () => {
    const text = [
      "const NAMES = ['a', 'b', 'c'];",
      'function f(rows, s) {',
      '  const a = NAMES.filter((n) => n).map((n) => n.length);',
      "  const b = s.split('.', 2).map(Number).filter((n) => n > 0);",
      '  const c = process.argv.slice(2).filter((x) => x).map((x) => x.trim());',
      "  const d = Object.keys({ x: 1, y: 2 }).filter((k) => k).map((k) => k + '!');",
      '  const e = rows.filter((r) => r.ok).map((r) => r.id);',
      '  return [a, b, c, d, e];',
      '}',
      'module.exports = f;',
      '',
    ].join('\n');
    assert.deepEqual(await seen(text), [['chained-copies', 7, 18, 'hint']]);
    assert.deepEqual(await seen(text, { strict: true }), [
      ['chained-copies', 3, 19, 'hint'],
      ['chained-copies', 4, 29, 'hint'],
      ['chained-copies', 5, 35, 'hint'],
      ['chained-copies', 6, 41, 'hint'],
      ['chained-copies', 7, 18, 'hint'],
    ]);
    const messages = (await run(text, { strict: true })).map((f) => f.message.replace(/^.*needs none\. /, ''));
    assert.deepEqual(messages.slice(0, 4), [
      '`NAMES` is a module-level constant: it is a literal of 3 items.',
      '`split()` with a limit of 2 gives at most 2 items.',
      '`process.argv` holds the few arguments of the command line.',
      'It is a literal of 2 items.',
    ]);
  });

  it("collections that grow: a file's lines, a command's output, a parsed document, a stream", async () => {
    const text = [
      "const fs = require('fs');",
      "const { execSync } = require('child_process');",
      'function f(p) {',
      "  const a = fs.readFileSync(p, 'utf8').split('\\n').map((l) => l.trim()).filter(Boolean);",
      "  const b = execSync('git status', { encoding: 'utf8' }).split('\\n').map((l) => l.trim()).filter(Boolean);",
      "  const c = Object.entries(JSON.parse(fs.readFileSync(p, 'utf8'))).filter(([, v]) => v).map(([k]) => k);",
      '  return [a, b, c];',
      '}',
      'module.exports = f;',
      '',
    ].join('\n');
    assert.deepEqual(await seen(text, { only: 'chained-copies' }), [
      ['chained-copies', 4, 52, 'information'],
      ['chained-copies', 5, 70, 'information'],
      ['chained-copies', 6, 68, 'information'],
    ]);
    const messages = (await run(text, { only: 'chained-copies' })).map((f) => f.message.replace(/^.*needs none\. /, ''));
    assert.deepEqual(messages, [
      'It splits the content of a file: as many items as the file has lines.',
      "It is a command's output: as many items as the command prints.",
      'It is a parsed JSON document: as large as its input.',
    ]);
  });

  it('TypeScript: a parameter generic in its items, and a collection class iterating itself, grow', async () => {
    const text = [
      'export const sortBy = <A>(self: Iterable<A>, f: (a: A) => number): A[] => Array.from(self).map((a) => [a, f(a)] as const).sort((x, y) => x[1] - y[1]).map(([a]) => a);',
      'export class Bag<T> {',
      '  private items: T[] = [];',
      '  [Symbol.iterator](): Iterator<T> {',
      '    return this.items.filter((x) => x !== undefined).map((x) => x)[Symbol.iterator]();',
      '  }',
      '}',
      'export function names(users: readonly { name: string }[]): string[] {',
      '  return users.filter((u) => u.name).map((u) => u.name);',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await seen(text, { language: 'typescript' }), [
      ['chained-copies', 1, 75, 'information'],
      ['chained-copies', 5, 23, 'information'],
      ['chained-copies', 9, 16, 'hint'],
    ]);
    const messages = (await run(text, { language: 'typescript' })).map((f) => f.message.replace(/^.*(?:needs none|while it copies)\. /, ''));
    // The project's own calls do not bound an exported generic function: it takes any caller's collection.
    const called = text + 'export const two = sortBy([2, 1], (n) => n);\n';
    assert.deepEqual((await seen(called, { language: 'typescript' }))[0], ['chained-copies', 1, 75, 'information']);
    // An anonymous function says so.
    const anonymous = 'export const sortWith = dual(2, <A>(self: Iterable<A>, f: (a: A) => number): A[] => Array.from(self).map(f));\n';
    assert.match((await why(anonymous, { language: 'typescript' }))[0], /`self` is a parameter typed `Iterable<A>`, generic in its items: as large as the caller's collection\.$/);
    assert.deepEqual(messages.slice(0, 2), [
      "`self` is a parameter of `sortBy()` typed `Iterable<A>`, generic in its items: as large as the caller's collection.",
      "`this.items` holds the collection's own items (its class defines `[Symbol.iterator]`): as many as its users put in.",
    ]);
  });

  it('accumulating spreads: as large as the steps and what each adds; copy-on-write and error paths are not accumulations', async () => {
    const text = [
      "const fs = require('fs');",
      "const ROLES = ['root', 'targets', 'snapshot', 'timestamp'];",
      'function f(p, rows) {',
      "  const a = fs.readFileSync(p, 'utf8').split('\\n').reduce((acc, l) => [...acc, l.trim()], []);",
      '  const b = rows.reduce((acc, r) => ({ ...acc, [r.id]: r }), {});',
      '  const c = ROLES.reduce((acc, r) => ({ ...acc, [r]: [] }), {});',
      '  let d = rows.items;',
      '  for (const r of rows) {',
      '    if (d === rows.items) d = [...d];',
      '    d.push(r);',
      '  }',
      '  let e = [];',
      '  for (const r of rows) {',
      '    try {',
      '      r.close();',
      '    } catch (err) {',
      '      e = [...e, err];',
      '    }',
      '  }',
      '  return [a, b, c, d, e];',
      '}',
      'module.exports = f;',
      '',
    ].join('\n');
    const only = 'accumulating-spread';
    assert.deepEqual(await seen(text, { only }), [
      ['accumulating-spread', 4, 71, 'warning'],
      ['accumulating-spread', 5, 38, 'information'],
    ]);
    assert.deepEqual(await seen(text, { strict: true, only }), [
      ['accumulating-spread', 4, 71, 'warning'],
      ['accumulating-spread', 5, 38, 'information'],
      ['accumulating-spread', 6, 39, 'hint'],
      ['accumulating-spread', 17, 11, 'hint'],
    ]);
    const messages = (await run(text, { strict: true, only })).map((f) => f.message.replace(/^.*instead\. /, ''));
    assert.deepEqual([messages[0], messages[2], messages[3]], [
      'It splits the content of a file: as many items as the file has lines.',
      '`ROLES` is a module-level constant: it is a literal of 4 items.',
      'It runs in a `catch` block: once per failure, a few times.',
    ]);
    const unchanged = 'function g(tokens) {\n  for (let i = 0; i < tokens.length; i++) {\n    if (tokens[i] === "x") {\n      tokens = [...tokens];\n      tokens[i] = "y";\n    }\n  }\n  return tokens;\n}\n';
    assert.deepEqual(await seen(unchanged), []);
    assert.deepEqual(await seen(unchanged, { strict: true }), [['accumulating-spread', 4, 16, 'hint']]);
    assert.match((await run(unchanged, { strict: true }))[0].message, /^Copies `tokens` into a new array on every iteration without adding to it: a copy, not an accumulation\.$/);
  });

  it('hostile input does not hang: long caller chains, many module functions, deep nesting (generous bounds)', async () => {
    // 2,000 module functions, each passing its parameter to the next; the last one chains over it.
    const chain = Array.from({ length: 2000 }, (_, i) => `function f${i}(xs) { return f${i + 1}(xs); }`).join('\n') +
      '\nfunction f2000(xs) { return xs.filter((x) => x).map((x) => x); }\nf0(process.argv.slice(2));\n';
    // One module function called 500 levels deep (about as deep as the parser goes) around a chain over a parameter.
    const nested = 'const a = (x) => x;\nfunction g(rows) {\n  return ' + 'a('.repeat(500) + 'rows.filter((r) => r).map((r) => r)' + ')'.repeat(500) + ';\n}\ng([1, 2]);\n';
    // 5,000 references to one module constant, each one a question about its size.
    const many = "const NAMES = ['a', 'b'];\n" + Array.from({ length: 5000 }, (_, i) => `export const v${i} = NAMES.filter((n) => n).map((n) => n + ${i});`).join('\n') + '\n';
    for (const [name, text] of [['chain', chain], ['nested', nested], ['many', many]] as const) {
      const started = Date.now();
      assert.equal((await run(text, { strict: true })).length > 0, true, `${name}: findings`);
      const ms = Date.now() - started;
      assert.ok(ms < 30_000, `${name}: ${ms} ms`);
      if (process.env.MEMLINT_TIMES) console.log(`${name}: ${ms} ms`);
    }
  });

  it('test code is one level lower', async () => {
    assert.deepEqual(await seen(loop('p'), { file: '/repo/test/a.test.js' }), [['whole-file-read', 4, 22, 'information']]);
  });

  it('a loop over the lines that keeps an item for every line is one level lower, and says why', async () => {
    const kept = (body: string, path = 'file') =>
      `const fs = require('fs');\nfunction f(file) {\n  const out = [];\n  for (const line of fs.readFileSync(${path}, 'utf8').split('\\n')) {\n${body}\n  }\n  return out;\n}\nmodule.exports = f;\n`;
    const level = async (text: string) => (await seen(text, { only: 'whole-file-read' })).map((f) => f[3]);
    assert.deepEqual(await level(kept('    out.push(line);')), ['information']);
    assert.deepEqual(await level(kept("    out.push(line);", "'app.log'")), ['hint']);
    assert.deepEqual(await level(kept('    if (!line) continue;\n    const [k, v] = line.split(\'=\');\n    out.push({ k, v });')), ['information']);
    assert.deepEqual(await level(kept("    for (const word of line.split(' ')) out.push(word);")), ['information']);
    assert.match((await why(kept('    out.push(line);'), { only: 'whole-file-read' }))[0], /`out` gets an item for every line: memory grows with the file either way, and streaming saves only the copy of the whole text\.$/);
    // Lines that can be skipped, a loop that can stop, an array made anew each pass, keys that collapse: the path's level.
    for (const body of [
      "    if (line.includes('ERROR')) out.push(line);",
      "    if (line.startsWith('#')) continue;\n    out.push(line);",
      '    out.push(line);\n    if (out.length === 3) break;',
      '    const out2 = [];\n    out2.push(line);',
      '    out[line] = true;',
    ]) {
      assert.deepEqual(await level(kept(body)), ['warning'], body);
    }
    const mapped = "const fs = require('fs');\nmodule.exports = (file) => fs.readFileSync(file, 'utf8').split('\\n').map((l) => l.length);\n";
    assert.deepEqual(await level(mapped), ['information']);
    assert.match((await why(mapped, { only: 'whole-file-read' }))[0], /The array `map\(\)` builds gets an item for every line/);
  });
});
