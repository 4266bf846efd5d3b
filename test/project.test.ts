// Findings that follow the data across functions and modules, as `memlint check` reports them: the story's
// service (examples/service) split over modules, and what changes when a helper in another file changes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packProbes, unpackProbes } from '../src/core/probes';
import { ProjectIndex, type LanguageIndexer, type ProjectFiles } from '../src/core/project';
import { importedFiles, resolveModule } from '../src/rules/javascript/shared/modules';
import { ROOT } from './support/paths';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const SERVICE = path.join(ROOT, 'examples', 'service');

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
  related: { file: string; line: number; message: string }[];
  fixes: { title: string; safety: string }[];
}

function check(args: string[], cwd: string): { code: number | null; findings: JsonFinding[]; err: string } {
  const res = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { code: res.status, findings: JSON.parse(res.stdout || '[]') as JsonFinding[], err: res.stderr };
}

function copyService(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-service-'));
  for (const f of fs.readdirSync(SERVICE)) if (f.endsWith('.py')) fs.copyFileSync(path.join(SERVICE, f), path.join(dir, f));
  return dir;
}

const brief = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity}`;

describe('findings across functions and modules (examples/service)', () => {
  it('finds every whole read of the story, each at warning or information, with the chain as related locations', () => {
    const { code, findings, err } = check(['.'], SERVICE);
    assert.equal(code, 1, err);
    assert.deepEqual(findings.map(brief), [
      'logfiles.py:7:21 readlines-for-tail warning',
      'logfiles.py:14:16 full-read-for-prefix warning',
      'logfiles.py:23:16 whole-file-read warning',
      'logfiles.py:30:17 whole-file-read warning',
      'logfiles.py:39:5 list-accumulation information',
      'upload.py:16:19 whole-file-read warning',
    ]);
    const parse = findings.find((f) => f.file === 'upload.py')!;
    assert.equal(
      parse.message,
      'The whole file is read into `content` only to be processed line by line: `find_section_headers()` loops over its lines (sections.py:10) and ' +
        '`extract_section()` loops over its lines (sections.py:21). Stream the file instead, once per pass (2 passes). ' +
        '`file_path` is a parameter of `parse_file_content`; `process_uploaded_file()` passes one that grows (upload.py:26): ' +
        'the path comes from the command line: the file is whatever the user names.',
    );
    assert.deepEqual(
      parse.related.map((r) => `${r.file}:${r.line} ${r.message}`),
      [
        'upload.py:18 `content` is passed to `find_section_headers()` here',
        'sections.py:10 `find_section_headers()` loops over its lines here',
        'upload.py:19 `content` is passed to `extract_section()` here',
        'sections.py:21 `extract_section()` loops over its lines here',
      ],
    );
    const list = findings.find((f) => f.rule === 'list-accumulation')!;
    assert.match(list.message, /each caller in upload\.py iterates it once/);
    assert.deepEqual(list.related.map((r) => `${r.file}:${r.line}`), ['upload.py:31']);
    const count = findings.find((f) => f.line === 23)!;
    assert.deepEqual(count.related.map((r) => `${r.file}:${r.line} ${r.message}`), [
      'logfiles.py:24 `text` is passed to `count_words()` here',
      'logfiles.py:18 `count_words()` counts in it here',
    ]);
  });

  it('checking one file still sees the modules around it', () => {
    const { findings } = check(['upload.py'], SERVICE);
    assert.deepEqual(findings.map(brief), ['upload.py:16:19 whole-file-read warning']);
    const helpers = check(['logfiles.py'], SERVICE).findings;
    assert.ok(helpers.some((f) => f.rule === 'list-accumulation'), 'the caller in upload.py is seen');
  });

  it('a change in the helper module changes the finding in the module that uses it', () => {
    const dir = copyService();
    const sections = path.join(dir, 'sections.py');
    // find_section_headers now needs the whole text (it indexes it): the read is needed whole, no finding.
    fs.writeFileSync(sections, fs.readFileSync(sections, 'utf8').replace('for line in content.split("\\n"):', 'for line in content.split("\\n")[1:]:'));
    assert.deepEqual(check(['upload.py'], dir).findings.map(brief), []);
    // A caller in another module that keeps the list: read_lines() is no longer reported.
    const upload = path.join(dir, 'upload.py');
    fs.writeFileSync(upload, fs.readFileSync(upload, 'utf8').replace('for line in read_lines(path):', 'for line in read_lines(path)[1:]:'));
    assert.ok(!check(['logfiles.py'], dir).findings.some((f) => f.rule === 'list-accumulation'));
  });

  it('a function that returns a whole read is reported at the read when every caller streams it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-returned-'));
    fs.writeFileSync(path.join(dir, 'store.py'), 'def load(path):\n    return open(path).read()\n');
    fs.writeFileSync(path.join(dir, 'report.py'), 'from store import load\n\n\ndef errors(path):\n    return [l for l in load(path).splitlines() if "ERROR" in l]\n');
    const { findings } = check(['.'], dir);
    assert.deepEqual(findings.map(brief), ['store.py:2:12 whole-file-read warning']);
    assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.line} ${r.message}`), [
      'report.py:5 `load()` returns it here',
      'report.py:5 `errors()` loops over its lines here',
    ]);
    // Another caller that parses the whole text: the read is needed whole.
    fs.writeFileSync(path.join(dir, 'config.py'), 'import json\nfrom store import load\n\n\ndef settings(path):\n    return json.loads(load(path))\n');
    assert.deepEqual(check(['.'], dir).findings.map(brief), []);
  });
});

describe('the case study fixed (examples/service)', function () {
  this.timeout(120_000);

  /** `python3 upload.py LOG` in `dir` under the tracker: what it printed, and its peak. */
  function tracked(dir: string, log: string): { out: string; peakKiB: number } {
    const res = spawnSync(process.execPath, [CLI, 'run', '--no-history', '--format', 'json', '--', 'python3', 'upload.py', log], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(res.status, 0, res.stderr);
    const lines = res.stdout.trimEnd().split('\n');
    const report = JSON.parse(lines.pop()!) as { peakKiB: number };
    return { out: lines.join('\n'), peakKiB: report.peakKiB };
  }

  it('check --fix --unsafe-fixes fixes all 6 findings; the output stays the same and the peak no longer grows with the log', () => {
    const before = copyService();
    const after = copyService();
    const fixed = spawnSync(process.execPath, [CLI, 'check', '--fix', '--unsafe-fixes', '.'], { cwd: after, encoding: 'utf8' });
    assert.equal(fixed.stdout, 'Fixed 6 problems. No problems found.\n', fixed.stderr);
    assert.match(fs.readFileSync(path.join(after, 'logfiles.py'), 'utf8'), /\n    for line in _stream_split\(open\(path\), "\\n"\):\n/);
    // 30 MB: the original holds the text, its lines and the list (about 3 times the log), the fixed code a line.
    const log = path.join(before, 'big.log');
    const made = spawnSync('python3', [path.join(ROOT, 'examples', 'generate_log.py'), '30', log], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const original = tracked(before, log);
    const streamed = tracked(after, log);
    assert.equal(streamed.out, original.out);
    assert.match(original.out, /^statuses: \{'#==': \d+, '200': \d+, '500': \d+\}$/m);
    // Generous: on 30 MB the interpreter's own 10-15 MB weigh; on 200 MB the drop is 97 % (README).
    assert.ok(streamed.peakKiB < original.peakKiB * 0.3, `peak ${streamed.peakKiB} KiB after, ${original.peakKiB} KiB before`);
    fs.rmSync(before, { recursive: true, force: true });
    fs.rmSync(after, { recursive: true, force: true });
  });
});

describe('findings across JavaScript/TypeScript modules', () => {
  const TEXT_TS = [
    "import { readFileSync } from 'node:fs';",
    '',
    'export function headers(text: string): string[] {',
    '  const found: string[] = [];',
    "  for (const line of text.split('\\n')) if (line.startsWith('#')) found.push(line);",
    '  return found;',
    '}',
    '',
    'export function load(file: string): string {',
    "  return readFileSync(file, 'utf8');",
    '}',
    '',
    'export function words(rows: string[]): number {',
    "  return rows.filter((r) => r !== '').map((r) => r.length).reduce((a, b) => a + b, 0);",
    '}',
    '',
    "export const ROLES = ['root', 'targets', 'snapshot', 'timestamp'];",
    '',
  ].join('\n');
  const MAIN_TS = [
    "import { readFileSync } from 'node:fs';",
    "import { headers, load, words, ROLES } from './lib/index.js';",
    '',
    'export function report(file: string): string[] {',
    "  const text = readFileSync(file, 'utf8');",
    '  return headers(text);',
    '}',
    '',
    'export function errors(file: string): string[] {',
    "  return load(file).split('\\n').filter((l) => l.includes('ERROR')).map((l) => l.trim());",
    '}',
    '',
    'export const slots = ROLES.reduce((acc, r) => ({ ...acc, [r]: 0 }), {});',
    '',
    'const args = process.argv.slice(2);',
    'report(args[0]);',
    "console.log(words(readFileSync(args[1], 'utf8').split('\\n')));",
    '',
  ].join('\n');

  /** A generated package: a module imported through a barrel (`lib/index.ts` re-exports `lib/text.ts`), used by main.ts. */
  function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-js-project-'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'lib', 'text.ts'), TEXT_TS);
    fs.writeFileSync(path.join(dir, 'lib', 'index.ts'), "export * from './text';\n");
    fs.writeFileSync(path.join(dir, 'main.ts'), MAIN_TS);
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "demo", "private": true }\n');
    return dir;
  }

  const steps = (f: JsonFinding) => f.related.map((r) => `${path.basename(r.file)}:${r.line} ${r.message}`);

  it('follows reads through calls, returns and re-exports, with each step as a related location; sizes come from callers in other modules', () => {
    const dir = project();
    const { findings, err } = check(['.'], dir);
    assert.deepEqual(findings.map(brief), [
      'lib/text.ts:10:10 whole-file-read warning',
      'lib/text.ts:14:15 chained-copies information',
      'main.ts:5:16 whole-file-read warning',
      'main.ts:10:33 chained-copies information',
      'main.ts:17:19 whole-file-read warning',
    ], err);
    const [returned, words, passed, , inline] = findings;
    assert.equal(
      passed.message,
      '`readFileSync` reads the whole file into memory only to process it line by line: `headers()` loops over its lines (text.ts:5). Stream the lines instead. ' +
        '`file` is a parameter of `report()`; a caller passes one that grows (line 16): the path comes from the command line: the file is whatever the user names.',
    );
    assert.deepEqual(steps(passed), ['main.ts:6 `text` is passed to `headers()` here', 'text.ts:5 `headers()` loops over its lines here']);
    assert.deepEqual(steps(returned), ['main.ts:10 `load()` returns it here', 'main.ts:10 `errors()` loops over its lines here']);
    assert.deepEqual(steps(inline), ['main.ts:17 the content is passed to `words()` here', 'text.ts:14 `words()` loops over its lines here']);
    assert.match(words.message, /`rows` is a parameter of `words\(\)`; a caller passes one that grows \(main\.ts:17\): it splits the content of a file: as many items as the file has lines\.$/);
    // The spread over ROLES, a constant of lib/text.ts imported through the barrel, is bounded: quiet.
    assert.ok(!findings.some((f) => f.rule === 'accumulating-spread'));
    assert.deepEqual(check(['--strict', '.'], dir).findings.filter((f) => f.rule === 'accumulating-spread').map(brief), ['main.ts:13:48 accumulating-spread hint']);
  });

  it('checking one file still sees the modules around it (up to its package.json)', () => {
    const dir = project();
    assert.deepEqual(check(['lib/text.ts'], dir).findings.map(brief), ['lib/text.ts:10:10 whole-file-read warning', 'lib/text.ts:14:15 chained-copies information']);
  });

  it('a change in the helper module changes the finding in the module that uses it', () => {
    const dir = project();
    // headers() now keeps the lines it is given: the content is needed whole, no finding at the read.
    const text = path.join(dir, 'lib', 'text.ts');
    fs.writeFileSync(text, fs.readFileSync(text, 'utf8').replace("for (const line of text.split('\\n')) if (line.startsWith('#')) found.push(line);", "found.push(...text.split('\\n'));"));
    assert.deepEqual(check(['main.ts'], dir).findings.map(brief), ['main.ts:10:33 chained-copies information', 'main.ts:17:19 whole-file-read warning']);
  });

  it("a class method's parameter is as large as what callers in other modules pass: require or import, `new C().m()` or a local holding `new C()`", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-js-methods-'));
    fs.mkdirSync(path.join(dir, 'lib'));
    const accumulate = (method: string) => `  ${method}(queries) {\n    let res = {};\n    for (const q of queries) {\n      res = { ...res, [q]: true };\n    }\n    return res;\n  }\n`;
    // CommonJS: the class is module.exports; one caller passes a directory walk.
    fs.writeFileSync(path.join(dir, 'lib', 'queryable.js'), `class Queryable {\n${accumulate('query')}}\nmodule.exports = Queryable;\n`);
    // ES modules: a class one caller hands a directory walk, another class whose only caller passes the command line.
    fs.writeFileSync(path.join(dir, 'lib', 'store.ts'), `export class Store {\n${accumulate('add')}}\nexport class Flags {\n${accumulate('add')}}\n`);
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import * as fs from 'node:fs';",
        "import { Flags, Store } from './lib/store';",
        "const Queryable = require('./lib/queryable');",
        '',
        "const names = fs.readdirSync(process.argv[2], { recursive: true }) as string[];",
        'new Queryable().query(process.argv.slice(2));',
        'const queryable = new Queryable();',
        'queryable.query(names);',
        'const store = new Store();',
        'store.add(names);',
        'new Flags().add(process.argv.slice(2));',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "demo", "private": true }\n');
    const { findings, err } = check(['.'], dir);
    assert.deepEqual(findings.map(brief), [
      'lib/queryable.js:5:13 accumulating-spread warning',
      'lib/store.ts:5:13 accumulating-spread warning',
      'lib/store.ts:14:13 accumulating-spread information',
    ], err);
    assert.match(findings[0].message, /`queries` is a parameter of `query\(\)`; a caller passes one that grows \(main\.ts:8\): it walks a directory tree: as many items as files there\.$/);
    assert.match(findings[1].message, /`queries` is a parameter of `add\(\)`; a caller passes one that grows \(main\.ts:10\): it walks a directory tree: as many items as files there\.$/);
    // An exported class may have callers the project does not show: the command line passed here does not make it bounded.
    assert.equal(findings[2].message, 'Spreads `res` into a new object on every iteration: O(n²) time and garbage; assign into it instead.');
  });
});

describe('JavaScript/TypeScript modules as files', () => {
  const files = new Set(['/p/a.ts', '/p/lib/index.js', '/p/lib/util.mjs', '/p/b.cjs', '/p/types.d.ts']);
  const exists = (f: string) => files.has(f);
  const project = { read: () => undefined, exists, list: () => files };

  it('resolves relative specifiers as Node and TypeScript do: extensions, a `.js` naming a `.ts`, index files; not packages', () => {
    assert.equal(resolveModule('/p/main.js', './a', exists), '/p/a.ts');
    assert.equal(resolveModule('/p/main.js', './a.js', exists), '/p/a.ts');
    assert.equal(resolveModule('/p/main.js', './lib', exists), '/p/lib/index.js');
    assert.equal(resolveModule('/p/lib/index.js', './util', exists), '/p/lib/util.mjs');
    assert.equal(resolveModule('/p/lib/index.js', '../b.cjs', exists), '/p/b.cjs');
    assert.equal(resolveModule('/p/main.js', './types', exists), undefined, 'declaration files hold no code');
    assert.equal(resolveModule('/p/main.js', 'lodash', exists), undefined);
  });

  it('reads imports, re-exports, require and import() from the text, in one linear pass', () => {
    const text = "import a from './a';\nexport * from './lib';\nconst b = require( '../p/b.cjs' );\nconst u = await import('./lib/util.mjs');\nimport 'lodash';\n";
    assert.deepEqual(importedFiles(text, '/p/main.js', project).sort(), ['/p/a.ts', '/p/b.cjs', '/p/lib/index.js', '/p/lib/util.mjs']);
    // Hostile text: long runs of blanks after every keyword, no quote. Generous bound: it must not hang.
    const hostile = ('from' + ' '.repeat(50_000) + '(' + ' '.repeat(50_000)).repeat(20);
    const started = Date.now();
    assert.deepEqual(importedFiles(hostile, '/p/main.js', project), []);
    assert.ok(Date.now() - started < 5_000);
  });
});

/** A project held in memory: its files' texts by path (a file added to `texts` later is there too). */
function inMemory(texts: Record<string, string>): ProjectFiles {
  return { read: (f) => texts[f], exists: (f) => f in texts, list: () => Object.keys(texts) };
}

describe('project index: summaries a rule already computed, cheap text tests', () => {
  const texts: Record<string, string> = { '/p/a.js': 'export function load(p) {}\n', '/p/b.js': "import { load } from './a';\nload(1);\n" };
  const files = inMemory(texts);
  let summarized: string[];
  const indexer: LanguageIndexer = {
    family: 'javascript',
    owns: (f) => f.endsWith('.js'),
    summarize: (_text, file) => {
      summarized.push(file);
      return { of: file };
    },
    imports: () => [],
  };
  beforeEach(() => (summarized = []));

  it('keeps the summary of the linted text when it is what the index reads, and only then', () => {
    const index = new ProjectIndex(files, [indexer]);
    index.view('/p/a.js').remember!(texts['/p/a.js'], { of: 'a, from the rule' });
    index.view('/p/b.js').remember!('an unsaved edit', { of: 'b, stale' });
    assert.deepEqual(index.view('/p/c.js').summary('/p/a.js'), { of: 'a, from the rule' });
    assert.deepEqual(index.view('/p/c.js').summary('/p/b.js'), { of: '/p/b.js' });
    assert.deepEqual(summarized, ['/p/b.js']);
  });

  it('says whether a file mentions a word, without summarising it', () => {
    const view = new ProjectIndex(files, [indexer]).view('/p/a.js');
    assert.equal(view.mentions!('/p/b.js', 'load'), true);
    assert.equal(view.mentions!('/p/b.js', 'save'), false);
    assert.deepEqual(summarized, []);
  });
});

describe("project index: the scan kept for the next run", () => {
  const texts: Record<string, string> = { '/p/pkg/a.py': 'import b\n', '/p/pkg/b.py': '' };
  const files = inMemory(texts);
  let scanned: string[];
  const indexer: LanguageIndexer = {
    family: 'python',
    owns: (f) => f.endsWith('.py'),
    summarize: () => ({}),
    // `import b` looks beside the file, then at the root: both answers are kept with the file's imports.
    imports: (text, file, project) => {
      scanned.push(file);
      if (!text.includes('import b')) return [];
      return ['/p/pkg/b.py', '/p/b.py'].filter((f) => project.exists(f));
    },
  };
  beforeEach(() => (scanned = []));

  it('packs exists() answers relative to the file, and gives them back as they were', () => {
    const existed = { '/p/pkg/b.py': true, '/p/b.py': false, '/other/x\ny.py': false, '/p/pkg': false };
    const packed = packProbes('/p/pkg/a.py', existed);
    assert.equal(packed, '+.b.py\0-.../b.py\0-.../../other/x\ny.py\0-=/p/pkg');
    assert.deepEqual(Object.fromEntries(unpackProbes('/p/pkg/a.py', packed)), existed);
    assert.deepEqual([...unpackProbes('/p/pkg/a.py', '')], []);
  });

  it("reuses a file's imports while its text and every answer hold, and scans it again when a file it looked for appears", () => {
    const first = new ProjectIndex(files, [indexer]);
    const kept = first.scannedFiles(true);
    assert.deepEqual(scanned.sort(), ['/p/pkg/a.py', '/p/pkg/b.py']);
    assert.deepEqual(kept.find((f) => f[0] === '/p/pkg/a.py'), ['/p/pkg/a.py', kept[0][1], ['/p/pkg/b.py'], '+.b.py\0-.../b.py']);

    scanned = [];
    const again = new ProjectIndex(files, [indexer]);
    again.reuseScan(kept);
    assert.deepEqual(again.importers('/p/pkg/b.py').files, ['/p/pkg/a.py']);
    assert.deepEqual(scanned, []);
    assert.equal(again.scanChanged, false);

    texts['/p/b.py'] = '';
    try {
      const after = new ProjectIndex(files, [indexer]);
      after.reuseScan(kept);
      assert.deepEqual(after.importers('/p/b.py').files, ['/p/pkg/a.py']);
      assert.deepEqual(scanned, ['/p/pkg/a.py', '/p/b.py']);
      assert.equal(after.scanChanged, true);
    } finally {
      delete texts['/p/b.py'];
    }
  });

  it("adopts a scan copied from another thread (each path a copy of its own): the same importers as the thread's that made it", () => {
    const made = new ProjectIndex(files, [indexer]);
    const adopted = new ProjectIndex(files, [indexer]);
    adopted.adoptScan(structuredClone(made.scannedFiles()));
    scanned = [];
    assert.deepEqual(adopted.importers('/p/pkg/b.py'), made.importers('/p/pkg/b.py'));
    assert.deepEqual(adopted.importers('/p/pkg/b.py').files, ['/p/pkg/a.py']);
    assert.deepEqual(adopted.importers('/p/pkg/a.py').files, []);
    assert.deepEqual(scanned, [], 'nothing is scanned again');
  });
});

describe('test code', () => {
  it('is one level lower unless --tests-as-source', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-tests-'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests', 'helpers.py'), 'def lines(path):\n    with open(path) as f:\n        return [l for l in f.readlines() if l.strip()]\n');
    assert.deepEqual(check(['.'], dir).findings.map(brief), ['tests/helpers.py:3:28 whole-file-read information']);
    assert.deepEqual(check(['--tests-as-source', '.'], dir).findings.map(brief), ['tests/helpers.py:3:28 whole-file-read warning']);
  });
});
