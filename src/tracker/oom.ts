// Did the kernel's OOM killer act? The cgroup counts its kills (v2: memory.events, v1: memory.oom_control); the
// child shares our cgroup, so a count that grew while a child died by SIGKILL names the culprit.
import * as fs from 'node:fs';

function count(file: string): number | null {
  try {
    const m = /^oom_kill (\d+)$/m.exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The oom_kill count of this process's memory cgroup, or null where it cannot be read. */
export function oomKillCount(): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  } catch {
    return null;
  }
  const v1 = lines.find((l) => /^\d+:([^:]*,)?memory(,[^:]*)?:/.test(l));
  const v2 = lines.find((l) => l.startsWith('0::'));
  const candidates: string[] = [];
  if (v1) {
    const p = v1.slice(v1.lastIndexOf(':') + 1).trim();
    candidates.push(`/sys/fs/cgroup/memory${p}/memory.oom_control`, '/sys/fs/cgroup/memory/memory.oom_control');
  }
  if (v2) candidates.push(`/sys/fs/cgroup${v2.slice(3).trim()}/memory.events`, '/sys/fs/cgroup/memory.events');
  for (const file of candidates) {
    const n = count(file);
    if (n !== null) return n;
  }
  return null;
}
