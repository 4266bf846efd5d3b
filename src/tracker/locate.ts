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
 * counters are approximations, and VmRSS read during a large allocation was seen 2.5-4 % under the VmHWM the same
 * allocation left (300 MB: readings of 306-314 MB, then 322 MB once it was freed), so with a 1 % tolerance the peak
 * went to the line after the allocation. A few KiB allocated later (printing the result, the exit itself) did not
 * make the peak either.
 */
export const placeTolerance = (peakKiB: number) => Math.max(256, peakKiB * 0.04);

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

/** What was running at `t`: a stack sample's innermost user frame (null: no user code on the stack), and its chain. */
export interface StackSample {
  t: number;
  loc: PeakLocation | null;
  /** The user frames, innermost first (`stack[0]` is `loc`); absent: only the innermost is known. */
  stack?: PeakLocation[];
  /** The process's RSS at the sample (KiB), when the sample carries it (Python's do). */
  rssKiB?: number;
  /** Read from outside the process during a call that held the GIL: it shows that call, whatever the gap before. */
  outside?: boolean;
}

const keyOf = (loc: PeakLocation) => `${loc.file}\0${loc.line}\0${loc.function}`;

/**
 * A gap between two samples longer than this is a call that held the GIL (Python's sampler asks every 10 ms while
 * memory rises): the sample that ends it shows that call. A shorter gap is ordinary sampling: what ran at the sample
 * before it was most likely still running (V8's profiler samples every 5 ms, so its gaps are all short).
 */
export const LONG_GAP_MS = 30;
/**
 * The same between two samples read from outside: the reader reads every 2 ms while memory rises (every 10 ms
 * otherwise), and pauses for 20 ms after each of the wrapper's samples; a longer gap between two of its samples is
 * that pause with no sample of the wrapper's after it, so a call held the GIL, and the later sample shows it.
 */
export const OUTSIDE_LONG_GAP_MS = 10;

/**
 * Which sample a gap belongs to: a short gap to the one that starts it; a long one to the one that ends it, unless
 * that one is a line above the other in the same function: the frame jumped back (a `with` block's exit, a loop's
 * next turn), so the work that held the GIL was the end of the block, the line sampled before.
 */
export function gapOwner(a: StackSample, b: StackSample): StackSample {
  if (b.outside && !a.outside) return b;
  if (b.t - a.t <= (a.outside && b.outside ? OUTSIDE_LONG_GAP_MS : LONG_GAP_MS)) return a;
  const jumpedBack = a.loc && b.loc && a.loc.file === b.loc.file && a.loc.function === b.loc.function && b.loc.line < a.loc.line;
  return jumpedBack ? a : b;
}

/**
 * The user code that made the peak. Each gap between two samples belongs to one of them (gapOwner), so each sample
 * stands for a span of time. The answer is the sample whose span holds `tPrev`, the last reading still below the
 * peak: what ran while memory was making its final rise (the code after it, up to `t`, only ran while it ended).
 * When that is not user code, samples vote with the time they share with the window; with no user code in it, the
 * nearest sample before it answers, else the nearest after. Samples must be sorted by time.
 */
export function pickLocation(samples: readonly StackSample[], w: PeakWindow): PeakLocation | null {
  return pickSample(samples, w)?.loc ?? null;
}

/** The sample pickLocation's answer comes from (its stack is the peak's). */
export function pickSample(samples: readonly StackSample[], w: PeakWindow): StackSample | null {
  const spans = samples.map((sample, i) => {
    const prev = samples[i - 1];
    const next = samples[i + 1];
    return {
      sample,
      from: prev && gapOwner(prev, sample) === sample ? prev.t : sample.t,
      to: next && gapOwner(sample, next) === sample ? next.t : sample.t,
    };
  });
  const holding =
    spans.find(({ sample, from, to }) => sample.loc && from <= w.tPrev && w.tPrev < to) ??
    spans.find(({ sample, from, to }) => sample.loc && from === to && to === w.tPrev);
  if (holding) return holding.sample;

  const votes = new Map<string, { sample: StackSample; weight: number; last: number }>();
  let before: StackSample | null = null;
  let after: StackSample | null = null;
  for (const { sample, from, to } of spans) {
    const { t, loc } = sample;
    if (!loc) continue;
    const shared = w.t > w.tPrev ? Math.min(to, w.t) - Math.max(from, w.tPrev) : 0;
    // A sample taken inside the window votes even when its span lies after it (its own reading can end the window).
    if (shared > 0 || (t > w.tPrev && t <= w.t)) {
      const v = votes.get(keyOf(loc)) ?? { sample, weight: 0, last: t };
      v.weight += Math.max(shared, 1e-6);
      v.last = t;
      v.sample = sample;
      votes.set(keyOf(loc), v);
    }
    if (t <= w.tPrev) before = sample;
    else if (!after && t > w.t) after = sample;
  }
  let best: { sample: StackSample; weight: number; last: number } | null = null;
  for (const v of votes.values()) if (!best || v.weight > best.weight || (v.weight === best.weight && v.last > best.last)) best = v;
  return best?.sample ?? before ?? after;
}
