// Timing helpers: medians of repeated runs, measured in the same process as their baseline.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of `runs` timings after `warmup` untimed runs. */
export function median(fn: () => void, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times = Array.from({ length: runs }, () => timeMs(fn)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Medians of several functions measured interleaved, so machine load hits them alike. */
export function interleaved(fns: Record<string, () => void>, runs = 15, warmup = 3): Record<string, number> {
  const names = Object.keys(fns);
  for (let i = 0; i < warmup; i++) names.forEach((n) => fns[n]());
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) names.forEach((n) => times[n].push(timeMs(fns[n])));
  return Object.fromEntries(names.map((n) => [n, times[n].sort((a, b) => a - b)[Math.floor(runs / 2)]]));
}

export function walk(dir: string, keep: (file: string) => boolean, skip: (dir: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip(full)) out.push(...walk(full, keep, skip));
    } else if (entry.isFile() && keep(full)) out.push(full);
  }
  return out;
}

export const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
