// The outside poller: reads VmRSS and VmHWM of every process in the tree each interval. VmHWM is each process's exact
// peak so far (the kernel keeps it; polling VmRSS alone would miss a spike between two samples). The peak of the
// tree's sum is estimated from the samples (see estimateSum). Readings go through a short delay line, so that an exit
// record arriving a little late can still discount what the process did after its exit hook ran (Node's profile dump).
import { MaxSeries, type PeakWindow } from './locate';
import { processTreeWithParents, readArgv, readMem, type Kinds, type Mem } from './proc';
import type { ProcessPeak, Sample } from './types';

export interface Reading {
  pid: number;
  rssKiB: number;
  hwmKiB: number;
  /** Resident memory by kind, when the reading has it. */
  kinds?: Kinds;
}

const NO_KINDS: Kinds = { anonKiB: 0, fileKiB: 0, shmemKiB: 0 };

/** The kinds of several readings, summed. */
function sumKinds(readings: readonly Reading[]): Kinds {
  const k = { anonKiB: 0, fileKiB: 0, shmemKiB: 0 };
  for (const r of readings) {
    const rk = r.kinds ?? NO_KINDS;
    k.anonKiB += rk.anonKiB;
    k.fileKiB += rk.fileKiB;
    k.shmemKiB += rk.shmemKiB;
  }
  return k;
}

interface Tick {
  t: number;
  /** A reading of the whole tree (false: the root alone, taken inside it with a stack sample). */
  full: boolean;
  readings: Reading[];
}

interface ProcessState {
  argv: string[];
  series: MaxSeries;
}

/** Readings newer than this are not accounted yet: an exit record may still arrive that discounts them. */
const LAG_MS = 500;
/** The timeline keeps at most this many samples; longer runs merge neighbours (keeping the higher RSS). */
export const MAX_SAMPLES = 20_000;
/** The report lists at most this many processes (those with the highest peaks). */
export const MAX_PROCESSES = 200;

/**
 * The peak of the tree's summed RSS, from two consecutive full readings. The plain sum of RSS at a sample misses what
 * happened between samples; VmHWM does not, so for each process whose VmHWM rose since the previous sample, the sum at
 * the moment of its peak is estimated as its new VmHWM plus the other processes' smaller RSS of the two samples.
 * Exact for one process; for several it can be low by what the others allocated and freed within one interval, and it
 * is never above the sum of the per-process peaks.
 */
export function estimateSum(prev: Map<number, Reading> | null, cur: readonly Reading[]): number {
  let sum = 0;
  for (const r of cur) sum += r.rssKiB;
  let best = sum;
  if (!prev) return Math.max(best, ...cur.map((r) => r.hwmKiB));
  for (const r of cur) {
    const before = prev.get(r.pid);
    if (before && r.hwmKiB <= before.hwmKiB) continue;
    let others = 0;
    for (const q of cur) {
      if (q.pid === r.pid) continue;
      const qPrev = prev.get(q.pid);
      others += qPrev ? Math.min(qPrev.rssKiB, q.rssKiB) : 0;
    }
    best = Math.max(best, r.hwmKiB + others);
  }
  return best;
}

export class Poller {
  /** The highest estimate seen so far, unlagged: for live display and the limit. */
  livePeakKiB = 0;
  /** Readings taken (of the tree or of the root). */
  private readingCount = 0;
  private liveLast: Map<number, Reading> | null = null;

  private readonly pending: Tick[] = [];
  private committedT = -Infinity;
  private readonly exits = new Map<number, { t: number; rssKiB: number; hwmKiB: number }>();
  private readonly processes = new Map<number, ProcessState>();
  private readonly tree = new MaxSeries();
  private last: Map<number, Reading> | null = null;
  /** Processes whose exit record has been fed into their series. */
  private readonly fed = new Set<number>();

  private readonly samples: Sample[] = [];
  private stride = 1;
  private bucket: Sample | null = null;
  private bucketCount = 0;

  constructor(
    private readonly root: number,
    private readonly procRoot = '/proc',
  ) {}

  /** Read the whole tree at `t` (ms since the start); returns its RSS now. */
  tick(t: number): number {
    const readings: Reading[] = [];
    const mems = new Map<number, Mem>();
    for (const { pid, parent } of processTreeWithParents(this.root, this.procRoot)) {
      const mem = readMem(pid, this.procRoot);
      if (!mem) continue;
      mems.set(pid, mem);
      // A child forked but not yet exec'd still maps its parent's memory (vfork: the very same pages): counting it
      // would count the parent twice, and its argv is still the parent's.
      const p = mems.get(parent);
      if (p && p.sizeKiB === mem.sizeKiB && p.rssKiB === mem.rssKiB) continue;
      readings.push({ pid, rssKiB: mem.rssKiB, hwmKiB: mem.hwmKiB, kinds: { anonKiB: mem.anonKiB, fileKiB: mem.fileKiB, shmemKiB: mem.shmemKiB } });
      // argv is read again each time: a process may exec (a shell running its last command, a fork exec'ing).
      const argv = readArgv(pid, this.procRoot);
      const state = this.processes.get(pid);
      if (!state) this.processes.set(pid, { argv, series: new MaxSeries() });
      else if (argv.length) state.argv = argv;
    }
    if (!readings.length) return 0; // the root has exited (a zombie has no memory to read)
    this.readingCount++;
    this.pending.push({ t, full: true, readings });
    this.livePeakKiB = Math.max(this.livePeakKiB, estimateSum(this.liveLast, readings));
    this.liveLast = new Map(readings.map((r) => [r.pid, r]));
    return readings.reduce((s, r) => s + r.rssKiB, 0);
  }

  /**
   * Whether the run's peak is known: from an exit record (exact), or from at least two readings. A single reading is
   * of a process caught as it started (often a few pages, just exec'd) that exited before the next (10 ms later for a
   * command): its peak would be a guess. `/bin/true` is usually gone before the first.
   */
  get measured(): boolean {
    return this.exits.size > 0 || this.readingCount >= 2;
  }

  /** Every process read so far. */
  pids(): IterableIterator<number> {
    return this.processes.keys();
  }

  /**
   * A reading of one process alone (default: the root), taken inside it (a stack sample, a checkpoint, a test's end)
   * or from outside during a gap: a finer view of when its VmHWM rose, and of a VmHWM about to be reset.
   */
  rootReading(t: number, rssKiB: number, hwmKiB: number, kinds?: Kinds, pid = this.root): void {
    if (t < this.committedT && pid === this.root) return; // too late for the delay line (the tracker was stalled): the ticks cover it
    this.readingCount++;
    this.pending.push({ t: Math.max(t, this.committedT), full: false, readings: [{ pid, rssKiB, hwmKiB, kinds }] });
    if (pid === this.root) this.livePeakKiB = Math.max(this.livePeakKiB, hwmKiB);
  }

  /** An exit record: the process's exact final VmHWM at `t`. Later readings of it are its exit's own cost. */
  exited(pid: number, t: number, rssKiB: number, hwmKiB: number): void {
    this.exits.set(pid, { t, rssKiB, hwmKiB });
    if (!this.processes.has(pid)) this.processes.set(pid, { argv: readArgv(pid, this.procRoot), series: new MaxSeries() });
  }

  /** Account the readings older than the delay line (all of them with `all`), in time order. */
  commit(now: number, all = false): void {
    this.pending.sort((a, b) => a.t - b.t); // samples from the child's pipe may arrive after a later tick
    while (this.pending.length && (all || this.pending[0].t < now - LAG_MS)) {
      const tick = this.pending.shift()!;
      this.committedT = tick.t;
      this.account(tick);
    }
  }

  private account(tick: Tick): void {
    const readings = tick.readings.map((r) => {
      const exit = this.exits.get(r.pid);
      if (!exit || tick.t <= exit.t) {
        this.processes.get(r.pid)?.series.feed(tick.t, r.hwmKiB);
        return r;
      }
      // Read after its exit hook: the exit record's exact value stands for it, fed once at the exit's own time.
      this.feedExit(r.pid);
      return { pid: r.pid, rssKiB: Math.min(r.rssKiB, exit.rssKiB), hwmKiB: exit.hwmKiB };
    });
    if (!tick.full) {
      // The root alone, read inside it: its kinds stand for the tree's while the tree is the root alone.
      if (readings[0].kinds && readings[0].pid === this.root && this.last?.size === 1) this.noteKinds(readings[0].rssKiB, readings[0].kinds);
      return;
    }
    this.tree.feed(tick.t, estimateSum(this.last, readings));
    this.last = new Map(readings.map((r) => [r.pid, r]));
    const rssKiB = readings.reduce((s, r) => s + r.rssKiB, 0);
    const kinds = sumKinds(readings);
    this.noteKinds(rssKiB, kinds);
    this.addSample({ t: Math.round(tick.t), rssKiB, ...kinds });
  }

  /** The kinds of the highest reading so far: what the peak was made of, within one reading of it. */
  private topKinds: (Kinds & { rssKiB: number }) | null = null;

  private noteKinds(rssKiB: number, kinds: Kinds): void {
    if (kinds.anonKiB + kinds.fileKiB + kinds.shmemKiB === 0) return; // a kernel without the Rss* lines
    if (!this.topKinds || rssKiB > this.topKinds.rssKiB) this.topKinds = { rssKiB, anonKiB: kinds.anonKiB, fileKiB: kinds.fileKiB, shmemKiB: kinds.shmemKiB };
  }

  private feedExit(pid: number): void {
    const exit = this.exits.get(pid);
    if (!exit || this.fed.has(pid)) return;
    this.fed.add(pid);
    this.processes.get(pid)?.series.finish(exit.t, exit.hwmKiB);
  }

  private addSample(s: Sample): void {
    this.bucket = this.bucket ? { ...(s.rssKiB > this.bucket.rssKiB ? s : this.bucket), t: this.bucket.t } : s;
    if (++this.bucketCount < this.stride) return;
    this.samples.push(this.bucket);
    this.bucket = null;
    this.bucketCount = 0;
    if (this.samples.length >= MAX_SAMPLES) {
      const merged: Sample[] = [];
      for (let i = 0; i < this.samples.length; i += 2) {
        const b = this.samples[i + 1];
        const a = this.samples[i];
        merged.push(b ? { ...(b.rssKiB > a.rssKiB ? b : a), t: a.t } : a);
      }
      this.samples.splice(0, this.samples.length, ...merged);
      this.stride *= 2;
    }
  }

  /** Everything accounted, with each exit record's exact value folded in. Call after commit(_, true). */
  result(): { peak: PeakWindow | null; finalRssKiB: number; samples: Sample[]; processes: ProcessPeak[]; peakKinds: (Kinds & { rssKiB: number }) | null } {
    for (const pid of this.exits.keys()) this.feedExit(pid);
    if (this.bucket) this.samples.push(this.bucket);
    this.bucket = null;

    const peak = this.best();
    const rootExit = this.exits.get(this.root);
    let finalRssKiB = 0;
    for (const r of this.last?.values() ?? []) {
      if (r.pid !== this.root || !rootExit) finalRssKiB += r.rssKiB;
    }
    if (rootExit) finalRssKiB += rootExit.rssKiB;

    let processes = [...this.processes.entries()]
      .filter(([, p]) => p.series.peak)
      .map(([pid, p]) => ({ pid, argv: p.argv, peakKiB: p.series.peak!.value }));
    if (processes.length > MAX_PROCESSES) {
      const keep = new Set([...processes].sort((a, b) => b.peakKiB - a.peakKiB).slice(0, MAX_PROCESSES));
      processes = processes.filter((p) => keep.has(p));
    }
    return { peak, finalRssKiB, samples: this.samples, processes, peakKinds: this.topKinds };
  }

  /** The window of the highest value accounted so far: the tree's sum, or one process's VmHWM on a tie (finer). */
  private best(): PeakWindow | null {
    let peak = this.tree.peak;
    for (const p of this.processes.values()) {
      if (p.series.peak && (!peak || p.series.peak.value >= peak.value)) peak = p.series.peak;
    }
    return peak;
  }

  /** Stack samples older than this cannot place the peak any more (a higher one would come later). */
  get earliestRelevant(): number {
    return this.best()?.tPrev ?? 0;
  }
}
