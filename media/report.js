// memlint's report page: draws the RSS timeline from #memlint-data (src/report/chart.ts's ChartData: every label is
// written there, this script formats no sizes) as an SVG and, in the editor's webview, sends link clicks to the
// extension. Plain browser JS, no libraries; chartModel is pure so tests can require this file in Node.
'use strict';

const MARGIN = { left: 64, right: 16, top: 20, bottom: 32 };
const LABEL_CHARS = 28;

/** A 1, 2 or 5 × 10^n step that splits 0..max into about `count` parts. */
function niceStep(max, count) {
  const raw = max / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

function ticks(max, step, toPos) {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const out = [];
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) {
    const value = i * step;
    out.push({ value, pos: toPos(value), label: value.toLocaleString('en-US', { maximumFractionDigits: digits }) });
  }
  return out;
}

/** The highest sample in each pixel column, so downsampling never loses the peak. */
function downsample(samples, tMax, columns) {
  if (samples.length <= columns) return samples;
  const out = [];
  let bucket = -1;
  for (const s of samples) {
    const b = Math.min(columns - 1, Math.floor((s.t / tMax) * columns));
    if (b !== bucket) {
      out.push(s);
      bucket = b;
    } else if (s.rssKiB > out[out.length - 1].rssKiB) {
      out[out.length - 1] = s;
    }
  }
  return out;
}

const round = (n) => Math.round(n * 10) / 10;

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * The chart data as the chart needs it: samples and checkpoints with finite numbers (others dropped), labels as text,
 * sizes as finite numbers or null. The page's data comes from the run folder, where the script itself can write.
 */
function cleanData(data) {
  const d = data && typeof data === 'object' ? data : {};
  const list = (v) => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
  const mark = (m) => (m && typeof m === 'object' && finite(m.kib) && m.kib > 0 ? { kib: m.kib, label: String(m.label) } : null);
  return {
    samples: list(d.samples).filter((s) => finite(s.t) && finite(s.rssKiB)).map((s) => ({ t: s.t, rssKiB: s.rssKiB, fileKiB: finite(s.fileKiB) ? Math.min(s.fileKiB, s.rssKiB) : 0 })),
    checkpoints: list(d.checkpoints).filter((c) => finite(c.t)).map((c) => ({ t: c.t, label: String(c.label) })),
    peak: mark(d.peak),
    limit: mark(d.limit),
    wallMs: finite(d.wallMs) ? d.wallMs : 0,
    kinds: d.kinds && typeof d.kinds === 'object' ? { anon: String(d.kinds.anon), file: String(d.kinds.file) } : null,
  };
}

/**
 * Everything the chart draws, in pixels of a width × height SVG: the sample line and area, the peak, checkpoints,
 * the limit and the axis ticks. The y range always includes the report's peak, even when no sample reached it.
 */
function chartModel(raw, width, height) {
  const data = cleanData(raw);
  const { samples, checkpoints } = data;
  const peakKiB = data.peak ? data.peak.kib : 0;
  const limitKiB = data.limit ? data.limit.kib : null;
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
  const baseY = plot.top + plot.height;

  let highest = null;
  let tEnd = data.wallMs;
  for (const s of samples) {
    if (!highest || s.rssKiB > highest.rssKiB) highest = s;
    tEnd = Math.max(tEnd, s.t);
  }
  for (const c of checkpoints) tEnd = Math.max(tEnd, c.t);
  const tMax = tEnd > 0 ? tEnd : 1000;
  const topKiB = Math.max(peakKiB, highest ? highest.rssKiB : 0);

  const maxMb = Math.max(topKiB, limitKiB || 0, 1024) / 1024;
  const yStep = niceStep(maxMb * 1.05, 5);
  const yMaxMb = Math.ceil((maxMb * 1.05) / yStep) * yStep;
  const xOf = (t) => round(plot.left + (t / tMax) * plot.width);
  const yOf = (kib) => round(baseY - (kib / 1024 / yMaxMb) * plot.height);

  const kept = downsample(samples, tMax, Math.max(1, Math.floor(plot.width)));
  const points = kept.map((s) => ({ x: xOf(s.t), y: yOf(s.rssKiB) }));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ');
  const area = points.length > 1 ? `${path} L${points[points.length - 1].x} ${baseY} L${points[0].x} ${baseY} Z` : '';
  // The file-backed band under the line: RSS is anonymous above it.
  const filePoints = data.kinds ? kept.map((s) => ({ x: xOf(s.t), y: yOf(s.fileKiB) })) : [];
  const fileArea =
    filePoints.length > 1 ? `${filePoints.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ')} L${filePoints[filePoints.length - 1].x} ${baseY} L${filePoints[0].x} ${baseY} Z` : '';

  const peak = highest && data.peak && {
    x: xOf(highest.t),
    y: yOf(topKiB),
    label: data.peak.label,
    anchor: xOf(highest.t) > plot.left + plot.width / 2 ? 'end' : 'start',
  };

  return {
    width,
    height,
    plot,
    baseY,
    points,
    path,
    area,
    fileArea,
    legend: data.kinds,
    peak,
    checkpoints: checkpoints.map((c, i) => {
      const label = c.label.length > LABEL_CHARS ? `${c.label.slice(0, LABEL_CHARS - 1)}\u2026` : c.label;
      // About 6.5 px a character at 11 px: labels that would run past the plot end at their marker instead.
      const anchor = xOf(c.t) + 6.5 * label.length > plot.left + plot.width ? 'end' : 'start';
      return { x: xOf(c.t), label, fullLabel: c.label, row: i % 3, anchor };
    }),
    xTicks: ticks(tMax / 1000, niceStep(tMax / 1000, Math.max(2, Math.floor(plot.width / 80))), (s) => xOf(s * 1000)),
    yTicks: ticks(yMaxMb, yStep, (mb) => yOf(mb * 1024)),
    limitY: limitKiB ? yOf(limitKiB) : null,
    limitLabel: data.limit ? data.limit.label : null,
  };
}

// ---- Browser only: render the model, wire links. ----

const SVG = 'http://www.w3.org/2000/svg';

function el(parent, name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

function render(container, data) {
  container.replaceChildren();
  if (!data.samples.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No samples: the run ended before the first sample was taken.';
    container.appendChild(p);
    return;
  }
  const m = chartModel(data, Math.max(200, container.clientWidth), 260);
  const { plot, baseY } = m;
  const right = plot.left + plot.width;
  const svg = el(container, 'svg', { width: m.width, height: m.height, viewBox: `0 0 ${m.width} ${m.height}`, class: 'rss' });

  for (const t of m.yTicks) {
    el(svg, 'line', { x1: plot.left, x2: right, y1: t.pos, y2: t.pos, class: 'grid' });
    el(svg, 'text', { x: plot.left - 6, y: t.pos + 4, class: 'tick', 'text-anchor': 'end' }, t.label);
  }
  for (const t of m.xTicks) el(svg, 'text', { x: t.pos, y: baseY + 16, class: 'tick', 'text-anchor': 'middle' }, t.label);
  el(svg, 'text', { x: plot.left - 6, y: plot.top - 8, class: 'axis-title', 'text-anchor': 'end' }, 'MB');
  el(svg, 'text', { x: right, y: baseY + 29, class: 'axis-title', 'text-anchor': 'end' }, 'time (s)');
  el(svg, 'line', { x1: plot.left, x2: right, y1: baseY, y2: baseY, class: 'axis' });
  el(svg, 'line', { x1: plot.left, x2: plot.left, y1: plot.top, y2: baseY, class: 'axis' });

  if (m.area) el(svg, 'path', { d: m.area, class: 'area' });
  if (m.fileArea) el(svg, 'path', { d: m.fileArea, class: 'area-file' });
  if (m.legend) {
    el(svg, 'rect', { x: plot.left + 8, y: plot.top - 16, width: 10, height: 10, class: 'area' });
    el(svg, 'text', { x: plot.left + 22, y: plot.top - 7, class: 'legend' }, m.legend.anon);
    el(svg, 'rect', { x: plot.left + 110, y: plot.top - 16, width: 10, height: 10, class: 'area-file' });
    el(svg, 'text', { x: plot.left + 124, y: plot.top - 7, class: 'legend' }, m.legend.file);
  }
  if (m.path) el(svg, 'path', { d: m.path, class: 'line' });

  for (const c of m.checkpoints) {
    el(svg, 'line', { x1: c.x, x2: c.x, y1: plot.top, y2: baseY, class: 'checkpoint' });
    const label = el(svg, 'text', { x: c.x + (c.anchor === 'end' ? -3 : 3), y: baseY - 5 - c.row * 13, class: 'checkpoint-label', 'text-anchor': c.anchor }, c.label);
    el(label, 'title', {}, c.fullLabel);
  }
  if (m.limitY !== null) {
    el(svg, 'line', { x1: plot.left, x2: right, y1: m.limitY, y2: m.limitY, class: 'limit' });
    el(svg, 'text', { x: right - 4, y: m.limitY - 4, class: 'limit-label', 'text-anchor': 'end' }, m.limitLabel);
  }
  if (m.peak) {
    el(svg, 'circle', { cx: m.peak.x, cy: m.peak.y, r: 4, class: 'peak' });
    const dx = m.peak.anchor === 'end' ? -6 : 6;
    el(svg, 'text', { x: m.peak.x + dx, y: m.peak.y - 6, class: 'peak-label', 'text-anchor': m.peak.anchor }, m.peak.label);
  }
}

function start() {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('[data-file]') : null;
    if (!a) return;
    if (!vscode) return; // a page on its own: the link opens the file
    event.preventDefault();
    vscode.postMessage({ type: 'open', file: a.dataset.file, line: Number(a.dataset.line) || 1 });
  });

  const container = document.getElementById('chart');
  const source = document.getElementById('memlint-data');
  if (!container || !source) return;
  let data;
  try {
    data = cleanData(JSON.parse(source.textContent || '{}'));
  } catch {
    data = cleanData(null);
  }
  let width = -1;
  let pending = false;
  const redraw = () => {
    pending = false;
    if (container.clientWidth === width) return;
    width = container.clientWidth;
    render(container, data);
  };
  redraw();
  const schedule = () => {
    if (!pending) requestAnimationFrame(redraw);
    pending = true;
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(schedule).observe(container);
  else window.addEventListener('resize', schedule);
}

if (typeof document !== 'undefined') start();
if (typeof module !== 'undefined') module.exports = { chartModel };
