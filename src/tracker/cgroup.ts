// The container's view: the memory limit of the cgroup a process is in. cgroup v2: `memory.max` (the OOM killer's
// limit) or, when lower, `memory.high` (throttling); v1: `memory.limit_in_bytes`. The tightest limit of the cgroup and
// its ancestors counts. Inside a container the cgroup filesystem is often mounted at the process's own cgroup, while
// /proc/<pid>/cgroup still names the host's path: when that path is not there, the mount's root is the cgroup.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CgroupLimit } from './types';

export const CGROUP_ROOT = '/sys/fs/cgroup';
/** v1 says "no limit" with the largest page-aligned 64-bit value; anything this large is no limit. */
const UNLIMITED = 2 ** 60;

function readLimit(file: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  if (!/^\d+$/.test(text)) return null; // "max", or not a number
  const bytes = Number(text);
  return bytes > 0 && bytes < UNLIMITED ? bytes : null;
}

/** The folder of a cgroup path under a mount, or the mount itself when the path is not visible there (a container). */
function cgroupFolder(mount: string, cgroupPath: string): string | null {
  if (!fs.existsSync(mount)) return null;
  const full = path.join(mount, cgroupPath);
  return fs.existsSync(full) ? full : mount;
}

/** The tightest of `names` in the folder and each parent up to the mount. */
function tightest(mount: string, folder: string, names: string[]): CgroupLimit | null {
  let best: CgroupLimit | null = null;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    for (const name of names) {
      const file = path.join(dir, name);
      const bytes = readLimit(file);
      if (bytes !== null && (!best || bytes / 1024 < best.limitKiB)) best = { limitKiB: Math.floor(bytes / 1024), file };
    }
    if (dir === mount || !dir.startsWith(mount + path.sep)) return best;
  }
}

/** The memory limit of a process's cgroup (default: ours); null when it has none, or none can be read. */
export function cgroupLimit(options: { pid?: number | 'self'; procRoot?: string; cgroupRoot?: string } = {}): CgroupLimit | null {
  const root = options.cgroupRoot ?? CGROUP_ROOT;
  let text: string;
  try {
    text = fs.readFileSync(`${options.procRoot ?? '/proc'}/${options.pid ?? 'self'}/cgroup`, 'utf8');
  } catch {
    return null;
  }
  const found: CgroupLimit[] = [];
  for (const line of text.split('\n')) {
    const [id, controllers, cgroupPath] = [line.slice(0, line.indexOf(':')), ...line.slice(line.indexOf(':') + 1).split(/:(.*)/s)];
    if (cgroupPath === undefined) continue;
    if (id === '0' && controllers === '') {
      // v2: the unified hierarchy, at the root itself or at <root>/unified on a hybrid system.
      for (const mount of [root, path.join(root, 'unified')]) {
        if (!fs.existsSync(path.join(mount, 'cgroup.controllers'))) continue;
        const folder = cgroupFolder(mount, cgroupPath);
        const limit = folder && tightest(mount, folder, ['memory.max', 'memory.high']);
        if (limit) found.push(limit);
        break;
      }
    } else if (controllers.split(',').includes('memory')) {
      const mount = [path.join(root, 'memory'), path.join(root, controllers)].find((m) => fs.existsSync(m));
      const folder = mount && cgroupFolder(mount, cgroupPath);
      const limit = mount && folder && tightest(mount, folder, ['memory.limit_in_bytes']);
      if (limit) found.push(limit);
    }
  }
  return found.sort((a, b) => a.limitKiB - b.limitKiB)[0] ?? null;
}
