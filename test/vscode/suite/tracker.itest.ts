// "memlint: Run with Memory Tracking" in the real editor: a script runs under the tracker, the status bar shows live
// RSS and then the peak with its change against the last run, the peak line is marked (and its finding says so), the
// report webview shows the before/after table. The workspace's memlint.python.path points nowhere (trust.itest.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { formatChange, formatMb } from '../../../src/tracker/format';
import type { TrackerReport } from '../../../src/tracker/types';
import { measured } from '../../support/report';
import { api, closeAll, memlintDiagnostics, open, setSetting, waitFor, workspaceUri } from './helpers';

const RUN = 'memlint.runWithMemoryTracking';
const run = (relative: string) => vscode.commands.executeCommand<TrackerReport | undefined>(RUN, workspaceUri(relative)).then((r) => r && measured(r));

describe('memory tracker', function () {
  this.timeout(120_000);
  after(async () => {
    await setSetting('python.path', undefined);
    await closeAll();
  });

  it('says why a Python script cannot start when memlint.python.path points nowhere, and shows no peak', async () => {
    const memlint = await api();
    const shown: string[] = [];
    const report = await run('tracker/tail.py');
    shown.push(memlint.statusBar.text ?? '');
    assert.equal(report, undefined);
    assert.equal(memlint.tracker.last(), undefined);
    assert.ok(!/Peak/.test(shown[0]), `status bar: ${shown[0]}`);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'memlint: tail.py'), 'the run has its terminal, which says why');
  });

  it('runs tail.py: the peak in the status bar, on the readlines line, marked there and noted on its finding', async () => {
    const memlint = await api();
    await setSetting('python.path', 'python3');
    const { document } = await open('tracker/tail.py');
    const report = await run('tracker/tail.py');
    assert.ok(report, 'the run finished');
    assert.equal(report.exitCode, 0);
    assert.ok(report.peakKiB > 60 * 1024, `peak ${report.peakKiB} KiB`);
    assert.equal(memlint.statusBar.text, `$(graph) Peak ${formatMb(report.peakKiB)}`);

    const file = document.uri.fsPath;
    assert.deepEqual(report.peakLocation, { file, line: 11, function: 'last_lines' });
    assert.deepEqual(report.peakStack, [report.peakLocation, { file, line: 19, function: '<module>' }], 'the stack at the peak');
    assert.deepEqual(
      report.checkpoints.map((c) => [c.label, c.line]),
      [['Log written', 18], ['Tail read', 20]],
    );
    const top = report.topLines[0];
    assert.deepEqual([top.file, top.line], [file, 11], 'the readlines line added the most');
    assert.ok(top.addedKiB > 40 * 1024, `it added ${top.addedKiB} KiB`);
    const marks = memlint.tracker.marks(file);
    const lineMarks = report.topLines.filter((l) => l.file === file).slice(0, 5);
    assert.deepEqual(
      marks.map((m) => [m.kind, m.line, m.text]),
      [
        ['peak', 10, `▲ peak ${formatMb(report.peakKiB)} reached here`],
        ['checkpoint', 17, `● Log written: RSS ${formatMb(report.checkpoints[0].rssKiB)} | peak ${formatMb(report.checkpoints[0].peakKiB)}`],
        ['checkpoint', 19, `● Tail read: RSS ${formatMb(report.checkpoints[1].rssKiB)} | peak ${formatMb(report.checkpoints[1].peakKiB)}`],
        ...lineMarks.map((l) => ['line', l.line - 1, `+${formatMb(l.addedKiB)}`]),
      ],
    );
    assert.match(marks[0].hover ?? '', /reached with this stack:\n\n- ▲ \[tail\\\.py:11\]\(file:\/\/.*tail\.py#L11\) in `last_lines`\n- ← \[tail\\\.py:19\]\(file:\/\/.*tail\.py#L19\) in `<module>`$/);
    const finding = await waitFor('the finding on the peak line to carry the note', () =>
      memlintDiagnostics(document.uri).find((d) => d.range.start.line === 10 && d.message.includes('made the peak')),
    );
    assert.ok(finding.message.endsWith(`\n▲ This line made the peak (${formatMb(report.peakKiB)}) in the last tracked run of tail.py, adding ${formatMb(top.addedKiB)}.`), finding.message);

    await setSetting('tracker.lineMarks', false);
    assert.deepEqual(
      memlint.tracker.marks(file).map((m) => m.kind),
      ['peak', 'checkpoint', 'checkpoint'],
      'memlint.tracker.lineMarks hides the top lines',
    );
    await setSetting('tracker.lineMarks', undefined);
  });

  it('compares the second run with the first, in the status bar and in the report', async () => {
    const memlint = await api();
    const first = measured(memlint.tracker.last()!.report);
    const second = await run('tracker/tail.py');
    assert.ok(second);
    const pct = ((second.peakKiB - first.peakKiB) / first.peakKiB) * 100;
    assert.equal(memlint.statusBar.text, `$(graph) Peak ${formatMb(second.peakKiB)} (${formatChange(pct)} vs last run)`);
    assert.equal(memlint.tracker.last()!.runs.length, 2, 'the two runs (a run that could not start is not one)');

    await vscode.commands.executeCommand('memlint.showReport');
    const html = await waitFor('the report webview', () => memlint.tracker.reportHtml());
    assert.ok(html.includes(`${formatMb(first.peakKiB)} → ${formatMb(second.peakKiB)}`), 'the before/after headline');
    assert.ok(html.includes(formatChange(pct)), 'the change');
    assert.ok(html.includes('Tail read'), 'the checkpoints');
    assert.ok(html.includes('tail.py:11 in last_lines'), 'the peak location');
    assert.ok(html.includes('<caption>Stack at the peak</caption>') && html.includes('data-line="19"'), 'the stack, as links');
    assert.ok(html.includes('<caption>Top lines</caption>'), 'the top lines');
    assert.match(html, /script-src (&#39;|')nonce-[0-9a-f]{32}(&#39;|')/, 'a CSP with a nonce');
  });

  it('notes the peak on a finding whose content is used on the peak line, and links that use', async () => {
    await open('tracker/section.py');
    const report = await run('tracker/section.py');
    assert.equal(report?.peakLocation?.line, 10, 'the splitlines() of the read content');
    const uri = workspaceUri('tracker/section.py');
    const finding = await waitFor('the read finding to carry the note', () =>
      memlintDiagnostics(uri).find((d) => d.range.start.line === 7 && d.message.includes('made the peak')),
    );
    assert.deepEqual(
      finding.relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range.start.line, r.location.range.start.character, r.message]),
      [[uri.toString(), 9, 16, '`content` is used here']],
    );
  });

  it('shows live RSS while a script runs, asks before a second run, and stops on request with the peak kept', async () => {
    const memlint = await api();
    const pending = run('tracker/grow.js');
    const live = await waitFor('live RSS in the status bar', () => {
      const text = memlint.statusBar.text;
      return text && /^\$\(loading~spin\) grow\.js [\d,]+\.\d MB$/.test(text) && Number(text.split(' ')[2].replace(/,/g, '')) > 20 ? text : undefined;
    });
    assert.ok(live);
    assert.equal(memlint.tracker.running(), true);

    memlint.tracker.answerConfirm(false);
    assert.equal(await run('tracker/tail.py'), undefined, 'declined: the running script goes on');
    assert.equal(memlint.tracker.running(), true);

    await vscode.commands.executeCommand('memlint.stopRun');
    const report = await pending;
    assert.ok(report);
    assert.equal(report.signal, 'SIGTERM');
    assert.ok(report.peakKiB > 20 * 1024, `peak ${report.peakKiB} KiB`);
    assert.equal(memlint.tracker.running(), false);
    assert.equal(memlint.statusBar.text, `$(graph) Peak ${formatMb(report.peakKiB)}`);
  });

  it('runs TypeScript with the TypeScript bundled in the extension, the peak on its .ts line', async () => {
    const report = await run('tracker/buffers.ts');
    assert.ok(report, 'the run finished');
    assert.equal(report.exitCode, 0);
    assert.ok(report.peakKiB > 112 * 1024, `peak ${report.peakKiB} KiB`);
    assert.equal(report.peakLocation?.file, workspaceUri('tracker/buffers.ts').fsPath);
    assert.equal(report.peakLocation?.line, 8, 'the Buffer.alloc line of the .ts source');
  });

  it('passes arguments untouched (no shell), and runs the file with its last arguments next time', async () => {
    const args = ['big file.log', '$HOME', '*.log', "it's", 'caf\u00e9'];
    const written = () => JSON.parse(fs.readFileSync(workspaceUri('tracker/args.json').fsPath, 'utf8'));
    assert.equal((await vscode.commands.executeCommand<TrackerReport>(RUN, workspaceUri('tracker/args.py'), args))?.exitCode, 0);
    assert.deepEqual(written(), args);
    fs.rmSync(workspaceUri('tracker/args.json').fsPath);
    assert.equal((await run('tracker/args.py'))?.exitCode, 0);
    assert.deepEqual(written(), args, 'remembered for this file');
    assert.equal((await run('tracker/tail.py'))?.command.length, 2, 'other files keep their own (none)');
  });

  it('passes what is typed into the run terminal to the script (stdin), unicode included', async () => {
    const memlint = await api();
    const pending = run('tracker/ask.py');
    await waitFor('the run', () => memlint.tracker.running());
    const terminal = await waitFor('its terminal', () => vscode.window.terminals.find((t) => t.name === 'memlint: ask.py'));
    terminal.sendText('memlint \u20ac', true);
    const report = await pending;
    assert.equal(report?.exitCode, 0);
    assert.equal(fs.readFileSync(workspaceUri('tracker/answer.txt').fsPath, 'utf8'), 'memlint \u20ac');
  });

  it('a second run while one is going stops the first when the user agrees', async () => {
    const memlint = await api();
    const live = () => / MB$/.test(memlint.statusBar.text ?? '') && memlint.statusBar.text!.startsWith('$(loading~spin) grow.js');
    const first = run('tracker/grow.js');
    await waitFor('the first run to show live RSS', live);
    memlint.tracker.answerConfirm(true);
    const second = run('tracker/grow.js');
    const stopped = await first;
    assert.equal(stopped?.signal, 'SIGTERM');
    await waitFor('the second run to show live RSS', live);
    await vscode.commands.executeCommand('memlint.stopRun');
    assert.equal((await second)?.signal, 'SIGTERM');
  });

  it('sets a corrupt run history aside and says so in the run terminal and the log; the run goes on', async () => {
    const memlint = await api();
    const history = workspaceUri('.memlint/runs.json').fsPath;
    fs.writeFileSync(history, '{ "version": 1, "scripts": ');
    const report = await run('tracker/tail.py');
    assert.equal(report?.exitCode, 0);
    const folder = workspaceUri('').fsPath.replace(/\/$/, '');
    const line = memlint.logLines.find((l) => l.includes('runs.json was not valid JSON'));
    const m = line && /^(.*): \.memlint\/runs\.json was not valid JSON, so it was moved to (\.memlint\/runs\.json\.corrupt-[\dT-]+Z); a new history starts with this run$/.exec(line);
    assert.ok(m, `the log: ${memlint.logLines.join('\n')}`);
    assert.equal(m[1], folder);
    assert.equal(fs.readFileSync(workspaceUri(m[2]).fsPath, 'utf8'), '{ "version": 1, "scripts": ');
    assert.equal(memlint.tracker.last()!.runs.length, 1, 'a new history, this run first');
  });
});
