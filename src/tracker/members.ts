// Every process a run has had, by pid and start time. A process whose parent exits leaves the tree (it is reparented),
// so after the root exits the tree alone no longer finds it: stopping a run signals these too. The start time makes a
// pid reused by an unrelated process harmless: it is never signalled.
import { readStat } from './proc';

export class RunProcesses {
  /** pid -> start time; null once it is seen gone (a pid reused later in the same run is not followed). */
  private readonly started = new Map<number, string | null>();

  constructor(
    private readonly procRoot = '/proc',
    /** Called once for each process first seen (the watchdog is told). */
    private readonly onNew: (pid: number, start: string) => void = () => undefined,
  ) {}

  add(pids: Iterable<number>): void {
    for (const pid of pids) {
      if (this.started.has(pid)) continue;
      const stat = readStat(pid, this.procRoot);
      if (!stat || stat.state === 'Z') continue;
      this.started.set(pid, stat.start);
      this.onNew(pid, stat.start);
    }
  }

  /** Those still running (a zombie has exited: only its parent's wait is left). */
  alive(): number[] {
    const out: number[] = [];
    for (const [pid, start] of this.started) {
      if (start === null) continue;
      const stat = readStat(pid, this.procRoot);
      if (stat && stat.start === start && stat.state !== 'Z') out.push(pid);
      else this.started.set(pid, null);
    }
    return out;
  }
}
