// What media/report.js reads from the page's `#memlint-data` to draw the chart: numbers to place things, and every text
// it shows already written here (with the one formatMb), so the page's script formats no sizes of its own.
import { formatMb } from '../tracker/format';
import type { TrackerReport } from '../tracker/types';

export interface ChartSample {
  /** ms since the start. */
  t: number;
  /** The tree's summed VmRSS, KiB. */
  rssKiB: number;
  /** Of it, not anonymous: file-backed and shared (drawn as the lower band; the rest, above it, is anonymous). */
  fileKiB: number;
}

export interface ChartData {
  samples: ChartSample[];
  /** The report's peak and its label ("peak 3,262.0 MB"); null when the run measured nothing. */
  peak: { kib: number; label: string } | null;
  /** The limit the run had, and its label ("limit 512.0 MB"). */
  limit: { kib: number; label: string } | null;
  wallMs: number;
  checkpoints: { t: number; label: string }[];
  /** The legend of the two bands, when the samples have kinds. */
  kinds: { anon: string; file: string } | null;
}

export function chartData(report: TrackerReport): ChartData {
  return {
    samples: report.samples.map((s) => ({ t: s.t, rssKiB: s.rssKiB, fileKiB: (s.fileKiB ?? 0) + (s.shmemKiB ?? 0) })),
    peak: report.peakKiB === null ? null : { kib: report.peakKiB, label: `peak ${formatMb(report.peakKiB)}` },
    limit: report.limitKiB === null || !(report.limitKiB > 0) ? null : { kib: report.limitKiB, label: `limit ${formatMb(report.limitKiB)}` },
    wallMs: report.wallMs,
    checkpoints: report.checkpoints.map((c) => ({ t: c.t, label: c.label })),
    kinds: report.samples.some((s) => s.fileKiB + s.shmemKiB > 0) ? { anon: 'anonymous', file: 'file-backed and shared' } : null,
  };
}
