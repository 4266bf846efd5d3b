// The field study's harness (npm run field) on a tiny corpus generated here: scanning, verdict matching after the
// code moved, precision, and what a human sees for unjudged findings. The real corpus is never downloaded in tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePolicy } from '../bench/field/install';
import { falsePositiveReasons, precisionByRule, tally } from '../bench/field/precision';
import { unjudgedList, verdictTemplate } from '../bench/field/report';
import { extraFindings, MAX_LINE_CHARS, scanProject, type FieldFinding } from '../bench/field/scan';
import { loadVerdicts, matchVerdicts, type Verdict } from '../bench/field/verdicts';
import { normalize } from '../src/core/settings';

const TAIL_PY = 'def tail(path):\n    with open(path) as f:\n        return f.readlines()[-10:]\n';
const SUM_PY = 'def total(xs):\n    return sum([x * x for x in xs])\n';
const LOAD_PY = 'def load(path):\n    with open(path) as f:\n        return f.read()\n';
const SPREAD_JS = 'export const f = (xs) => xs.reduce((acc, x) => [...acc, x], []);\n';

const made: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-field-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const finding = (file: string, line: number, rule: string, severity: FieldFinding['severity'], snippet: string, column = 5): FieldFinding => ({
  file, line, column, rule, severity, message: 'm', snippet,
});
const verdict = (file: string, line: number, rule: string, v: 'TP' | 'FP', snippet?: string): Verdict => ({
  file, line, rule, verdict: v, reason: `${v} reason`, ...(snippet === undefined ? {} : { snippet }),
});

describe('field study harness', () => {
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('scans a project as memlint check does: project-relative paths, family/rule ids, snippets, minified files left out', async () => {
    const dir = tree({
      'pkg/a.py': TAIL_PY + '\n\n' + SUM_PY,
      'pkg/sub/b.js': SPREAD_JS,
      'pkg/c.py': LOAD_PY,
      'pkg/bundle.js': `var a=[1].map(String).filter(Boolean);${' '.repeat(MAX_LINE_CHARS)}\n`,
      'pkg/lib.min.js': 'var a=[1].map(String).filter(Boolean);\n',
      'pkg/node_modules/dep/x.py': TAIL_PY,
      'other/d.py': TAIL_PY,
    });
    const { stats, findings } = await scanProject('demo', path.join(dir, 'pkg'), ['.'], [normalize({}), normalize({ strict: true })]);
    assert.deepEqual(stats, { files: 3, lines: 11, skipped: 2, unreadable: 0, syntaxErrors: 0, ruleErrors: [] });
    assert.deepEqual(
      findings[0].map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity} | ${f.snippet}`),
      [
        'demo/a.py:3:16 python/readlines-for-tail warning | return f.readlines()[-10:]',
        'demo/a.py:7:16 python/chained-copies hint | return sum([x * x for x in xs])',
        'demo/sub/b.js:1:48 javascript/accumulating-spread information | export const f = (xs) => xs.reduce((acc, x) => [...acc, x], []);',
      ],
    );
    assert.deepEqual(
      extraFindings(findings[0], findings[1]).map((f) => `${f.file}:${f.line} ${f.rule} ${f.severity}`),
      ['demo/c.py:3 python/whole-file-read hint'],
    );
    await assert.rejects(scanProject('demo', dir, ['missing'], [normalize({})]), /^Error: demo: .*missing: no such file or folder$/);
  });

  it('matches verdicts on their line, and by snippet when the code moved (nearest first); stale ones are reported', () => {
    const findings = [
      finding('p/a.py', 12, 'python/whole-file-read', 'warning', 'data = f.read()'), // was line 10
      finding('p/a.py', 40, 'python/whole-file-read', 'warning', 'data = f.read()'), // was line 30
      finding('p/a.py', 50, 'python/chained-copies', 'information', 'sum([x for x in xs])'),
      finding('p/b.js', 7, 'javascript/chained-copies', 'information', 'xs.filter(f).map(g)'),
      finding('p/b.js', 9, 'javascript/chained-copies', 'information', 'ys.filter(f).map(g)'),
    ];
    const verdicts = [
      verdict('p/a.py', 30, 'python/whole-file-read', 'FP', 'data = f.read()'),
      verdict('p/a.py', 10, 'python/whole-file-read', 'TP', 'data = f.read()'),
      verdict('p/a.py', 50, 'python/chained-copies', 'FP'), // no snippet: judged on its line only
      verdict('p/b.js', 3, 'javascript/chained-copies', 'TP'), // moved, no snippet: cannot follow
      verdict('p/b.js', 9, 'javascript/chained-copies', 'FP', 'zs.filter(f).map(g)'), // same line, other code
      verdict('p/gone.py', 1, 'python/whole-file-read', 'TP', 'x'),
    ];
    const { matched, stale } = matchVerdicts(findings, verdicts);
    assert.deepEqual(
      matched.map((m) => `${m.finding.file}:${m.finding.line} ${m.verdict?.verdict ?? '-'}${m.moved ? ' moved' : ''}`),
      ['p/a.py:12 TP moved', 'p/a.py:40 FP moved', 'p/a.py:50 FP', 'p/b.js:7 -', 'p/b.js:9 -'],
    );
    assert.deepEqual(stale.map((v) => `${v.file}:${v.line}`), ['p/b.js:3', 'p/b.js:9', 'p/gone.py:1']);
  });

  it('one verdict judges every finding of its rule on its line; a column tells two apart', () => {
    const findings = [
      finding('p/a.js', 4, 'javascript/chained-copies', 'information', 'a.map(f).filter(g); b.map(f).filter(g)', 1),
      finding('p/a.js', 4, 'javascript/chained-copies', 'information', 'a.map(f).filter(g); b.map(f).filter(g)', 21),
      finding('p/a.js', 8, 'javascript/chained-copies', 'information', 'c.map(f).filter(g); d.map(f).filter(g)', 1),
      finding('p/a.js', 8, 'javascript/chained-copies', 'information', 'c.map(f).filter(g); d.map(f).filter(g)', 21),
    ];
    const { matched } = matchVerdicts(findings, [
      verdict('p/a.js', 4, 'javascript/chained-copies', 'FP'),
      { ...verdict('p/a.js', 8, 'javascript/chained-copies', 'TP'), column: 21 },
    ]);
    assert.deepEqual(matched.map((m) => m.verdict?.verdict ?? '-'), ['FP', 'FP', '-', 'TP']);
  });

  it('computes precision per rule at information+ and warning+ over judged findings only', () => {
    const findings = [
      finding('p/a.py', 1, 'python/whole-file-read', 'warning', 'a'),
      finding('p/a.py', 2, 'python/whole-file-read', 'warning', 'b'),
      finding('p/a.py', 3, 'python/whole-file-read', 'information', 'c'),
      finding('p/a.py', 4, 'python/whole-file-read', 'hint', 'd'),
      finding('p/a.py', 5, 'python/chained-copies', 'information', 'e'),
      finding('p/a.py', 6, 'python/chained-copies', 'information', 'f'),
    ];
    const { matched } = matchVerdicts(findings, [
      verdict('p/a.py', 1, 'python/whole-file-read', 'TP'),
      verdict('p/a.py', 2, 'python/whole-file-read', 'FP'),
      verdict('p/a.py', 3, 'python/whole-file-read', 'TP'),
      verdict('p/a.py', 4, 'python/whole-file-read', 'FP'),
      verdict('p/a.py', 5, 'python/chained-copies', 'FP'),
    ]);
    const rows = precisionByRule(matched);
    assert.deepEqual(rows.map((r) => r.rule), ['python/chained-copies', 'python/whole-file-read', 'all']);
    assert.deepEqual(rows[0].infoPlus, { findings: 2, judged: 1, tp: 0, fp: 1, precision: 0 });
    assert.deepEqual(rows[0].warningPlus, { findings: 0, judged: 0, tp: 0, fp: 0, precision: null });
    assert.deepEqual(rows[1].infoPlus, { findings: 3, judged: 3, tp: 2, fp: 1, precision: 2 / 3 });
    assert.deepEqual(rows[1].warningPlus, { findings: 2, judged: 2, tp: 1, fp: 1, precision: 0.5 });
    assert.deepEqual(rows[2].infoPlus, { findings: 5, judged: 4, tp: 2, fp: 2, precision: 0.5 });
    assert.deepEqual(tally(matched, 'hint'), { findings: 6, judged: 5, tp: 2, fp: 3, precision: 0.4 });
    // The hint's verdict does not count among the reasons (information and above only).
    assert.deepEqual(falsePositiveReasons(matched), [
      { rule: 'python/chained-copies', reason: 'FP reason', count: 1 },
      { rule: 'python/whole-file-read', reason: 'FP reason', count: 1 },
    ]);
  });

  it('lists unjudged findings for a human, and as verdict entries to fill in', () => {
    const f = { ...finding('p/a.py', 3, 'python/readlines-for-tail', 'warning', 'return f.readlines()[-10:]', 16), message: 'Every line is read.' };
    assert.equal(unjudgedList([{ finding: f }]), 'p/a.py:3:16 python/readlines-for-tail warning Every line is read.\n    return f.readlines()[-10:]');
    const template = verdictTemplate([{ finding: f }]);
    assert.equal(
      template,
      '[\n  {"file":"p/a.py","line":3,"rule":"python/readlines-for-tail","verdict":"","reason":"","snippet":"return f.readlines()[-10:]"}\n]\n',
    );
  });

  it('loads verdicts and names the bad entry', () => {
    const dir = tree({
      'good.json': JSON.stringify([verdict('p/a.py', 3, 'python/whole-file-read', 'TP', 'x')]),
      'bad.json': JSON.stringify([{ file: 'p/a.py', line: 3, rule: 'python/whole-file-read', verdict: 'maybe', reason: '' }]),
    });
    assert.equal(loadVerdicts(path.join(dir, 'good.json')).length, 1);
    assert.deepEqual(loadVerdicts(path.join(dir, 'none.json')), []);
    assert.throws(() => loadVerdicts(path.join(dir, 'bad.json')), /verdict 0 needs file, line, rule, verdict \("TP" or "FP"\) and reason/);
  });

  it("reads apt-cache policy: the candidate, and the versions an archive still serves (not dpkg's installed copy)", () => {
    const policy = [
      'libpython3.11-stdlib:',
      '  Installed: 3.11.2-6+deb12u6',
      '  Candidate: 3.11.2-6+deb12u9',
      '  Version table:',
      '     3.11.2-6+deb12u9 500',
      '        500 http://archive.invalid/debian-security bookworm-security/main amd64 Packages',
      '     3.11.2-6+deb12u8 500',
      '        500 http://archive.invalid/debian bookworm/main amd64 Packages',
      ' *** 3.11.2-6+deb12u6 100',
      '        100 /var/lib/dpkg/status',
      '',
    ].join('\n');
    assert.deepEqual(parsePolicy(policy), { candidate: '3.11.2-6+deb12u9', downloadable: ['3.11.2-6+deb12u9', '3.11.2-6+deb12u8'] });
    assert.deepEqual(parsePolicy('python3-x:\n  Installed: (none)\n  Candidate: (none)\n  Version table:\n'), { candidate: undefined, downloadable: [] });
  });
});
