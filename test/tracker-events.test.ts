// The tracker as the editor runs it: `memlint run --events` in a child process, JSON lines out, commands in. The
// protocol's parsing on its own, then the client (src/tracker/client.ts) driving the built CLI on real scripts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTracker, trackerArgs, type TrackerProcessEvents } from '../src/tracker/client';
import { TrackerError } from '../src/tracker/errors';
import { encodeLine, LineSplitter, parseCommand, parseEvent, type TrackerEvent } from '../src/tracker/events';
import { ROOT } from './support/paths';
import { makeReport } from './support/report';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'tracker');
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

describe('tracker events: the protocol', () => {
  it('round-trips every event and command through a line', () => {
    const events: TrackerEvent[] = [
      { type: 'hello', version: 1 },
      { type: 'started', pid: 42 },
      { type: 'sample', t: 50, rssKiB: 1024, peakKiB: 2048 },
      { type: 'output', stream: 'stderr', data: Buffer.from([0xff, 0x0a]).toString('base64') },
      { type: 'checkpoint', checkpoint: { label: 'parsed', file: '/ws/a.py', line: 3, t: 10, rssKiB: 1, peakKiB: 2, phasePeakKiB: null, budgetKiB: null } },
      { type: 'limit', peakKiB: 600_000, limitKiB: 524_288 },
      { type: 'notice', text: 'run history skipped: .memlint/runs.json is a symbolic link' },
      { type: 'error', message: 'no such file: a.py' },
      { type: 'done', result: { report: makeReport(), comparison: null, runs: [], oomKilled: false, summary: 'memlint: peak 1.0 MB' } },
    ];
    for (const e of events) {
      const line = encodeLine(e);
      assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), 'one line each');
      assert.deepEqual(parseEvent(line.trimEnd()), e);
    }
    for (const c of [{ type: 'stdin', data: 'eW8K' }, { type: 'endStdin' }, { type: 'stop', signal: 'SIGINT' }] as const) {
      assert.deepEqual(parseCommand(encodeLine(c).trimEnd()), c);
    }
  });

  it('drops lines that are not events or commands as the tracker writes them', () => {
    for (const line of ['', 'hello', '[]', 'null', '{"type":"sample","t":"5","rssKiB":1,"peakKiB":1}', '{"type":"output","stream":"tty","data":""}', '{"type":"started","pid":1.5}', '{"type":"done","result":{}}', '{"type":"later"}']) {
      assert.equal(parseEvent(line), null, line);
    }
    for (const line of ['{"type":"stop","signal":"SIGKILL"}', '{"type":"stdin","data":5}', '{"type":"exec"}', '{']) assert.equal(parseCommand(line), null, line);
  });

  it('splits a byte stream into lines, a line and a character arriving in pieces', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('{"a":"é"}\n{"b":1}\n\n{"c"', 'utf8');
    const at = bytes.indexOf(0xc3) + 1; // inside the é
    assert.deepEqual(s.push(bytes.subarray(0, at)), []);
    assert.deepEqual(s.push(bytes.subarray(at)), ['{"a":"é"}', '{"b":1}']);
    assert.deepEqual(s.push(Buffer.from(':2}\n')), ['{"c":2}']);
  });

  it('runs the script after --, every option an argument of its own', () => {
    assert.deepEqual(trackerArgs({ target: '/ws/-x.py', args: ['--limit', '1'], cwd: '/ws', python: '/usr/bin/python3', intervalMs: 20, limitMb: 512 }), [
      'run', '--events', '--python', '/usr/bin/python3', '--interval', '20', '--limit', '512', '--', '/ws/-x.py', '--limit', '1',
    ]);
  });
});

describe('tracker events: the client on the real CLI', function () {
  this.timeout(120_000);
  let cwd: string;
  beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-events-'))));
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  function collect() {
    const seen: string[] = [];
    const out: Buffer[] = [];
    const events: TrackerProcessEvents = {
      onStarted: () => seen.push('started'),
      onSample: () => seen.push('sample'),
      onOutput: (chunk, stream) => {
        seen.push(stream);
        if (stream === 'stdout') out.push(chunk);
      },
      onCheckpoint: (c) => seen.push(`checkpoint ${c.label}`),
      onNotice: (text) => seen.push(`notice ${text}`),
    };
    return { seen, out, events };
  }

  it('streams samples, output and checkpoints, then the report with its history and summary', async () => {
    const { seen, out, events } = collect();
    const run = startTracker({ target: path.join(FIX, 'checkpoints.py'), cwd, python: PYTHON, entry: CLI }, events);
    const result = await run.done;
    assert.equal(result.report.exitCode, 0);
    assert.ok(seen[0] === 'started' || seen[0] === 'sample', seen.join(','));
    assert.ok(seen.includes('sample'));
    assert.deepEqual(
      seen.filter((s) => s.startsWith('checkpoint')),
      result.report.checkpoints.map((c) => `checkpoint ${c.label}`),
    );
    assert.ok(result.report.checkpoints.length > 0);
    assert.equal(result.runs.length, 1, 'recorded in the history');
    assert.ok(fs.existsSync(path.join(cwd, '.memlint', 'runs.json')));
    assert.match(result.summary, /^memlint: peak [\d,]+\.\d MB \(\d+ anon, \d+ file\) at .*checkpoints\.py:\d+ in .+ \| final RSS/);
    assert.equal(result.comparison, null);

    const second = await startTracker({ target: path.join(FIX, 'checkpoints.py'), cwd, python: PYTHON, entry: CLI }).done;
    assert.ok(second.comparison, 'compared with the first run');
    assert.equal(second.runs.length, 2);
  });

  it("passes input to the script's stdin, bytes as they are, and ends it", async () => {
    const { out, events } = collect();
    const run = startTracker({ target: path.join(FIX, 'echo_stdin.py'), cwd, python: PYTHON, entry: CLI }, events);
    run.writeStdin('memlint \u20ac\n');
    run.writeStdin(Buffer.from([0x61, 0x0a]));
    run.endStdin();
    const result = await run.done;
    assert.equal(result.report.exitCode, 0);
    assert.equal(Buffer.concat(out).toString('utf8'), 'MEMLINT \u20ac\nA\n', 'echo_stdin.py upper-cases its input');
  });

  it('stops the whole run on stop() (SIGTERM to the tracker), with the report and its peak', async () => {
    const { seen, events } = collect();
    const run = startTracker({ target: path.join(FIX, 'sleep.py'), cwd, python: PYTHON, entry: CLI }, events);
    while (!seen.includes('stdout')) await new Promise((r) => setTimeout(r, 20)); // "ready": it holds its 40 MiB
    run.stop();
    const result = await run.done;
    assert.equal(result.report.signal, 'SIGTERM');
    assert.ok(result.report.peakKiB !== null && result.report.peakKiB > 40 * 1024, `peak ${result.report.peakKiB}`);
  });

  it('stops a run asked to stop before the tracker is ready, still with a report', async () => {
    const run = startTracker({ target: path.join(FIX, 'sleep.py'), cwd, python: PYTHON, entry: CLI });
    run.stop();
    const result = await run.done;
    assert.equal(result.report.signal, 'SIGTERM');
  });

  it('rejects with the reason when the run cannot start, and when the tracker itself fails', async () => {
    await assert.rejects(startTracker({ target: 'missing.py', cwd, python: PYTHON, entry: CLI }).done, (err: unknown) => err instanceof TrackerError && err.message === 'no such file: missing.py');
    await assert.rejects(
      startTracker({ target: 'x.py', cwd, intervalMs: 1, entry: CLI }).done,
      (err: unknown) => err instanceof TrackerError && err.message === "--interval must be a number of at least 5 (got '1')",
    );
  });
});
