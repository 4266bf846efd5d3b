// The Python wrapper's stack samples, parsed as they arrive. One line per sample, tab-separated:
// "mono_ms rss hwm anon file shmem count (line function file){count}": the time, the process's VmRSS, VmHWM, RssAnon,
// RssFile and RssShmem (KiB) read right then, and the main thread's user frames, innermost first (count 0: no user
// code on the stack). Lines starting with '#' are the wrapper's answers about frames read from outside (gilGaps.ts).
import type { StackSample } from './locate';
import type { MemoryKinds, PeakLocation } from './types';

const unescape = (text: string) => text.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));

export interface SampleReading {
  t: number;
  rssKiB: number;
  hwmKiB: number;
  kinds: MemoryKinds;
}

const isCount = (v: string | undefined) => v !== undefined && /^\d+$/.test(v);

export class SampleStream {
  private rest = '';
  private readonly locs = new Map<string, PeakLocation>();
  readonly samples: StackSample[] = [];

  /**
   * @param startMono the run's start on the monotonic clock (ms): sample times become ms since the start.
   * @param onControl a '#' line of the wrapper (split on tabs, without the '#').
   */
  constructor(
    private readonly startMono: number,
    private readonly onControl: (fields: string[]) => void = () => undefined,
  ) {}

  /** A frame, the same object each time it is seen (stacks share them). */
  location(line: number, fn: string, file: string): PeakLocation {
    const key = `${line}\t${fn}\t${file}`;
    let loc = this.locs.get(key);
    if (!loc) {
      loc = { file, line, function: fn };
      this.locs.set(key, loc);
    }
    return loc;
  }

  /** Feed a chunk; returns the memory readings of the samples it completed (ms since the start, KiB). */
  push(chunk: string): SampleReading[] {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop()!;
    const readings: SampleReading[] = [];
    for (const line of lines) {
      if (line.startsWith('#')) {
        this.onControl(line.slice(1).split('\t').map(unescape));
        continue;
      }
      const [mono, rss, hwm, anon, file, shmem, count, ...frames] = line.split('\t');
      const t = Number(mono) - this.startMono;
      // The pipe is the wrapper's, but the script could write to fd 3 too: only well-formed samples count.
      if (!Number.isFinite(t) || ![rss, hwm, anon, file, shmem, count].every(isCount) || frames.length !== 3 * Number(count)) continue;
      if (Number(hwm) > 0) {
        const kinds = { anonKiB: Number(anon), fileKiB: Number(file), shmemKiB: Number(shmem) };
        readings.push({ t, rssKiB: Number(rss), hwmKiB: Math.max(Number(hwm), Number(rss)), kinds });
      }
      const stack: PeakLocation[] = [];
      for (let i = 0; i + 2 < frames.length; i += 3) {
        if (!isCount(frames[i]) || Number(frames[i]) <= 0 || !frames[i + 2]) continue;
        stack.push(this.location(Number(frames[i]), unescape(frames[i + 1]), unescape(frames[i + 2])));
      }
      this.insert({ t, loc: stack[0] ?? null, stack, rssKiB: Number(hwm) > 0 ? Number(rss) : undefined });
    }
    return readings;
  }

  /** Add a sample in time order (one read from outside during a long call comes after the wrapper's next one). */
  insert(sample: StackSample): void {
    let at = this.samples.length;
    while (at > 0 && this.samples[at - 1].t > sample.t) at--;
    this.samples.splice(at, 0, sample);
  }

  /** Forget samples before `t`, keeping the last one before it (the peak is placed from the samples around it). */
  pruneBefore(t: number): void {
    let keep = 0;
    while (keep + 1 < this.samples.length && this.samples[keep + 1].t < t) keep++;
    if (keep > 0) this.samples.splice(0, keep);
  }
}
