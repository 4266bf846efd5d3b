// Signalling a run's processes. They are frozen first (SIGSTOP), so no process forks a child we have not seen while we
// collect them; then each gets the signal once (a second SIGTERM can mean "force" to a program).
import { processTree } from './proc';

const send = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
};

/** Send `signal` to each of `roots` and all their descendants; returns the pids signalled. */
export function signalTrees(roots: readonly number[], signal: NodeJS.Signals, procRoot = '/proc'): number[] {
  const seen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = roots.flatMap((root) => processTree(root, procRoot)).filter((pid) => !seen.has(pid));
    if (!fresh.length) break;
    for (const pid of fresh) {
      seen.add(pid);
      send(pid, 'SIGSTOP');
    }
  }
  for (const pid of seen) send(pid, signal);
  if (signal !== 'SIGKILL') for (const pid of seen) send(pid, 'SIGCONT');
  return [...seen];
}

/** Send `signal` to a process group, as a terminal sends Ctrl-C to its foreground group. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  send(-pgid, signal);
}
