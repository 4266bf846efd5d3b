// The report webview as the user sees it: the page's text and links, its CSP, escaping, and the chart's geometry
// (media/report.js's chartModel, required as shipped).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pastRunOf, type PastRun } from '../src/tracker/history';
import type { TrackerReport } from '../src/tracker/types';
import { chartData, type ChartData } from '../src/report/chart';
import { makeNonce, reportHtml, type ReportView } from '../src/report/html';
import { makeReport } from './support/report';

const REPORT_JS = path.join(__dirname, '..', '..', 'media', 'report.js');
const PAGE = { nonce: 'N0nce0123456789abcdefABCDEF01234', cspSource: 'https://file+.vscode-resource.test', scriptUri: 'https://x.test/report.js', styleUri: 'https://x.test/report.css' };

function report(over: Partial<TrackerReport> = {}): TrackerReport {
  return makeReport({
    command: ['python3', 'logs.py'],
    wallMs: 1500,
    peakKiB: 107_520,
    finalRssKiB: 20_480,
    peakLocation: { file: '/ws/logs.py', line: 12, function: 'last_lines' },
    samples: [{ t: 0, rssKiB: 10_240 }, { t: 500, rssKiB: 107_520 }, { t: 1000, rssKiB: 20_480 }].map((s) => ({ ...s, anonKiB: s.rssKiB, fileKiB: 0, shmemKiB: 0 })),
    processes: [{ pid: 100, argv: ['python3', 'logs.py'], peakKiB: 107_520 }],
    ...over,
  });
}

const past = (r: TrackerReport, at: string): PastRun => pastRunOf(r, new Date(at));

function page(over: Partial<ReportView> = {}): string {
  const r = over.report ?? report();
  return reportHtml({ title: 'logs.py', report: r, runs: [past(r, '2025-01-14T10:32:05.000Z')], peakLabel: 'logs.py:12 in last_lines', ...over }, PAGE);
}

/** Visible text: tags dropped, entities decoded, spaces collapsed. */
function text(html: string): string {
  const decoded = html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
  return decoded.replace(/\s+/g, ' ').trim();
}

/** The rows of the table with this caption, as cell texts. */
function tableRows(html: string, caption: string): string[][] {
  const table = html.split('<table').find((t) => t.includes(`<caption>${caption}</caption>`));
  assert.ok(table, `table "${caption}"`);
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => text(c[1])));
}

describe('report webview page', () => {
  it('has a CSP with the nonce, a nonce on every script, and no inline styles or handlers', () => {
    const html = page({ report: report({ checkpoints: [{ label: 'load', file: '/ws/logs.py', line: 3, t: 100, rssKiB: 1, peakKiB: 1, phasePeakKiB: null, budgetKiB: null }] }) });
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(csp);
    assert.equal(csp[1], `default-src &#39;none&#39;; style-src ${PAGE.cspSource}; script-src &#39;nonce-${PAGE.nonce}&#39;; img-src ${PAGE.cspSource} data:; base-uri &#39;none&#39;; form-action &#39;none&#39;;`);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${PAGE.nonce}"`), tag);
    assert.ok(html.includes(`src="${PAGE.scriptUri}"`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${PAGE.styleUri}">`));
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });

  it('makes 32-character random nonces', () => {
    const a = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, makeNonce());
  });

  it('compares the last two runs in a headline, the summary and the runs table', () => {
    const before = report({ peakKiB: 3_340_288, finalRssKiB: 3_340_288, wallMs: 12_340, samples: [] });
    const after = report();
    const html = page({ report: after, runs: [past(before, '2025-01-14T10:00:00.000Z'), past(after, '2025-01-14T10:32:05.000Z')] });
    assert.ok(html.includes('<p class="headline">Peak 3,262.0 MB \u2192 105.0 MB (\u221296.8 %)</p>'));
    assert.ok(text(html).includes('Peak 105.0 MB \u221296.8 % vs last run'));
    assert.deepEqual(
      tableRows(html, 'Runs of this script').map((r) => r.slice(1)),
      [
        ['3,262.0 MB', '', '3,262.0 MB', '12.3 s', 'exit 0'],
        ['105.0 MB', '\u221296.8 %', '20.0 MB', '1.50 s', 'exit 0'],
      ],
    );
    assert.ok(html.includes('<time datetime="2025-01-14T10:00:00.000Z">'));
    assert.match(tableRows(html, 'Runs of this script')[1][0], /\(this run\)$/);
  });

  it('shows no comparison for a single run', () => {
    const html = page();
    assert.doesNotMatch(html, /class="headline"/);
    assert.doesNotMatch(html, /vs last run|\u2192|\u2212/);
    assert.deepEqual(tableRows(html, 'Runs of this script').map((r) => r.slice(1)), [['105.0 MB', '', '20.0 MB', '1.50 s', 'exit 0']]);
  });

  it('describes a limit kill and shows the limit', () => {
    const r = report({ exitCode: null, signal: 'SIGKILL', killedByLimit: true, limitKiB: 512 * 1024 });
    const t = text(page({ report: r, runs: [past(r, '2025-01-14T10:32:05.000Z')] }));
    assert.ok(t.includes('Ended OOMKilled at 512 MiB limit, exit 137'), t);
    assert.ok(t.includes('Limit 512.0 MB'), t);
  });

  it('links the peak location and checkpoints to their file and line', () => {
    const html = page({ report: report({ checkpoints: [{ label: 'parsed', file: '/ws/logs.py', line: 20, t: 800, rssKiB: 51_200, peakKiB: 107_520, phasePeakKiB: null, budgetKiB: null }] }) });
    assert.ok(html.includes('<a href="#" data-file="/ws/logs.py" data-line="12" title="/ws/logs.py:12">logs.py:12 in last_lines</a>'));
    assert.ok(html.includes('data-file="/ws/logs.py" data-line="20"'));
    assert.deepEqual(tableRows(html, 'Checkpoints'), [['parsed', '0.80 s', '50.0 MB', '105.0 MB']]);
    assert.ok(text(page({ peakLabel: null, report: report({ peakLocation: null }) })).includes('Peak at not located'));
  });

  it('lists the stack at the peak, the top lines, phase peaks and budgets, the tests, and the container, as links', () => {
    const tail = { file: '/ws/tail.py', line: 8, function: 'last_lines' };
    const handle = { file: '/ws/service.py', line: 20, function: 'handle' };
    const html = page({
      report: report({
        peakKiB: 3_340_288,
        peakLocation: tail,
        peakStack: [tail, handle],
        peakKinds: { anonKiB: 3_174_400, fileKiB: 165_888, shmemKiB: 0, rssKiB: 3_340_288 },
        topLines: [{ ...tail, addedKiB: 1_232_896, atPeakKiB: 1_232_896, stack: [tail, handle] }],
        checkpoints: [
          { label: 'parsed', file: '/ws/service.py', line: 22, t: 800, rssKiB: 51_200, peakKiB: 107_520, phasePeakKiB: 107_520, budgetKiB: 102_400 },
          { label: 'done', file: '/ws/service.py', line: 30, t: 900, rssKiB: 51_200, peakKiB: 107_520, phasePeakKiB: null, budgetKiB: null },
        ],
        tests: [{ id: 'test_io.py::test_big', file: '/ws/test_io.py', line: 7, peakKiB: 230_400, addedKiB: 204_800, budgetKiB: 204_800 }],
        cgroup: { limitKiB: 4 * 1024 * 1024, file: '/sys/fs/cgroup/memory.max' },
        budgetKiB: 4 * 1024 * 1024,
      }),
      peakLabel: 'tail.py:8 in last_lines',
      dir: '/ws',
    });
    const t = text(html);
    assert.ok(t.includes('Made of 3,100.0 MB anonymous, 162.0 MB file-backed, at the highest reading (3,262.0 MB)'), t);
    assert.ok(t.includes('Called from service.py:20 in handle'), t);
    assert.ok(t.includes("Container 80 % of the container's 4 GiB"), t);
    assert.ok(t.includes('Budget 4,096.0 MB'), t);
    assert.ok(html.includes('<span class="worse">80 % of the container&#39;s 4 GiB</span>'), 'from 80 %, in the warning colour');
    assert.deepEqual(tableRows(html, 'Stack at the peak'), [
      ['peak', 'tail.py:8 in last_lines', 'last_lines'],
      ['1', 'service.py:20 in handle', 'handle'],
    ]);
    assert.ok(html.includes('<a href="#" data-file="/ws/service.py" data-line="20"'), 'each frame a link');
    assert.deepEqual(tableRows(html, 'Top lines'), [['tail.py:8 in last_lines', '+1,204.0 MB', '1,204.0 MB', '37 %']]);
    assert.deepEqual(tableRows(html, 'Checkpoints'), [
      ['parsed', '0.80 s', '50.0 MB', '105.0 MB', '105.0 MB', '100.0 MB: over'],
      ['done', '0.90 s', '50.0 MB', '105.0 MB', 'not measured', ''],
    ]);
    assert.deepEqual(tableRows(html, 'Tests'), [['test_io.py::test_big', '225.0 MB', '+200.0 MB', '200.0 MB: over']]);
  });

  it('lists processes only when there is more than one', () => {
    assert.doesNotMatch(page(), /<caption>Processes/);
    const html = page({ report: report({ processes: [{ pid: 1, argv: ['sh', '-c', 'a<b'], peakKiB: 1024 }, { pid: 2, argv: ['python3', 'x.py'], peakKiB: 2048 }] }) });
    assert.deepEqual(tableRows(html, 'Processes'), [['1', 'sh -c a<b', '1.0 MB'], ['2', 'python3 x.py', '2.0 MB']]);
    assert.ok(html.includes('sh -c a&#60;b'));
  });

  it('escapes report text in the HTML and in the chart data', () => {
    const evil = '</script><img src=x onerror=alert(1)><!--';
    const html = page({
      title: '<b>x.py',
      report: report({ command: ['python3', '<i>.py'], checkpoints: [{ label: evil, file: '/ws/"a".py', line: 1, t: 1, rssKiB: 1, peakKiB: 1, phasePeakKiB: null, budgetKiB: null }] }),
    });
    assert.doesNotMatch(html, /<img|<b>|<i>|<!--/);
    assert.ok(html.includes('data-file="/ws/&#34;a&#34;.py"'));
    // The JSON script ends at its own </script> and still holds the label.
    const json = html.match(/<script type="application\/json" id="memlint-data" nonce="[^"]+">([\s\S]*?)<\/script>/);
    assert.ok(json);
    const data = JSON.parse(json[1]) as { checkpoints: { label: string }[] };
    assert.equal(data.checkpoints[0].label, evil);
    assert.equal(html.match(/<\/script>/g)?.length, 2);
  });
});

interface ChartModel {
  path: string;
  area: string;
  points: { x: number; y: number }[];
  peak: { x: number; y: number; label: string } | null;
  checkpoints: { x: number; label: string }[];
  xTicks: { value: number; pos: number; label: string }[];
  yTicks: { value: number; pos: number; label: string }[];
  limitY: number | null;
  plot: { left: number; top: number; width: number; height: number };
  baseY: number;
}
type ChartInput = { samples: { t: number; rssKiB: number }[]; peakKiB: number; limitKiB: number | null; wallMs: number; checkpoints: { t: number; label: string }[] };

describe('report chart model (media/report.js)', () => {
  const { chartModel } = require(REPORT_JS) as { chartModel(data: ChartData, width: number, height: number): ChartModel };
  /** The chart data the page carries (src/report/chart.ts) for a report with these samples, peak, limit and checkpoints. */
  const data = (over: Partial<ChartInput>): ChartData => {
    const d: ChartInput = { samples: [], peakKiB: 0, limitKiB: null, wallMs: 1000, checkpoints: [], ...over };
    return chartData(makeReport({ ...d, samples: d.samples.map((s) => ({ ...s, anonKiB: s.rssKiB, fileKiB: 0, shmemKiB: 0 })), checkpoints: d.checkpoints.map((c) => ({ ...c, file: '/ws/x.py', line: 1, rssKiB: 1, peakKiB: 1, phasePeakKiB: null, budgetKiB: null })) }));
  };
  const yTop = (m: ChartModel) => m.yTicks[m.yTicks.length - 1];

  it('is the file the extension ships', () => {
    assert.ok(fs.existsSync(REPORT_JS), REPORT_JS);
    assert.equal(path.relative(path.join(__dirname, '..', '..'), REPORT_JS), path.join('media', 'report.js'));
  });

  it('marks the peak at the highest sample', () => {
    const m = chartModel(data({ samples: [{ t: 0, rssKiB: 1024 }, { t: 400, rssKiB: 3_340_288 }, { t: 800, rssKiB: 2048 }], peakKiB: 3_340_288 }), 600, 260);
    assert.ok(m.peak);
    assert.equal(m.peak.label, 'peak 3,262.0 MB');
    assert.equal(m.peak.y, Math.min(...m.points.map((p) => p.y)));
    assert.equal(m.peak.x, m.points[1].x);
    assert.ok(yTop(m).value >= 3262);
    assert.equal(m.limitY, null);
  });

  it('includes a peak above every sample in the y range, at the time of the highest sample', () => {
    const m = chartModel(data({ samples: [{ t: 0, rssKiB: 1024 }, { t: 500, rssKiB: 10_240 }, { t: 900, rssKiB: 5120 }], peakKiB: 102_400 }), 600, 260);
    assert.ok(m.peak);
    assert.equal(m.peak.label, 'peak 100.0 MB');
    assert.equal(m.peak.x, m.points[1].x);
    assert.ok(m.peak.y < m.points[1].y, 'peak is above the highest sample');
    assert.ok(m.peak.y >= m.plot.top, 'peak is inside the plot');
    assert.ok(yTop(m).value >= 100);
  });

  it('keeps the maximum when downsampling 20,000 samples to 400 px', () => {
    const samples = Array.from({ length: 20_000 }, (_, i) => ({ t: i * 5, rssKiB: 50_000 + ((i * 7919) % 1000) }));
    samples[12_345].rssKiB = 900_000;
    const m = chartModel(data({ samples, peakKiB: 900_000, wallMs: 100_000 }), 400 + 64 + 16, 260);
    assert.ok(m.points.length <= 400, `${m.points.length} points`);
    assert.ok(m.points.length >= 300, `${m.points.length} points`);
    assert.ok(m.peak);
    assert.equal(Math.min(...m.points.map((p) => p.y)), m.peak.y);
    assert.doesNotMatch(m.path, /NaN/);
  });

  it('handles no samples, one sample and all-equal samples without NaN', () => {
    const none = chartModel(data({}), 500, 260);
    assert.equal(none.path, '');
    assert.equal(none.peak, null);
    assert.doesNotMatch(JSON.stringify(none), /NaN|Infinity/);

    const one = chartModel(data({ samples: [{ t: 0, rssKiB: 2048 }], peakKiB: 2048, wallMs: 0 }), 500, 260);
    assert.match(one.path, /^M[\d.]+ [\d.]+$/);
    assert.ok(one.peak);
    assert.doesNotMatch(JSON.stringify(one), /NaN|Infinity/);

    const flat = chartModel(data({ samples: [0, 100, 200].map((t) => ({ t, rssKiB: 4096 })), peakKiB: 4096, wallMs: 200 }), 500, 260);
    assert.equal(new Set(flat.points.map((p) => p.y)).size, 1);
    assert.ok(flat.points[0].y > flat.plot.top && flat.points[0].y < flat.baseY);
    assert.doesNotMatch(JSON.stringify(flat), /NaN|Infinity/);

    const zero = chartModel(data({ samples: [{ t: 0, rssKiB: 0 }, { t: 10, rssKiB: 0 }] }), 10, 10);
    assert.doesNotMatch(JSON.stringify(zero), /NaN|Infinity/);
  });

  it('places checkpoints and the limit', () => {
    const m = chartModel(data({ samples: [{ t: 0, rssKiB: 1024 }, { t: 1000, rssKiB: 2048 }], peakKiB: 2048, limitKiB: 4096, wallMs: 1000, checkpoints: [{ t: 500, label: 'half' }] }), 580, 260);
    assert.equal(m.checkpoints[0].label, 'half');
    assert.equal(m.checkpoints[0].x, m.plot.left + m.plot.width / 2);
    assert.ok(m.limitY !== null && m.limitY < m.peak!.y && m.limitY >= m.plot.top);
    assert.deepEqual(m.xTicks.map((t) => t.label).slice(0, 3), ['0', '0.2', '0.4']);
    assert.equal(m.yTicks[0].label, '0');
  });
});
