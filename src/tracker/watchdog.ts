// The tracker's side of probes/watchdog.sh: a small shell, in a session of its own, that kills the run's processes and
// removes its temp folder if this process dies before the run is over (even by SIGKILL, which no handler here can
// see). Its input is a pipe from us: its end of file, without "done", means we died. A shell script, not Node: it
// starts in a millisecond and 1.5 MB, where a Node watchdog took 80 ms of CPU and 40 MB just as the run started.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export class Watchdog {
  private readonly child: ChildProcess | null;
  private disarmed = false;

  constructor(probesDir: string, runDir: string) {
    let child: ChildProcess | null = null;
    try {
      // The script is a file and the folder its argument: nothing is built into a command line.
      child = spawn('/bin/sh', [path.join(probesDir, 'watchdog.sh'), runDir], {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
        env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      });
      child.on('error', () => undefined); // no watchdog: the run still happens
      child.stdin!.on('error', () => undefined);
      // Neither the watchdog nor our pipe to it keeps this process alive.
      child.unref();
      (child.stdin as unknown as { unref?: () => void }).unref?.();
    } catch {
      child = null;
    }
    this.child = child;
  }

  /** The run's process group (the root's pid). */
  group(pgid: number): void {
    this.send(`group ${pgid}`);
  }

  /** A process of the run, named by pid and start time (a reused pid is not killed). */
  watch(pid: number, start: string): void {
    this.send(`pid ${pid} ${start}`);
  }

  private send(line: string): void {
    if (!this.disarmed) this.child?.stdin?.write(`${line}\n`);
  }

  /** The run is over: the watchdog leaves without killing anything. */
  disarm(): void {
    if (this.disarmed) return;
    this.disarmed = true;
    this.child?.stdin?.end('done\n');
  }
}
