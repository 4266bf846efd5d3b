// The tracker's public types: what a run takes, what it reports live, and the versioned report it ends with.

/** Sizes are KiB (1024 bytes), the unit of /proc; "MB" in memlint's text output means MiB, as in /proc and `free -m`. */
export type KiB = number;

/** Where memory peaked: the innermost frame of the user's own code (not the standard library, node_modules, node: internals or memlint). */
export interface PeakLocation {
  /** Absolute path of the user's file. */
  file: string;
  /** 1-based line. */
  line: number;
  /** Function name; `<module>` for top-level code. */
  function: string;
}

/** Resident memory by kind (RssAnon, RssFile, RssShmem of /proc/<pid>/status: their sum is VmRSS). */
export interface MemoryKinds {
  /** Anonymous: the heap, stacks, private mappings not backed by a file. */
  anonKiB: KiB;
  /** File-backed: mapped files (an `mmap` read, shared libraries, the interpreter's own code). */
  fileKiB: KiB;
  /** Shared memory (tmpfs, shm, shared anonymous mappings). */
  shmemKiB: KiB;
}

/** One point of the RSS timeline: the whole process tree's VmRSS sum, `t` ms after the start, and its kinds. */
export interface Sample extends MemoryKinds {
  t: number;
  rssKiB: KiB;
}

/** A user line the run's memory rose on (see README: memory by line). */
export interface LineUse extends PeakLocation {
  /** Every rise of the memory while this line ran, summed. */
  addedKiB: KiB;
  /** What of it was still there at the peak (frees taken from the latest rises first). */
  atPeakKiB: KiB;
  /** The chain of user frames that ran it most, innermost first (this line first). */
  stack: PeakLocation[];
}

/** The memory limit of the cgroup the run was in (the container's). */
export interface CgroupLimit {
  limitKiB: KiB;
  /** The file it came from: `/sys/fs/cgroup/.../memory.max`, `memory.high` or v1's `memory.limit_in_bytes`. */
  file: string;
}

/** A test of a pytest run (`memlint run -- python -m pytest`), with its own exact peak. */
export interface TestPeak {
  /** pytest's node id (`test_x.py::test_big`). */
  id: string;
  file: string;
  line: number;
  /** The process's peak during the test (its high-water mark was reset before it); null: reset not allowed. */
  peakKiB: KiB | null;
  /** The peak above the RSS the test started with. */
  addedKiB: KiB | null;
  /** `@pytest.mark.memlint(budget_mb=...)`, or null. */
  budgetKiB: KiB | null;
}

/** A phase a script marked with the checkpoint helper (`memlint_checkpoint` for Python, `memlint-checkpoint` for Node). */
export interface Checkpoint {
  label: string;
  file: string;
  line: number;
  /** ms after the run started. */
  t: number;
  /** VmRSS and VmHWM of the process that called it, at the call: `peakKiB` is its peak since it started. */
  rssKiB: KiB;
  peakKiB: KiB;
  /**
   * The process's exact peak since its previous checkpoint (or its start): the kernel's high-water mark, reset after
   * each checkpoint (`/proc/self/clear_refs`). Null where the reset is not allowed: only `peakKiB` is known then.
   */
  phasePeakKiB: KiB | null;
  /** The checkpoint's budget (`budget_mb=`): its phase peak (or, without it, its peak) must stay within it. */
  budgetKiB: KiB | null;
}

/** A process of the tree with its own peak (VmHWM: exact while it was observed). */
export interface ProcessPeak {
  pid: number;
  argv: string[];
  peakKiB: KiB;
}

export const REPORT_VERSION = 2;

/**
 * The report of one run, version 2: the JSON `memlint run --report FILE` writes and `TrackedRun.done` resolves to.
 * `peakKiB` is the peak of the tree's memory: for a single process its exact VmHWM; with child processes the peak of
 * their sum, estimated from samples (see src/tracker/README.md for how and its error).
 */
export interface TrackerReport {
  version: 2;
  /** What ran, as the user would type it (interpreter, script, arguments); memlint's own wrapper is not shown. */
  command: string[];
  /** The exit code, or null when a signal ended the run. */
  exitCode: number | null;
  /** The signal that ended the run (e.g. 'SIGKILL'), or null. */
  signal: string | null;
  wallMs: number;
  /** Null when nothing could be measured: the process exited before the first reading (`/bin/true`). */
  peakKiB: KiB | null;
  /** Null with `peakKiB`. */
  finalRssKiB: KiB | null;
  limitKiB: KiB | null;
  /** True when memlint killed the tree for going over `limitMb`, as a container's OOM kill would. */
  killedByLimit: boolean;
  peakLocation: PeakLocation | null;
  /** The whole chain of user frames at the peak, innermost first (`peakStack[0]` is `peakLocation`); [] when not placed. */
  peakStack: PeakLocation[];
  /**
   * What the tree's memory was made of at its highest reading (`rssKiB`: that reading's total, at most the peak: the
   * peak itself is a high-water mark, which has no kinds); null: not known (a kernel before 4.5).
   */
  peakKinds: (MemoryKinds & { rssKiB: KiB }) | null;
  /** The user lines the memory rose on, most at the peak first (at most 20; Python scripts). */
  topLines: LineUse[];
  /** The cgroup's memory limit when it has one (a container's), else null. */
  cgroup: CgroupLimit | null;
  /** `--budget`: the peak must stay within it (null: none). */
  budgetKiB: KiB | null;
  samples: Sample[];
  checkpoints: Checkpoint[];
  processes: ProcessPeak[];
  /** Each test of a pytest run with its own peak, in the order they ran ([] for anything else). */
  tests: TestPeak[];
}

export interface RunOptions {
  /**
   * A script to run (`.py` with `python`; `.js` `.mjs` `.cjs` with `node`; `.ts` `.mts` `.cts` with `node`, see
   * README for how TypeScript runs) or, with `kind: 'command'` or any other extension, a program to run as given.
   */
  target: string;
  args?: string[];
  /** Working directory of the child (default: this process's). Relative targets resolve against it. */
  cwd?: string;
  /** The child's environment (default: process.env); memlint adds its own MEMLINT_* variables, PYTHONPATH and NODE_PATH. */
  env?: NodeJS.ProcessEnv;
  /** Python interpreter for .py scripts (default 'python3'). */
  python?: string;
  /** Node binary for JS/TS scripts (default 'node'). */
  node?: string;
  /** How to run the target; 'auto' (default) decides by extension. */
  kind?: 'auto' | 'python' | 'node' | 'command';
  /** RSS sampling interval in ms (default 50, at least 5). */
  intervalMs?: number;
  /**
   * Place the peak (default true): the Python wrapper's stack sampler, Node's --cpu-prof. False measures with nothing
   * extra in the process (Node's profiler adds ~2.4 MB to its peak) and reports `peakLocation: null`.
   */
  locate?: boolean;
  /** Kill the whole tree once it uses more than this many MiB, as a container would (0 or absent: no limit). */
  limitMb?: number;
  /**
   * 'pipe' (default): the child's stdin/stdout/stderr are pipes; output comes through `onStdout`/`onStderr` and input
   * goes in with `writeStdin`. 'inherit': the child shares this process's terminal (the CLI).
   */
  stdio?: 'pipe' | 'inherit';
  /** Where memlint's probe files are (default: found next to this module). A bundled extension passes its copy. */
  probesDir?: string;
  /** Root of the proc filesystem (default '/proc'); tests point it elsewhere to check the "no /proc" message. */
  procRoot?: string;
  /** Where the cgroup filesystems are mounted (default '/sys/fs/cgroup'); tests point it at a fake one. */
  cgroupRoot?: string;
  /** Kill the tree above the cgroup's limit (`--limit cgroup`); `limitMb` wins when both are given. */
  limitToCgroup?: boolean;
  /** The peak budget (`--budget MB`), recorded in the report: nothing is killed. */
  budgetMb?: number;
}

/** Live events of a run; all optional. They fire on this process's event loop. */
export interface RunEvents {
  /** Every sampling interval: the tree's RSS now and the peak so far (KiB). */
  onSample?(sample: { t: number; rssKiB: KiB; peakKiB: KiB }): void;
  onStdout?(chunk: Buffer): void;
  onStderr?(chunk: Buffer): void;
  /** A checkpoint the script recorded (delivered within one sampling interval). */
  onCheckpoint?(checkpoint: Checkpoint): void;
  /** The tree went over the limit and is being killed. */
  onLimit?(over: { peakKiB: KiB; limitKiB: KiB }): void;
}

export interface TrackedRun {
  /** The pid of the process started (the interpreter, or the command). */
  readonly pid: number;
  /** The report, once the process has exited. Never rejects once the run has started. */
  readonly done: Promise<TrackerReport>;
  /**
   * Stop the run: `signal` (default SIGTERM) once to every process of the run (the tree, its process group, and any
   * process seen in it that is still alive, reparented or not), then SIGKILL to whatever of them is left after
   * `graceMs` (default 2000), even once the root has exited. The report still comes, with the signal and the peak
   * reached; it may come before the grace period ends. A no-op once the report is out.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): void;
  /**
   * Send a signal to the run's process group only, with nothing after it: what a terminal does with Ctrl-C (SIGINT),
   * Ctrl-\\ (SIGQUIT) or a resize (SIGWINCH). The run has a process group (and session) of its own, so the CLI
   * passes these on. Its group has no terminal, so the kernel discards SIGTSTP: send SIGSTOP to suspend it.
   */
  forward(signal: NodeJS.Signals): void;
  /** Write to the child's stdin (stdio 'pipe' only; ignored once it has exited). */
  writeStdin(data: string | Uint8Array): void;
  /** Close the child's stdin (EOF). */
  endStdin(): void;
}
