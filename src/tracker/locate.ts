// Placing the peak: when did the high-water mark reach its final value, and what user code was running then.
import type { PeakLocation } from './types';

/** The readings around the moment a series reached its maximum: it rose after `tPrev` and was seen at `t`. */
export interface PeakWindow {
  value: number;
  tPrev: number;
  t: number;
}

/**
 * Rises smaller than this after the peak was first (nearly) reached do not move where it is placed: the kernel's RSS
 * counters are per-CPU approximations (a few hundred KiB), and a few KiB allocated later (printing the result, the
 * exit itself) did not make the peak.
 */
export const placeTolerance = (peakKiB: number) => Math.max(256, peakKiB * 0.01);

/**
 * Running maximum of a series of readings. `peak.value` is the maximum; its window is where the series first came
 * within placeTolerance of it. Keeps only the rises that can still be that window, so memory stays small.
 */
export class MaxSeries {
  private max = -Infinity;
  private rises: PeakWindow[] = [];
  private lastT: number | null = null;

  feed(t: number, value: number): void {
    const tPrev = this.lastT ?? t;
    if (value > this.max) {
      this.max = value;
      this.rises.push({ value, tPrev, t });
      const floor = value - placeTolerance(value);
      while (this.rises[0].value < floor) this.rises.shift(); // the last rise is the maximum: the loop stops there
    }
    this.lastT = t;
  }

  /** A final exact value (from the exit hook), reached after the last reading. */
  finish(t: number, value: number): void {
    this.feed(t, value);
  }

  get peak(): PeakWindow | null {
    const first = this.rises[0];
    return first ? { ...first, value: this.max } : null;
  }
}

/** What was running at `t`: a stack sample reduced to its innermost user frame (null: no user code on the stack). */
export interface StackSample {
  t: number;
  loc: PeakLocation | null;
}

const keyOf = (loc: PeakLocation) => `${loc.file}\0${loc.line}\0${loc.function}`;

/**
 * The user code that made the peak. Each sample stands for the time since the sample before it: with the Python
 * sampler, a long gap means the main thread held the GIL in one call, and the sample that ends the gap shows that
 * call; with V8's profiler the gaps are even and this only shifts the samples by one period. Samples vote with the
 * time they share with the window (a window of no width: the sample whose time span holds it); with no user code in
 * the window, the nearest sample before it answers, else the nearest after. Samples must be sorted by time.
 */
export function pickLocation(samples: readonly StackSample[], w: PeakWindow): PeakLocation | null {
  const votes = new Map<string, { loc: PeakLocation; weight: number; last: number }>();
  let before: PeakLocation | null = null;
  let after: PeakLocation | null = null;
  for (let i = 0; i < samples.length; i++) {
    const { t, loc } = samples[i];
    if (!loc) continue;
    const from = i > 0 ? samples[i - 1].t : t;
    const shared = w.t > w.tPrev ? Math.min(t, w.t) - Math.max(from, w.tPrev) : from < w.t && w.t <= t ? 1 : 0;
    if (shared > 0 || (from === t && t > w.tPrev && t <= w.t)) {
      const v = votes.get(keyOf(loc)) ?? { loc, weight: 0, last: t };
      v.weight += Math.max(shared, 1e-6);
      v.last = t;
      votes.set(keyOf(loc), v);
    }
    if (t <= w.tPrev) before = loc;
    else if (!after && t > w.t) after = loc;
  }
  let best: { loc: PeakLocation; weight: number; last: number } | null = null;
  for (const v of votes.values()) if (!best || v.weight > best.weight || (v.weight === best.weight && v.last > best.last)) best = v;
  return best?.loc ?? before ?? after;
}
