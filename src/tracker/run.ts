// startRun: spawn the target with its probes, poll the tree, collect records and stacks, and build the report.
import { spawn, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { cgroupLimit } from './cgroup';
import { TrackerError } from './errors';
import { GapWatch } from './gapWatch';
import { GilGaps } from './gilGaps';
import { findProbesDir, planLaunch, PROFILE_DIR, type Launch } from './launch';
import { LineAttribution } from './lines';
import { pickSample, type PeakWindow, type StackSample } from './locate';
import { ProfileLocator, readProfile, type SourceOf } from './nodeStacks';
import { oomKillCount } from './oom';
import { Poller } from './poller';
import { RunProcesses } from './members';
import { assertProcAvailable, processGroup, readMem, readStat, type Mem } from './proc';
import { SampleStream } from './pythonStacks';
import { kindsOf, RecordReader, type RunRecord } from './records';
import { signalGroup, signalTrees } from './signal';
import { REPORT_VERSION, type Checkpoint, type PeakLocation, type RunEvents, type RunOptions, type TestPeak, type TrackedRun, type TrackerReport } from './types';
import { Watchdog } from './watchdog';

export const DEFAULT_INTERVAL_MS = 50;
/** How often the root's VmHWM is read for a command or a Node script (see rootTimer). */
const ROOT_INTERVAL_MS = 10;
/** After the process exits, wait this long at most for its output pipes to drain (a grandchild may hold them). */
const DRAIN_MS = 1000;
/** During a stop's grace period, look this often whether every process of the run is gone (then it ends early). */
const GRACE_POLL_MS = 50;
/** No Python sample for this long: the main thread may hold the GIL in one long call, and its frames are read from outside. */
const GAP_MS = 20;
/** A rise of the root's memory worth placing, between two readings during such a silence. */
const RISE_KIB = 256;
/** How often the frames are read from outside while memory rises during a silence (a few reads of /proc each). */
const RISING_INTERVAL_MS = 2;
/** How late a reading from the frame reader's thread may arrive (a busy tracker thread), at most. */
const LATE_MS = 500;

const monoMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Call a listener; an exception in it must not stop the tracking. */
function emit<T>(listener: ((value: T) => void) | undefined, value: T): void {
  try {
    listener?.(value);
  } catch {
    // the listener's own problem
  }
}

/** A peak location from a probe, or null when it is not a plausible one (a script can write into the run folder). */
function plausible(loc: PeakLocation | null | undefined): PeakLocation | null {
  if (!loc || typeof loc.file !== 'string' || !path.isAbsolute(loc.file) || typeof loc.function !== 'string') return null;
  return Number.isSafeInteger(loc.line) && loc.line > 0 ? { file: loc.file, line: loc.line, function: loc.function } : null;
}

/** The plausible frames of a sample's stack, innermost first. */
function plausibleStack(sample: StackSample | null): PeakLocation[] {
  if (!sample) return [];
  return (sample.stack ?? [sample.loc]).map(plausible).filter((l): l is PeakLocation => l !== null);
}

/** Why a program could not be spawned, in words. */
function spawnProblem(file: string, cwd: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'EACCES' && file.includes('/') && fs.statSync(path.resolve(cwd, file), { throwIfNoEntry: false })?.isDirectory()) return 'it is a folder';
  return e.code === 'ENOENT' ? 'not found' : e.code === 'EACCES' ? 'permission denied' : e.message;
}

/** The run handle plus what only the CLI's summary needs. */
export interface Run extends TrackedRun {
  /** After `done`: the process died by SIGKILL while the cgroup's OOM-kill count grew. */
  readonly oomKilled: boolean;
}

/**
 * Start tracking a run. Rejects with a TrackerError when it cannot start (no /proc, a missing script, an interpreter
 * that does not exist, TypeScript without a transpiler); once started, `done` always resolves with the report.
 */
export async function startRun(options: RunOptions, events: RunEvents = {}): Promise<Run> {
  const procRoot = options.procRoot ?? '/proc';
  assertProcAvailable(procRoot);
  const probes = findProbesDir(options.probesDir);
  const interval = Math.min(10_000, Math.max(5, Math.round(options.intervalMs ?? DEFAULT_INTERVAL_MS)));
  const cgroup = cgroupLimit({ procRoot, cgroupRoot: options.cgroupRoot });
  const limitKiB = options.limitMb && options.limitMb > 0 ? Math.round(options.limitMb * 1024) : options.limitToCgroup && cgroup ? cgroup.limitKiB : null;
  if (options.limitToCgroup && !options.limitMb && !cgroup) throw new TrackerError('--limit cgroup: this process is in no cgroup with a memory limit');
  const budgetKiB = options.budgetMb && options.budgetMb > 0 ? Math.round(options.budgetMb * 1024) : null;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-run-'));
  const cleanup = () => {
    try {
      fs.rmSync(runDir, { recursive: true, force: true });
    } catch {
      // left in the temp folder: harmless
    }
  };

  let launch: Launch;
  try {
    launch = planLaunch(options, runDir, probes);
  } catch (err) {
    cleanup();
    throw err;
  }
  const std = options.stdio === 'inherit' ? 'inherit' : 'pipe';
  const stdio: StdioOptions = launch.stackPipe ? [std, std, std, 'pipe', 'pipe'] : [std, std, std];
  const oomBefore = oomKillCount();
  // Started before the child, so that no moment of the run is left unwatched.
  const watchdog = new Watchdog(probes, runDir);
  const startMono = monoMs();
  const gapWatch = launch.stackPipe ? new GapWatch(procRoot, runDir, startMono, { intervalMs: ROOT_INTERVAL_MS, risingIntervalMs: RISING_INTERVAL_MS, gapMs: GAP_MS, riseKiB: RISE_KIB }) : null;
  // In a process group (and session) of its own: the run's processes can be told apart from ours, and the watchdog
  // can kill them all at once. The terminal's Ctrl-C no longer reaches it directly; the CLI forwards it (`forward`).
  const child = spawn(launch.file, launch.args, { cwd, env: launch.env, stdio, detached: true });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (err) {
    watchdog.disarm();
    gapWatch?.close();
    cleanup();
    throw new TrackerError(`cannot run '${launch.file}': ${spawnProblem(launch.file, cwd, err as NodeJS.ErrnoException)}`);
  }
  child.on('error', () => undefined); // later errors (a signal to a gone process) change nothing
  const pid = child.pid!;
  const now = () => monoMs() - startMono;
  watchdog.group(pid);
  const members = new RunProcesses(procRoot, (p, start) => watchdog.watch(p, start));
  members.add([pid]);

  const poller = new Poller(pid, procRoot);
  const records = new RecordReader(runDir);
  let gaps: GilGaps | null = null;
  const stacks = launch.stackPipe ? new SampleStream(startMono, (fields) => gaps?.control(fields)) : null;
  if (stacks && gapWatch) {
    const memory = (t: number, mem: Mem) => {
      if (exited) return;
      poller.rootReading(t, mem.rssKiB, mem.hwmKiB, mem);
      checkLimit();
    };
    gaps = new GilGaps(gapWatch, child.stdio[4] as Writable, (l, f, file) => stacks.location(l, f, file), (s) => stacks.insert(s), memory);
  }
  (child.stdio[4] as Writable | null)?.on('error', () => undefined); // the wrapper closed its end
  const lines = new LineAttribution();
  /** Feed the line attribution the samples no sample from outside can come before any more. */
  const attribute = (all = false) => {
    if (!stacks) return;
    // Frames read from outside reach this thread a little after they were read (from the reader's thread): samples
    // wait LATE_MS, so that one read during a long call is in place before the samples around it are fed.
    const frontier = all ? Infinity : Math.min(gaps?.oldestPending ?? Infinity, now() - LATE_MS);
    const list = stacks.samples;
    let i = list.length;
    while (i > 0 && list[i - 1].t > lines.fedUntil) i--;
    for (; i < list.length && list[i].t < frontier; i++) lines.feed(list[i]);
  };
  const checkpoints: Checkpoint[] = [];
  const tests: TestPeak[] = [];
  let killedByLimit = false;
  let exited = false;
  /** The report is out: the run is over for stop(). */
  let finished = false;
  let graceTimer: NodeJS.Timeout | undefined;

  const originalLine = (file: string, line: number) => launch.ts?.files.get(file)?.map.originalLine(line - 1, 0) ?? line;

  const handle = (rec: RunRecord) => {
    const t = rec.mono - startMono;
    if (rec.type === 'exit') {
      poller.exited(rec.pid, t, rec.rssKiB, rec.hwmKiB);
    } else if (rec.type === 'test') {
      // The high-water mark is reset before each test: what it was at the end is the test's own peak, and the run's.
      poller.rootReading(t, rec.rssKiB, rec.hwmKiB, undefined, rec.pid);
      const peakKiB = rec.reset ? rec.hwmKiB : null;
      tests.push({ id: rec.id, file: rec.file, line: rec.line, peakKiB, addedKiB: peakKiB === null ? null : Math.max(0, peakKiB - rec.rssKiB), budgetKiB: rec.budgetKiB ?? null });
    } else {
      poller.rootReading(t, rec.rssKiB, rec.hwmKiB, kindsOf(rec), rec.pid);
      const cp: Checkpoint = {
        label: rec.label,
        file: rec.file,
        line: originalLine(rec.file, rec.line),
        t: Math.round(t),
        rssKiB: rec.rssKiB,
        peakKiB: Math.max(rec.peakKiB ?? 0, rec.hwmKiB),
        phasePeakKiB: rec.reset ? rec.hwmKiB : null,
        budgetKiB: rec.budgetKiB ?? null,
      };
      checkpoints.push(cp);
      emit(events.onCheckpoint, cp);
    }
  };

  /**
   * The run's processes now: the tree under the root while it runs, its process group, and every process seen in it
   * that is still alive (reparented when its parent exited, or gone to a group of its own).
   */
  const runRoots = () => {
    const alive = members.alive();
    return [...new Set([...(exited ? [] : [pid]), ...(groupIsOurs(alive) ? processGroup(pid, procRoot) : []), ...alive])];
  };
  // The group is the run's while the root or one of its known processes is in it: a group id is not handed out again
  // while the group has members, but once it has none the number could name another process's group.
  const groupIsOurs = (alive: number[]) => !exited || alive.some((p) => readStat(p, procRoot)?.pgrp === pid);
  const signalRun = (signal: NodeJS.Signals) => members.add(signalTrees(runRoots(), signal, procRoot));

  /** Called after every reading, so a limit is enforced as soon as any reading shows it crossed. */
  const checkLimit = () => {
    if (limitKiB === null || killedByLimit || exited || poller.livePeakKiB <= limitKiB) return;
    killedByLimit = true;
    signalRun('SIGKILL');
    emit(events.onLimit, { peakKiB: poller.livePeakKiB, limitKiB });
  };

  /** The run is over and no stop is under way: the watchdog can go. */
  const release = () => {
    if (finished && !graceTimer) watchdog.disarm();
  };

  const tick = () => {
    if (exited) return;
    const t = now();
    const rssKiB = poller.tick(t);
    members.add(poller.pids());
    records.read().forEach(handle);
    poller.commit(t);
    stacks?.pruneBefore(Math.min(poller.earliestRelevant, lines.fedUntil));
    emit(events.onSample, { t: Math.round(t), rssKiB, peakKiB: poller.livePeakKiB });
    checkLimit();
  };
  tick();
  const timer = setInterval(tick, interval);
  // Read the root's VmHWM more often than the tree's where nothing inside the process reports it: for a command, the
  // last reading before it exits is its peak; for Node, whose profile samples carry no memory, it times the peak.
  const rootTimer =
    launch.language === null || (launch.language === 'node' && launch.locate)
      ? setInterval(() => {
          const mem = exited ? null : readMem(pid, procRoot);
          if (mem) poller.rootReading(now(), mem.rssKiB, mem.hwmKiB);
          checkLimit();
        }, Math.min(interval, ROOT_INTERVAL_MS))
      : undefined;

  if (stacks) {
    const decoder = new StringDecoder('utf8');
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      for (const r of stacks.push(decoder.write(chunk))) {
        poller.rootReading(r.t, r.rssKiB, r.hwmKiB, r.kinds);
        gapWatch?.sampled(now(), r.rssKiB, r.hwmKiB);
      }
      attribute();
      checkLimit();
    });
  }
  child.stdout?.on('data', (chunk: Buffer) => emit(events.onStdout, chunk));
  child.stderr?.on('data', (chunk: Buffer) => emit(events.onStderr, chunk));
  child.stdin?.on('error', () => undefined); // EPIPE once the child stops reading

  const sourceCache = new Map<string, { text: string } | null>();
  const sourceOf: SourceOf = (file) => {
    const ts = launch.ts?.files.get(file);
    if (ts) return { text: ts.js, map: ts.map };
    if (!sourceCache.has(file)) {
      let text: string | null = null;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        // deleted since: no call-site search
      }
      sourceCache.set(file, text === null ? null : { text });
    }
    return sourceCache.get(file)!;
  };

  /** The stack at the peak, innermost first ([] when it cannot be placed). */
  const locate = (w: PeakWindow | null): PeakLocation[] => {
    if (!w) return [];
    if (stacks) return plausibleStack(pickSample(stacks.samples, w));
    if (launch.language !== 'node') return [];
    const profile = readProfile(path.join(runDir, PROFILE_DIR), pid);
    if (!profile) return [];
    return plausibleStack(pickSample(new ProfileLocator(profile, probes, sourceOf).samples(startMono, w.tPrev, w.t), w));
  };

  let oomKilled = false;
  const done = new Promise<TrackerReport>((resolve) => {
    child.once('exit', (code, signal) => {
      const wallMs = Math.round(now());
      exited = true;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        clearInterval(rootTimer);
        clearTimeout(drainTimer);
        const report: TrackerReport = {
          version: REPORT_VERSION,
          command: launch.command,
          exitCode: code,
          signal,
          wallMs,
          peakKiB: poller.measured || killedByLimit ? poller.livePeakKiB : null,
          finalRssKiB: null,
          limitKiB,
          killedByLimit,
          peakLocation: null,
          peakStack: [],
          peakKinds: null,
          topLines: [],
          cgroup,
          budgetKiB,
          samples: [],
          checkpoints,
          processes: [],
          tests,
        };
        try {
          records.read().forEach(handle);
          poller.commit(Infinity, true);
          const result = poller.result();
          // The process exited before it could be measured (see Poller.measured): no peak, rather than a made-up one.
          const measured = (poller.measured || killedByLimit) && result.peak !== null;
          report.peakKiB = measured ? result.peak!.value : null;
          report.finalRssKiB = measured ? result.finalRssKiB : null;
          report.samples = result.samples;
          report.processes = result.processes.map((p) => (p.pid === pid ? { ...p, argv: launch.command } : p));
          report.checkpoints = checkpoints.sort((a, b) => a.t - b.t);
          report.peakKinds = measured ? result.peakKinds : null;
          gaps?.close();
          attribute(true);
          report.topLines = lines.result().map((l) => ({ ...l, stack: l.stack.map(plausible).filter((f): f is PeakLocation => f !== null) }));
          report.peakStack = locate(result.peak);
          report.peakLocation = report.peakStack[0] ?? null;
        } catch {
          // An unreadable profile or source (or a fault of ours): the report keeps what was measured.
        } finally {
          cleanup();
        }
        const oomAfter = oomKillCount();
        oomKilled = signal === 'SIGKILL' && !killedByLimit && oomBefore !== null && oomAfter !== null && oomAfter > oomBefore;
        release();
        resolve(report);
      };
      // Output still in the pipes belongs to the run; a grandchild holding them open must not hold the report.
      const drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        (child.stdio[3] as Readable | null)?.destroy();
        finish();
      }, DRAIN_MS);
      child.once('close', finish);
    });
  });

  return {
    pid,
    done,
    get oomKilled() {
      return oomKilled;
    },
    stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 2000) {
      if (finished) return;
      signalRun(signal);
      if (signal === 'SIGKILL' || graceTimer) return;
      // Whatever of the run is still alive after the grace period is killed, even once the root has exited.
      const deadline = monoMs() + graceMs;
      graceTimer = setInterval(() => {
        const left = runRoots().length > 0;
        if (left && monoMs() < deadline) return;
        if (left) signalRun('SIGKILL');
        clearInterval(graceTimer);
        graceTimer = undefined;
        release();
      }, GRACE_POLL_MS);
    },
    forward(signal: NodeJS.Signals) {
      if (!finished && groupIsOurs(members.alive())) signalGroup(pid, signal);
    },
    writeStdin(data: string | Uint8Array) {
      if (!exited && child.stdin?.writable) child.stdin.write(data);
    },
    endStdin() {
      child.stdin?.end();
    },
  };
}
