// The Python wrapper's stack samples, parsed as they arrive: one line per sample, "mono_ms\trss\thwm\tline\tfunction\tfile":
// the time, the process's VmRSS and VmHWM (KiB) read right then, and the main thread's innermost frame of the user's
// own code (line 0: no user code on the stack).
import type { StackSample } from './locate';
import type { PeakLocation } from './types';

const unescape = (text: string) => text.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));

export class SampleStream {
  private rest = '';
  private readonly locs = new Map<string, PeakLocation>();
  readonly samples: StackSample[] = [];

  /** @param startMono the run's start on the monotonic clock (ms): sample times become ms since the start. */
  constructor(private readonly startMono: number) {}

  /** Feed a chunk; returns the memory readings of the samples it completed (ms since the start, KiB). */
  push(chunk: string): Array<{ t: number; rssKiB: number; hwmKiB: number }> {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop()!;
    const readings: Array<{ t: number; rssKiB: number; hwmKiB: number }> = [];
    for (const line of lines) {
      const [mono, rss, hwm, lineNo, fn, file] = line.split('\t');
      const t = Number(mono) - this.startMono;
      // The pipe is the wrapper's, but the script could write to fd 3 too: only well-formed samples count.
      if (!Number.isFinite(t) || !/^\d+$/.test(rss ?? '') || !/^\d+$/.test(hwm ?? '') || !/^\d+$/.test(lineNo ?? '')) continue;
      if (Number(hwm) > 0) readings.push({ t, rssKiB: Number(rss), hwmKiB: Math.max(Number(hwm), Number(rss)) });
      const key = `${lineNo}\t${fn}\t${file}`;
      let loc = this.locs.get(key) ?? null;
      if (!loc && Number(lineNo) > 0 && file) {
        loc = { file: unescape(file), line: Number(lineNo), function: unescape(fn ?? '') };
        this.locs.set(key, loc);
      }
      this.samples.push({ t, loc });
    }
    return readings;
  }

  /** Forget samples before `t`, keeping the last one before it (the peak is placed from the samples around it). */
  pruneBefore(t: number): void {
    let keep = 0;
    while (keep + 1 < this.samples.length && this.samples[keep + 1].t < t) keep++;
    if (keep > 0) this.samples.splice(0, keep);
  }
}
