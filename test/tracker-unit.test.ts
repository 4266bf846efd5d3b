// The tracker's pure parts: the tree-sum estimate, placing the peak, faulthandler parsing, source maps, history, words.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeEnd, exitStatus, formatChange, formatMb, summaryLine } from '../src/tracker/format';
import { compareWithPrevious, historyKey, readHistory, recordRun, RUNS_PER_SCRIPT, type PastRun } from '../src/tracker/history';
import { MaxSeries, pickLocation, type StackSample } from '../src/tracker/locate';
import { ProfileLocator, userFileOfUrl, type CpuProfile } from '../src/tracker/nodeStacks';
import { estimateSum, type Reading } from '../src/tracker/poller';
import { assertProcAvailable } from '../src/tracker/proc';
import { SampleStream } from '../src/tracker/pythonStacks';
import { RecordReader } from '../src/tracker/records';
import { SourceMap } from '../src/tracker/sourcemap';
import { makeReport } from './support/report';
import type { TrackerReport } from '../src/tracker/types';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-tracker-unit-'));
const loc = (line: number, fn = 'f') => ({ file: '/p/a.py', line, function: fn });

describe('tracker: tree-sum estimate', () => {
  const r = (pid: number, rssKiB: number, hwmKiB: number): Reading => ({ pid, rssKiB, hwmKiB });

  it('is the VmHWM for one process, even when RSS was sampled low', () => {
    assert.equal(estimateSum(null, [r(1, 100, 900)]), 900);
    assert.equal(estimateSum(new Map([[1, r(1, 100, 500)]]), [r(1, 120, 900)]), 900);
  });

  it('adds the other processes at the lower of their two samples when one process rose between samples', () => {
    const prev = new Map([
      [1, r(1, 300, 300)],
      [2, r(2, 50, 60)],
    ]);
    // Process 2 spiked to 400 between the samples while process 1 stayed between 250 and 300.
    assert.equal(estimateSum(prev, [r(1, 250, 300), r(2, 60, 400)]), 400 + 250);
    // Nothing rose: the plain sum.
    assert.equal(estimateSum(prev, [r(1, 300, 300), r(2, 50, 60)]), 350);
  });
});

describe('tracker: placing the peak', () => {
  it('MaxSeries places the maximum where the series first came within 1 % of it', () => {
    const s = new MaxSeries();
    [
      [0, 10_000],
      [10, 50_000],
      [20, 90_000],
      [30, 90_000],
      [40, 80_000],
    ].forEach(([t, v]) => s.feed(t, v));
    assert.deepEqual(s.peak, { value: 90_000, tPrev: 10, t: 20 });
    s.finish(50, 90_500); // the exit hook's value, a little higher (counter noise, the exit's own allocations)
    assert.deepEqual(s.peak, { value: 90_500, tPrev: 10, t: 20 });
    s.finish(60, 120_000); // a real new peak, reached after the last reading
    assert.deepEqual(s.peak, { value: 120_000, tPrev: 50, t: 60 });
  });

  it('answers with what ran at the last reading below the peak (ordinary sampling: each sample holds until the next)', () => {
    const even: StackSample[] = [
      { t: 5, loc: loc(1) },
      { t: 15, loc: loc(2) },
      { t: 25, loc: loc(3) },
      { t: 35, loc: loc(4) },
    ];
    assert.equal(pickLocation(even, { value: 1, tPrev: 12, t: 30 })?.line, 1);
    assert.equal(pickLocation(even, { value: 1, tPrev: 15, t: 30 })?.line, 2);
    assert.equal(pickLocation(even, { value: 1, tPrev: 12, t: 12 })?.line, 1); // a window of no width: the span holding it
    // Node: Buffer.alloc (line 3) was still filling at the last reading below the peak; console.log (7) ran after.
    const alloc: StackSample[] = [
      { t: 522.2, loc: loc(3) },
      { t: 527.4, loc: loc(3) },
      { t: 532.8, loc: loc(7) },
      { t: 537.9, loc: loc(7) },
      { t: 543.2, loc: null },
    ];
    assert.equal(pickLocation(alloc, { value: 1, tPrev: 530.8, t: 541.0 })?.line, 3);
  });

  it('counts a sample whose own reading ends the window, when nothing was sampled before it', () => {
    // `content = b"x" * n` held the GIL from the start: the first sample comes after it, and its reading is the peak.
    const samples: StackSample[] = [
      { t: 306.19, loc: loc(6, '<module>') },
      { t: 316.9, loc: null },
    ];
    assert.equal(pickLocation(samples, { value: 1, tPrev: 300.65, t: 306.19 })?.line, 6);
  });

  it('lets samples vote with the time they share with the window when no user code ran at its start', () => {
    const samples: StackSample[] = [
      { t: 5, loc: null },
      { t: 15, loc: loc(2) },
      { t: 25, loc: loc(3) },
      { t: 35, loc: loc(3) },
    ];
    assert.equal(pickLocation(samples, { value: 1, tPrev: 12, t: 30 })?.line, 2); // 2 holds 15..25, 3 only 25..30
  });

  it("gives a long gap that ends a line above, in the same function, to the line before it (a with block's exit)", () => {
    // `with open(p) as f:` (line 10) / `return f.readlines()[-n:]` (line 11): readlines holds the GIL at its end; the
    // first sample after it shows the with statement's exit.
    const tail: StackSample[] = [
      { t: 100, loc: loc(11, 'last_lines') },
      { t: 115, loc: loc(11, 'last_lines') },
      { t: 160, loc: loc(10, 'last_lines') },
    ];
    assert.equal(pickLocation(tail, { value: 1, tPrev: 115, t: 160 })?.line, 11);
    // Into another function, or down the same one, the sample that ends the gap shows the call that held the GIL.
    const down: StackSample[] = [
      { t: 100, loc: loc(7, 'read_tail') },
      { t: 160, loc: loc(8, 'read_tail') },
    ];
    assert.equal(pickLocation(down, { value: 1, tPrev: 100, t: 160 })?.line, 8);
  });

  it('gives a gap in the samples (a call holding the GIL) to the sample that ends it', () => {
    const gap: StackSample[] = [
      { t: 10, loc: loc(6) },
      { t: 20, loc: loc(6) },
      { t: 500, loc: loc(7) },
      { t: 510, loc: loc(8) },
    ];
    assert.equal(pickLocation(gap, { value: 1, tPrev: 100, t: 150 })?.line, 7);
  });

  it('falls back to the nearest user sample before, then after, the window', () => {
    const samples: StackSample[] = [
      { t: 5, loc: loc(1) },
      { t: 15, loc: null },
      { t: 25, loc: null },
      { t: 35, loc: loc(3) },
    ];
    assert.equal(pickLocation(samples, { value: 1, tPrev: 10, t: 20 })?.line, 1);
    assert.equal(pickLocation(samples.slice(1), { value: 1, tPrev: 10, t: 20 })?.line, 3);
    assert.equal(pickLocation([], { value: 1, tPrev: 10, t: 20 }), null);
  });
});

describe('tracker: Python stack samples', () => {
  it('parses samples cut anywhere, with escapes, times made relative to the start', () => {
    const stream = new SampleStream(1000);
    const text =
      '1010.500\t900\t950\t800\t90\t10\t2\t12\tparse\t/proj/caf\u00e9.py\t30\t<module>\t/proj/main.py\n' +
      '1020.000\t800\t960\t700\t100\t0\t0\n' +
      '1030.250\t0\t0\t0\t0\t0\t1\t7\tf\\tg\t/p/a\\\\b.py\n' +
      '1040\t1\t1\t1\t0\t0\t2\t7\tf\t/p/x.py\n'; // two frames announced, one given: not a sample
    const readings: Array<{ t: number; rssKiB: number; hwmKiB: number }> = [];
    for (let i = 0; i < text.length; i += 5) readings.push(...stream.push(text.slice(i, i + 5)));
    assert.deepEqual(readings, [
      { t: 10.5, rssKiB: 900, hwmKiB: 950, kinds: { anonKiB: 800, fileKiB: 90, shmemKiB: 10 } },
      { t: 20, rssKiB: 800, hwmKiB: 960, kinds: { anonKiB: 700, fileKiB: 100, shmemKiB: 0 } },
    ]); // the third could not read /proc: no reading, but still a sample
    const parse = { file: '/proj/caf\u00e9.py', line: 12, function: 'parse' };
    const fg = { file: '/p/a\\b.py', line: 7, function: 'f\tg' };
    assert.deepEqual(stream.samples, [
      { t: 10.5, loc: parse, stack: [parse, { file: '/proj/main.py', line: 30, function: '<module>' }], rssKiB: 900 },
      { t: 20, loc: null, stack: [], rssKiB: 800 },
      { t: 30.25, loc: fg, stack: [fg], rssKiB: undefined },
    ]);
    stream.pruneBefore(25);
    assert.deepEqual(
      stream.samples.map((s) => s.t),
      [20, 30.25],
    );
  });
});

describe('tracker: V8 profiles', () => {
  const file = path.join(tmp(), 'app.js');
  fs.writeFileSync(file, ["const fs = require('fs');", 'function load(p) {', '  const a = 1;', "  return fs.readFileSync(p, 'utf8');", '}', 'load(process.argv[2]);', ''].join('\n'));
  const url = 'file://' + file;
  const profile: CpuProfile = {
    startTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
      { id: 2, callFrame: { functionName: '', url, lineNumber: 0, columnNumber: 0 }, children: [3] },
      { id: 3, callFrame: { functionName: 'load', url, lineNumber: 1, columnNumber: 13 }, children: [4], positionTicks: [{ line: 3, ticks: 2 }] },
      { id: 4, callFrame: { functionName: 'readFileSync', url: 'node:fs', lineNumber: 440, columnNumber: 20 }, children: [5] },
      { id: 5, callFrame: { functionName: 'readFileUtf8', url: '', lineNumber: -1, columnNumber: -1 }, positionTicks: [{ line: 448, ticks: 9 }] },
    ],
    samples: [3, 4, 2],
    timeDeltas: [1000, 1000, 1000],
  };

  it('places a sample in a node: callee on the call to it in the user function', () => {
    const locator = new ProfileLocator(profile, '/opt/memlint/probes', (f) => ({ text: fs.readFileSync(f, 'utf8') }));
    assert.deepEqual(locator.locationOf(4), { file, line: 4, function: 'load' });
    assert.deepEqual(locator.locationOf(3), { file, line: 3, function: 'load' }); // its own ticks
    assert.equal(locator.locationOf(2), null, 'top-level code with no line to tell is no location, not line 1');
    assert.equal(locator.locationOf(1), null);
    // Times are the profile's clock (µs) made relative to the run's start (ms).
    assert.deepEqual(
      locator.samples(1000, 0, 10).map((s) => [s.t, s.loc?.line]),
      [
        [1, 3],
        [2, 4],
        [3, undefined],
      ],
    );
  });

  it('skips node: internals, node_modules and memlint itself', () => {
    assert.equal(userFileOfUrl('node:fs', '/m'), null);
    assert.equal(userFileOfUrl('file:///p/node_modules/x/index.js', '/m'), null);
    assert.equal(userFileOfUrl('file:///m/preload.js', '/m'), null);
    assert.equal(userFileOfUrl('file:///p/a%20b.js', '/m'), '/p/a b.js');
  });
});

describe('tracker: source maps', () => {
  it('maps a generated line back to the original', () => {
    // Generated line 0 -> original line 0; generated line 1 -> original 2; generated line 2, column 4 -> original 5.
    const map = new SourceMap('AAAA;AAEA;AAAA,IAGA');
    assert.equal(map.originalLine(0, 0), 1);
    assert.equal(map.originalLine(1, 0), 3);
    assert.equal(map.originalLine(2, 0), 3);
    assert.equal(map.originalLine(2, 9), 6);
  });
});

describe('tracker: run directory records', () => {
  it('reads complete lines only, across calls, and skips garbage', () => {
    const dir = tmp();
    const file = path.join(dir, '42.jsonl');
    fs.writeFileSync(file, '{"type":"exit","pid":42,"mono":1,"rssKiB":2,"hwmKiB":3}\n{"type":"checkpoint","pid":42,"label":"caf');
    const reader = new RecordReader(dir);
    assert.deepEqual(
      reader.read().map((r) => r.type),
      ['exit'],
    );
    fs.appendFileSync(file, 'é","file":"/a","line":3,"mono":2,"rssKiB":4,"hwmKiB":5}\nnot json\n');
    const next = reader.read();
    assert.equal(next.length, 1);
    assert.equal(next[0].type === 'checkpoint' && next[0].label, 'café');
  });
});

describe('tracker: history', () => {
  const report = (peakKiB: number) => makeReport({ peakKiB });

  it('compares with the previous run of the same script and keeps a capped, git-ignored history', () => {
    const dir = tmp();
    const key = historyKey({ target: 'job.py', cwd: dir }, dir);
    assert.equal(key, 'job.py');
    assert.equal(compareWithPrevious(report(100), dir, key), null);
    recordRun(report(3_340_288), dir, key);
    const cmp = compareWithPrevious(report(107_520), dir, key)!;
    assert.equal(cmp.previous.peakKiB, 3_340_288);
    assert.equal(formatChange(cmp.peakChangePct), '\u221296.8 %');
    let kept: PastRun[] = [];
    for (let i = 0; i < RUNS_PER_SCRIPT + 5; i++) kept = recordRun(report(i), dir, key).runs;
    assert.equal(readHistory(dir).scripts[key].length, RUNS_PER_SCRIPT);
    assert.deepEqual(kept, readHistory(dir).scripts[key], 'recordRun returns the runs it kept, oldest first');
    assert.equal(kept[kept.length - 1].peakKiB, RUNS_PER_SCRIPT + 4);
    assert.equal(fs.readFileSync(path.join(dir, '.memlint', '.gitignore'), 'utf8'), '*\n');
  });

  it('keys scripts by their path relative to the folder, commands by their command line', () => {
    assert.equal(historyKey({ target: 'a/b.js', cwd: '/w', args: ['x'] }, '/w'), 'a/b.js');
    assert.equal(historyKey({ target: '/elsewhere/b.py', cwd: '/w' }, '/w'), '/elsewhere/b.py');
    assert.equal(historyKey({ target: 'make', args: ['build'], cwd: '/w' }, '/w'), '$ make build');
  });

  it('sets an unreadable history aside (never overwritten), says so, and starts a new one', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, '.memlint'));
    fs.writeFileSync(path.join(dir, '.memlint', 'runs.json'), '{ not json');
    assert.deepEqual(readHistory(dir).scripts, Object.create(null));
    const now = new Date('2025-01-14T10:32:05.123Z');
    const first = recordRun(report(5), dir, 'x.py', now);
    assert.equal(first.notice, '.memlint/runs.json was not valid JSON, so it was moved to .memlint/runs.json.corrupt-2025-01-14T10-32-05Z; a new history starts with this run');
    assert.equal(fs.readFileSync(path.join(dir, '.memlint', 'runs.json.corrupt-2025-01-14T10-32-05Z'), 'utf8'), '{ not json');
    assert.equal(readHistory(dir).scripts['x.py'].length, 1);
    // A second one in the same second gets a name of its own.
    fs.writeFileSync(path.join(dir, '.memlint', 'runs.json'), '[1, 2]');
    assert.equal(recordRun(report(6), dir, 'x.py', now).notice, '.memlint/runs.json was not a run history, so it was moved to .memlint/runs.json.corrupt-2025-01-14T10-32-05Z-2; a new history starts with this run');
    assert.equal(fs.readFileSync(path.join(dir, '.memlint', 'runs.json.corrupt-2025-01-14T10-32-05Z-2'), 'utf8'), '[1, 2]');
    assert.equal(recordRun(report(7), dir, 'x.py', now).notice, null);
  });
});

describe('tracker: words', () => {
  const base = makeReport({
    command: ['python3', 'x.py'],
    wallMs: 1234,
    peakKiB: 3_340_288,
    finalRssKiB: 59_392,
    peakLocation: { file: '/w/src/x.py', line: 5, function: 'parse' },
  });

  it('says how a run ended as a shell and a container would', () => {
    assert.equal(formatMb(3_340_288), '3,262.0 MB');
    assert.equal(describeEnd(base), 'exit 0');
    assert.equal(describeEnd({ ...base, exitCode: null, signal: 'SIGTERM' }), 'killed by SIGTERM, exit 143');
    assert.equal(describeEnd({ ...base, exitCode: null, signal: 'SIGKILL' }, true), "killed by SIGKILL (the kernel's OOM killer), exit 137");
    const limited = { ...base, exitCode: null, signal: 'SIGKILL', limitKiB: 512 * 1024, killedByLimit: true };
    assert.equal(describeEnd(limited), 'OOMKilled at 512 MiB limit, exit 137');
    assert.equal(exitStatus(limited), 137);
  });

  it('summarises a run on one line', () => {
    assert.equal(summaryLine(base, { cwd: '/w' }), 'memlint: peak 3,262.0 MB at src/x.py:5 in parse | final RSS 58.0 MB | 1.23 s | exit 0');
  });
});

describe('tracker: no /proc', () => {
  it('refuses with a clear message instead of a misleading number', () => {
    assert.throws(() => assertProcAvailable('/proc', 'darwin'), /needs Linux's \/proc \(this system is darwin\)/);
    assert.throws(() => assertProcAvailable(tmp(), 'linux'), /needs .*\/self\/status with VmHWM/);
  });
});
