// Signalling a whole process tree. The tree is frozen first (SIGSTOP), so no process forks a child we have not seen
// while we collect it; then every process gets the signal.
import { processTree } from './proc';

const send = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
};

/** Send `signal` to `root` and all its descendants; returns the pids signalled. */
export function signalTree(root: number, signal: NodeJS.Signals, procRoot = '/proc'): number[] {
  const seen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = processTree(root, procRoot).filter((pid) => !seen.has(pid));
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
