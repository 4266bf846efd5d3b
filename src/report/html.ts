// The report page: summary, peak link, chart container, checkpoints, processes and the script's runs. One renderer of
// the tracker report (the contract), for the editor's webview and for `memlint run --html` (a self-contained file).
// media/report.js draws the chart from the typed chart data and, in the webview, posts link clicks back.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { cgroupShare, describeEnd, exitStatus, formatChange, formatDuration, formatLimit, formatLocation, formatMb, formatMeasured, NOT_MEASURED } from '../tracker/format';
import type { PastRun } from '../tracker/history';
import type { TrackerReport } from '../tracker/types';
import { chartData } from './chart';

export interface ReportView {
  /** Display name of the script, relative to the workspace folder (e.g. "logs.py"). */
  title: string;
  /** This run. */
  report: TrackerReport;
  /** Runs of this script from the history, oldest first; the last one is this run (may be just [this run]). */
  runs: PastRun[];
  /** Peak location shown relative to the folder, e.g. "logs.py:12 in last_lines"; null when unknown. */
  peakLabel: string | null;
  oomKilled?: boolean;
  /** Frames are shown relative to this folder (default: as absolute paths). */
  dir?: string;
}

/** The editor's webview: the script and styles come from media/ through the webview's URIs. */
export interface WebviewPage {
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of media/report.js and media/report.css. */
  scriptUri: string;
  styleUri: string;
}

/** A page on its own (`memlint run --html`): the script and styles inline, nothing loaded from anywhere. */
export interface StandalonePage {
  nonce: string;
  /** The text of media/report.js, and of the stylesheets (media/report.css after media/report-page.css). */
  script: string;
  styles: string;
}

export type ReportPage = WebviewPage | StandalonePage;

const isStandalone = (page: ReportPage): page is StandalonePage => 'script' in page;

/** The page's view of a finished session: `title` names the script, the peak is shown relative to `dir`. */
export function viewOf(result: { report: TrackerReport; runs: PastRun[]; oomKilled: boolean }, title: string, dir: string): ReportView {
  const { report, runs, oomKilled } = result;
  return { title, report, runs, peakLabel: report.peakLocation ? formatLocation(report.peakLocation, dir) : null, oomKilled, dir };
}

/** 32 random hex characters for the page's Content-Security-Policy. */
export function makeNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Text for an HTML element or attribute; anything not a string (a number, a value a hostile file put there) is made one first. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no `<` can start `</script>` or `<!--`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Change of a run's peak against the run before it, as a percentage; null when there is no usable previous peak. */
export function peakChange(previous: PastRun | undefined, run: PastRun): number | null {
  if (!previous || previous.peakKiB === null || previous.peakKiB <= 0 || run.peakKiB === null) return null;
  return ((run.peakKiB - previous.peakKiB) / previous.peakKiB) * 100;
}

/** "Peak 3,262.0 MB → 105.0 MB (−96.8 %)" for the last two runs; null with fewer. */
export function headline(runs: PastRun[]): string | null {
  if (runs.length < 2) return null;
  const [before, after] = runs.slice(-2);
  const pct = peakChange(before, after);
  return `Peak ${formatMeasured(before.peakKiB)} \u2192 ${formatMeasured(after.peakKiB)}${pct === null ? '' : ` (${formatChange(pct)})`}`;
}

/** How a past run ended; its limit is not stored, so a limit kill does not name it. */
function pastEnd(run: PastRun): string {
  const code = exitStatus(run);
  if (run.killedByLimit) return `OOMKilled at the limit, exit ${code}`;
  if (run.signal) return `killed by ${run.signal}, exit ${code}`;
  return `exit ${code}`;
}

/** Local "2025-01-14 10:32" for an ISO time; the ISO text when it does not parse. */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Where links point: the webview handles clicks itself (`#`); a page on its own links to the file. */
type Href = (file: string) => string;
const webviewHref: Href = () => '#';
const fileHref: Href = (file) => {
  try {
    return pathToFileURL(file).href;
  } catch {
    return '#';
  }
};

function link(href: Href, text: string, file: string, line: number): string {
  return `<a href="${escapeHtml(href(file))}" data-file="${escapeHtml(file)}" data-line="${escapeHtml(line)}" title="${escapeHtml(`${file}:${line}`)}">${escapeHtml(text)}</a>`;
}

function row(cells: string[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
}

function table(caption: string, head: string[], rows: string[][], className = ''): string {
  return [
    `<table${className ? ` class="${className}"` : ''}>`,
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead>${row(head.map(escapeHtml), true)}</thead>`,
    `<tbody>${rows.map((r) => row(r)).join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

function summary(view: ReportView, href: Href): string {
  const { report, runs } = view;
  let peak = escapeHtml(report.peakKiB === null ? NOT_MEASURED : formatMb(report.peakKiB));
  const pct = runs.length >= 2 ? peakChange(runs[runs.length - 2], runs[runs.length - 1]) : null;
  if (pct !== null) peak += ` <span class="${pct < 0 ? 'better' : 'worse'}">${escapeHtml(`${formatChange(pct)} vs last run`)}</span>`;
  const items: [string, string][] = [['Peak', peak]];
  if (report.peakKinds && report.peakKiB !== null) {
    const k = report.peakKinds;
    const parts = [`${formatMb(k.anonKiB)} anonymous`, `${formatMb(k.fileKiB)} file-backed`, ...(k.shmemKiB >= 1024 ? [`${formatMb(k.shmemKiB)} shared`] : [])];
    items.push(['Made of', escapeHtml(`${parts.join(', ')}, at the highest reading (${formatMb(k.rssKiB)})`)]);
  }
  const loc = report.peakLocation;
  items.push(['Peak at', loc && view.peakLabel ? link(href, view.peakLabel, loc.file, loc.line) : 'not located']);
  const callers = report.peakStack?.slice(1) ?? [];
  if (callers.length) items.push(['Called from', callers.map((f) => link(href, formatLocation(f, view.dir), f.file, f.line)).join(' \u2190 ')]);
  const share = cgroupShare(report, report.cgroup);
  if (share !== null) {
    const text = escapeHtml(`${share} % of the container's ${formatLimit(report.cgroup!.limitKiB)}`);
    items.push(['Container', share >= 80 ? `<span class="worse">${text}</span>` : text]);
  }
  if (report.budgetKiB) {
    const over = report.peakKiB !== null && report.peakKiB > report.budgetKiB;
    const text = escapeHtml(`${formatMb(report.budgetKiB)}${over ? ': over' : ''}`);
    items.push(['Budget', over ? `<span class="worse">${text}</span>` : text]);
  }
  items.push(['Final RSS', escapeHtml(formatMeasured(report.finalRssKiB))]);
  items.push(['Time', escapeHtml(formatDuration(report.wallMs))]);
  const end = escapeHtml(describeEnd(report, view.oomKilled));
  items.push(['Ended', report.killedByLimit || view.oomKilled ? `<span class="worse">${end}</span>` : end]);
  if (report.limitKiB !== null) items.push(['Limit', escapeHtml(formatMb(report.limitKiB))]);
  items.push(['Command', `<code>${escapeHtml(report.command.join(' '))}</code>`]);
  return `<dl class="summary">${items.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function checkpointsTable(report: TrackerReport, href: Href): string {
  if (report.checkpoints.length === 0) return '';
  const phases = report.checkpoints.some((c) => c.phasePeakKiB != null);
  const budgets = report.checkpoints.some((c) => c.budgetKiB != null);
  const rows = report.checkpoints.map((c) => {
    const cells = [link(href, c.label, c.file, c.line), escapeHtml(formatDuration(c.t)), escapeHtml(formatMb(c.rssKiB)), escapeHtml(formatMb(c.peakKiB))];
    if (phases) cells.push(c.phasePeakKiB == null ? 'not measured' : escapeHtml(formatMb(c.phasePeakKiB)));
    if (budgets) {
      const over = c.budgetKiB != null && (c.phasePeakKiB ?? c.peakKiB) > c.budgetKiB;
      const text = c.budgetKiB == null ? '' : escapeHtml(`${formatMb(c.budgetKiB)}${over ? ': over' : ''}`);
      cells.push(over ? `<span class="worse">${text}</span>` : text);
    }
    return cells;
  });
  const head = ['Checkpoint', 'Time', 'RSS', 'Peak', ...(phases ? ['Phase peak'] : []), ...(budgets ? ['Budget'] : [])];
  return table('Checkpoints', head, rows, 'numbers');
}

/** The chain of user frames at the peak, innermost first, each a link. */
function stackTable(view: ReportView, href: Href): string {
  const stack = view.report.peakStack ?? [];
  if (stack.length === 0) return '';
  const rows = stack.map((f, i) => [escapeHtml(i === 0 ? 'peak' : `${i}`), link(href, formatLocation(f, view.dir), f.file, f.line), `<code>${escapeHtml(f.function)}</code>`]);
  return table('Stack at the peak', ['', 'Line', 'Function'], rows, 'stack');
}

/** The lines the memory rose on: what each added, what of it was left at the peak, its share of the peak. */
function linesTable(view: ReportView, href: Href): string {
  const { report } = view;
  if (!report.topLines?.length || report.peakKiB === null) return '';
  const peak = report.peakKiB;
  const rows = report.topLines.map((l) => [
    link(href, formatLocation(l, view.dir), l.file, l.line),
    escapeHtml(`+${formatMb(l.addedKiB)}`),
    escapeHtml(formatMb(l.atPeakKiB)),
    escapeHtml(`${peak > 0 ? Math.round((l.atPeakKiB / peak) * 100) : 0} %`),
  ]);
  return table('Top lines', ['Line', 'Added', 'At the peak', 'Share of the peak'], rows, 'numbers lines');
}

/** Each test of a pytest run with its own peak, the highest first. */
function testsTable(view: ReportView, href: Href): string {
  const tests = view.report.tests ?? [];
  if (tests.length === 0) return '';
  const sorted = [...tests].sort((a, b) => (b.peakKiB ?? 0) - (a.peakKiB ?? 0));
  const rows = sorted.map((t) => {
    const over = t.budgetKiB !== null && t.peakKiB !== null && t.peakKiB > t.budgetKiB;
    const budget = t.budgetKiB === null ? '' : escapeHtml(`${formatMb(t.budgetKiB)}${over ? ': over' : ''}`);
    return [
      link(href, t.id, t.file, t.line),
      escapeHtml(formatMeasured(t.peakKiB)),
      escapeHtml(t.addedKiB === null ? '' : `+${formatMb(t.addedKiB)}`),
      over ? `<span class="worse">${budget}</span>` : budget,
    ];
  });
  return table('Tests', ['Test', 'Peak', 'Added', 'Budget'], rows, 'numbers tests');
}

function processesTable(report: TrackerReport): string {
  if (report.processes.length <= 1) return '';
  const rows = report.processes.map((p) => [escapeHtml(p.pid), `<code>${escapeHtml(p.argv.join(' '))}</code>`, escapeHtml(formatMb(p.peakKiB))]);
  return table('Processes', ['PID', 'Command', 'Peak'], rows, 'numbers');
}

function runsTable(view: ReportView): string {
  const last = view.runs.length - 1;
  const rows = view.runs.map((run, i) => {
    const pct = peakChange(view.runs[i - 1], run);
    const change = pct === null ? '' : `<span class="${pct < 0 ? 'better' : pct > 0 ? 'worse' : 'same'}">${escapeHtml(formatChange(pct))}</span>`;
    const end = i === last ? describeEnd(view.report, view.oomKilled) : pastEnd(run);
    const at = `<time datetime="${escapeHtml(run.at)}">${escapeHtml(when(run.at))}</time>${i === last ? ' (this run)' : ''}`;
    return [at, escapeHtml(formatMeasured(run.peakKiB)), change, escapeHtml(formatMeasured(run.finalRssKiB)), escapeHtml(formatDuration(run.wallMs)), escapeHtml(end)];
  });
  return table('Runs of this script', ['When', 'Peak', 'Change', 'Final RSS', 'Time', 'Exit'], rows, 'numbers runs');
}

/** Marks a page `memlint run --html` wrote, so that a later run may replace it (and nothing else). */
export const GENERATOR = '<meta name="generator" content="memlint run --html">';

/** `</style>` or `</script>` inside inlined text would end the element early: media/ has neither, but make sure. */
const inline = (text: string, tag: 'style' | 'script') => text.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

export function reportHtml(view: ReportView, page: ReportPage): string {
  const { nonce } = page;
  const standalone = isStandalone(page);
  // base-uri and form-action are not covered by default-src: without them, injected markup could still redirect links or posts.
  const csp = standalone
    ? `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none';`
    : `default-src 'none'; style-src ${page.cspSource}; script-src 'nonce-${nonce}'; img-src ${page.cspSource} data:; base-uri 'none'; form-action 'none';`;
  const href = standalone ? fileHref : webviewHref;
  const title = escapeHtml(view.title);
  const head = headline(view.runs);
  const n = escapeHtml(nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${standalone ? `${GENERATOR}\n<style nonce="${n}">\n${inline(page.styles, 'style')}</style>` : `<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">`}
<title>memlint: ${title}</title>
</head>
<body${standalone ? ' class="standalone"' : ''}>
<h1>Memory of ${title}</h1>
${head ? `<p class="headline">${escapeHtml(head)}</p>` : ''}
${summary(view, href)}
<h2>RSS over time</h2>
<div id="chart" class="chart" role="img" aria-label="${escapeHtml(`RSS over time, peak ${formatMeasured(view.report.peakKiB)}`)}"></div>
${stackTable(view, href)}
${linesTable(view, href)}
${checkpointsTable(view.report, href)}
${testsTable(view, href)}
${processesTable(view.report)}
${runsTable(view)}
<script type="application/json" id="memlint-data" nonce="${n}">${scriptJson(chartData(view.report))}</script>
${standalone ? `<script nonce="${n}">\n${inline(page.script, 'script')}</script>` : `<script nonce="${n}" src="${escapeHtml(page.scriptUri)}"></script>`}
</body>
</html>
`;
}
