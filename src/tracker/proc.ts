// Reading /proc: a process's VmRSS and VmHWM, its children, its argv. Synchronous on purpose: each read is a few
// microseconds of kernel work, and a sample must see the whole tree at one moment.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrackerError } from './errors';

export interface Mem extends Kinds {
  rssKiB: number;
  hwmKiB: number;
  /** VmSize: with VmRSS, tells a child still sharing its parent's memory (forked, not yet exec'd). */
  sizeKiB: number;
}

/** Resident memory by kind (RssAnon, RssFile, RssShmem: their sum is VmRSS). Zero on kernels before 4.5. */
export interface Kinds {
  anonKiB: number;
  fileKiB: number;
  shmemKiB: number;
}

const buf = Buffer.alloc(4096);

/** Read a small /proc file into a shared buffer; null when it is gone (the process exited) or unreadable. */
function readSmall(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    let len = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, len, buf.length - len, null);
      if (n <= 0) break;
      len += n;
      if (len === buf.length) break;
    }
    return buf.toString('latin1', 0, len);
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function field(status: string, name: string): number | null {
  const at = status.indexOf(`\n${name}:`);
  if (at < 0) return null;
  const m = /^\s*(\d+)/.exec(status.slice(at + name.length + 2, at + name.length + 40));
  return m ? Number(m[1]) : null;
}

/** VmRSS and VmHWM of a process; null when it has exited (a zombie has no Vm lines either). */
export function readMem(pid: number, procRoot = '/proc'): Mem | null {
  const status = readSmall(`${procRoot}/${pid}/status`);
  if (status === null) return null;
  const rssKiB = field(status, 'VmRSS');
  const hwmKiB = field(status, 'VmHWM');
  if (rssKiB === null || hwmKiB === null) return null;
  return {
    rssKiB,
    hwmKiB: Math.max(hwmKiB, rssKiB),
    sizeKiB: field(status, 'VmSize') ?? 0,
    anonKiB: field(status, 'RssAnon') ?? 0,
    fileKiB: field(status, 'RssFile') ?? 0,
    shmemKiB: field(status, 'RssShmem') ?? 0,
  };
}

/** Direct children of a process: /proc/<pid>/task/<tid>/children of every thread (any thread may fork). */
export function childrenOf(pid: number, procRoot = '/proc'): number[] {
  let tids: string[];
  try {
    tids = fs.readdirSync(`${procRoot}/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tids) {
    const text = readSmall(`${procRoot}/${pid}/task/${tid}/children`);
    if (!text) continue;
    for (const part of text.split(' ')) {
      const child = Number(part);
      if (child > 0) out.push(child);
    }
  }
  return out;
}

/** The root and all its descendants, parents before children, each with its parent (the root's is 0). */
export function processTreeWithParents(root: number, procRoot = '/proc'): Array<{ pid: number; parent: number }> {
  const out: Array<{ pid: number; parent: number }> = [];
  const seen = new Set<number>();
  const queue = [{ pid: root, parent: 0 }];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next.pid)) continue;
    seen.add(next.pid);
    out.push(next);
    for (const child of childrenOf(next.pid, procRoot)) queue.push({ pid: child, parent: next.pid });
  }
  return out;
}

/** The root and all its descendants, parents before children. */
export function processTree(root: number, procRoot = '/proc'): number[] {
  return processTreeWithParents(root, procRoot).map((p) => p.pid);
}

export interface ProcStat {
  /** R, S, D, T, Z (a zombie: exited, not yet reaped) ... */
  state: string;
  /** The parent process. */
  ppid: number;
  /** The process group. */
  pgrp: number;
  /** Start time in clock ticks since boot: with the pid, names one process (a pid can be reused, this pair cannot). */
  start: string;
}

/** State, process group and start time of a process, from /proc/<pid>/stat; null when it is gone. */
export function readStat(pid: number, procRoot = '/proc'): ProcStat | null {
  const text = readSmall(`${procRoot}/${pid}/stat`);
  if (text === null) return null;
  // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so fields are counted after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (fields.length < 20) return null;
  return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), start: fields[19] };
}

/** The processes of a process group (a scan of /proc: a group has no list of its own). */
export function processGroup(pgid: number, procRoot = '/proc'): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(procRoot);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!(pid > 0)) continue;
    const stat = readStat(pid, procRoot);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') out.push(pid);
  }
  return out;
}

/** The argv a process was started with (empty once it has exited). */
export function readArgv(pid: number, procRoot = '/proc'): string[] {
  try {
    const raw = fs.readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1);
  } catch {
    return [];
  }
}

/** Throw a clear error unless this machine has the /proc the tracker reads (Linux). */
export function assertProcAvailable(procRoot = '/proc', platform: string = process.platform): void {
  if (platform !== 'linux') {
    throw new TrackerError(`the memory tracker needs Linux's /proc (this system is ${platform}); memlint check works everywhere`);
  }
  const self = readSmall(path.join(procRoot, 'self', 'status'));
  if (self === null || field(self, 'VmHWM') === null) {
    throw new TrackerError(`the memory tracker needs ${procRoot}/self/status with VmHWM (is /proc mounted?)`);
  }
  try {
    fs.accessSync(path.join(procRoot, 'self', 'task', String(process.pid), 'children'));
  } catch {
    throw new TrackerError(`the memory tracker needs ${procRoot}/<pid>/task/<tid>/children (a kernel with CONFIG_PROC_CHILDREN)`);
  }
}
