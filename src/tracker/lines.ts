// Memory by line: each rise of the process's RSS between two stack samples is given to the user line that ran during
// it (the same rule that places the peak: gapOwner), and summed per line. Falls take back from the latest rises first
// (a stack of rises), so what is left of each line's rises at the highest RSS is its part of the peak.
import { gapOwner, type StackSample } from './locate';
import type { LineUse, PeakLocation } from './types';

/** The report lists at most this many lines. */
export const MAX_LINES = 20;
/** Rises kept apart at most (see rise()). */
const MAX_STANDING = 10_000;

interface Line {
  loc: PeakLocation;
  addedKiB: number;
  /** The stack of its largest rise. */
  stack: PeakLocation[];
  biggest: number;
}

const keyOf = (loc: PeakLocation) => `${loc.file}\0${loc.line}\0${loc.function}`;

export class LineAttribution {
  private readonly lines = new Map<string, Line>();
  /** The rises still standing, oldest first; neighbours of the same line are merged. */
  private standing: Array<{ key: string; kib: number }> = [];
  private prev: StackSample | null = null;
  private highest = -Infinity;
  private atHighest = new Map<string, number>();
  /** The RSS `atHighest` was copied at. */
  private copiedAt = -Infinity;
  /** Samples up to this time have been fed. */
  fedUntil = -Infinity;

  /** The next sample in time order (samples without an RSS are skipped). */
  feed(sample: StackSample): void {
    if (sample.t < this.fedUntil) return;
    this.fedUntil = sample.t;
    if (sample.rssKiB === undefined) return;
    const prev = this.prev;
    this.prev = sample;
    if (!prev || prev.rssKiB === undefined) return;
    const delta = sample.rssKiB - prev.rssKiB;
    if (delta > 0) this.rise(gapOwner(prev, sample), delta);
    else if (delta < 0) this.fall(-delta);
    // The composition at the highest RSS; copied again only when that is 0.5 % or 4 MiB over the last copy (few
    // copies). Measured from the last copy, not the last high: a slow creep in small steps still gets copied.
    if (sample.rssKiB > this.highest) {
      this.highest = sample.rssKiB;
      if (sample.rssKiB > this.copiedAt * 1.005 || sample.rssKiB - this.copiedAt > 4096) {
        this.atHighest = this.composition();
        this.copiedAt = sample.rssKiB;
      }
    }
  }

  private rise(owner: StackSample, kib: number): void {
    const loc = owner.loc;
    const key = loc ? keyOf(loc) : '';
    if (loc) {
      const line = this.lines.get(key) ?? { loc, addedKiB: 0, stack: owner.stack ?? [loc], biggest: 0 };
      line.addedKiB += kib;
      if (kib > line.biggest) {
        line.biggest = kib;
        line.stack = owner.stack ?? [loc];
      }
      this.lines.set(key, line);
    }
    const top = this.standing[this.standing.length - 1];
    if (top && top.key === key) top.kib += kib;
    else this.standing.push({ key, kib });
    // Lines taking turns for hours: the oldest rises are merged (under the larger one's line) to bound memory.
    if (this.standing.length > MAX_STANDING) {
      const [a, b] = this.standing.splice(0, 2);
      this.standing.unshift({ key: a.kib >= b.kib ? a.key : b.key, kib: a.kib + b.kib });
    }
  }

  private fall(kib: number): void {
    while (kib > 0 && this.standing.length) {
      const top = this.standing[this.standing.length - 1];
      const take = Math.min(kib, top.kib);
      top.kib -= take;
      kib -= take;
      if (top.kib <= 0) this.standing.pop();
    }
  }

  private composition(): Map<string, number> {
    const out = new Map<string, number>();
    for (const { key, kib } of this.standing) if (key) out.set(key, (out.get(key) ?? 0) + kib);
    return out;
  }

  /** The lines, most of the peak first (then most added), at most MAX_LINES; rises under 1 MiB are left out. */
  result(): LineUse[] {
    return [...this.lines.entries()]
      .map(([key, l]) => ({ ...l.loc, addedKiB: Math.round(l.addedKiB), atPeakKiB: Math.round(this.atHighest.get(key) ?? 0), stack: l.stack }))
      .filter((l) => l.addedKiB >= 1024)
      .sort((a, b) => b.atPeakKiB - a.atPeakKiB || b.addedKiB - a.addedKiB)
      .slice(0, MAX_LINES);
  }
}
