// Findings that follow the data across functions and modules, as `memlint check` reports them: the story's
// service (examples/service) split over modules, and what changes when a helper in another file changes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

describe('test code', () => {
  it('is one level lower unless --tests-as-source', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-tests-'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests', 'helpers.py'), 'def lines(path):\n    with open(path) as f:\n        return [l for l in f.readlines()]\n');
    assert.deepEqual(check(['.'], dir).findings.map(brief), ['tests/helpers.py:3:28 whole-file-read information']);
    assert.deepEqual(check(['--tests-as-source', '.'], dir).findings.map(brief), ['tests/helpers.py:3:28 whole-file-read warning']);
  });
});
