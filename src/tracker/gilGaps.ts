// Python calls that hold the GIL for long (an operator: `b"x" * n`, `big + big`) keep the wrapper's sampler from
// running: its next sample comes after the call, in the caller. While no sample comes, the tracker reads the main
// thread's frames itself, from /proc/<pid>/mem (it is the process's parent, so the kernel lets it), where the wrapper
// said they are (frames.layout in the run folder, found once at start in its own memory). Each frame gives a code
// object's address and an instruction; the wrapper names the code objects when asked ("#code": file, function, line
// table), after the call. Nothing runs in the process for this: its cost is the tracker's, a few reads every 10 ms
// of a gap, on a worker thread of its own (gapWorker.ts). When the script ends, the wrapper waits (two seconds at
// most) for the questions about its last call ("#bye", answered "bye").
import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { GapWatch } from './gapWatch';
import type { StackSample } from './locate';
import type { Mem } from './proc';
import type { PeakLocation } from './types';

/** Where the frames are: the numbers of the wrapper's frames.layout (see calibrate_frames in run_python.py). */
export interface FrameLayout {
  tstate: number;
  /** Offset in the thread state of the current frame (3.13), or of the cframe holding it (3.11, 3.12). */
  stateOffset: number;
  /** Offset of the current frame in the cframe; -1: the thread state holds it directly. */
  cframeOffset: number;
  codeOffset: number;
  previousOffset: number;
  instrOffset: number;
  /** Offset of the bytecode in a code object. */
  codeBase: number;
  /** The code type's address: every frame's code object must have it. */
  codeType: number;
}

export function parseLayout(fields: readonly string[]): FrameLayout | null {
  const n = fields.map(Number);
  if (n.length !== 8 || !n.every(Number.isSafeInteger)) return null;
  const [tstate, stateOffset, cframeOffset, codeOffset, previousOffset, instrOffset, codeBase, codeType] = n;
  if (tstate <= 4096 || codeType <= 4096) return null;
  return { tstate, stateOffset, cframeOffset, codeOffset, previousOffset, instrOffset, codeBase, codeType };
}

/** A frame as read: its code object's address and the byte offset of its instruction in the bytecode. */
export interface RawFrame {
  code: number;
  offset: number;
}

/** Frames deeper than this are not read (recursion); the innermost are the ones that matter. */
const MAX_DEPTH = 256;
/** Samples waiting for their code objects to be named, at most (one call holding the GIL for a minute). */
const MAX_PENDING = 10_000;

/** Reads 8-byte words of another process's memory (/proc/<pid>/mem): a bad address is a null, never a crash. */
export class FrameReader {
  private readonly buf = Buffer.alloc(8);

  private constructor(
    private readonly fd: number,
    private readonly layout: FrameLayout,
  ) {}

  /** Null when the kernel does not let us read the process's memory (another user's, ptrace restrictions). */
  static open(pid: number, layout: FrameLayout, procRoot = '/proc'): FrameReader | null {
    try {
      const reader = new FrameReader(fs.openSync(`${procRoot}/${pid}/mem`, 'r'), layout);
      return reader.word(layout.tstate) === null ? (reader.close(), null) : reader;
    } catch {
      return null;
    }
  }

  private word(address: number): number | null {
    if (!(address > 4096) || !Number.isSafeInteger(address)) return null;
    try {
      if (fs.readSync(this.fd, this.buf, 0, 8, address) !== 8) return null;
    } catch {
      return null;
    }
    const value = this.buf.readBigUInt64LE(0);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
  }

  /** The main thread's frames now, innermost first; null when what was read is not a consistent chain. */
  read(): RawFrame[] | null {
    const l = this.layout;
    const holder = this.word(l.tstate + l.stateOffset);
    let frame = l.cframeOffset < 0 ? holder : holder && this.word(holder + l.cframeOffset);
    const frames: RawFrame[] = [];
    while (frame && frames.length < MAX_DEPTH) {
      const code = this.word(frame + l.codeOffset);
      const instr = this.word(frame + l.instrOffset);
      // Read while the thread runs: a frame being pushed or popped shows as a code that is not one.
      if (code === null || instr === null || this.word(code + 8) !== l.codeType) return null;
      frames.push({ code, offset: instr - (code + l.codeBase) });
      frame = this.word(frame + l.previousOffset);
    }
    return frames;
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

interface CodeInfo {
  user: boolean;
  fn: string;
  file: string;
  /** [start byte, end byte, line] from co_lines(). */
  ranges: Array<[number, number, number]>;
}

/** What the wrapper said of each code object the tracker asked about. */
export class CodeBook {
  private readonly known = new Map<number, CodeInfo | null>();
  private readonly asked = new Set<number>();

  /** The addresses among these that were never asked about. */
  unasked(frames: readonly RawFrame[]): number[] {
    const out: number[] = [];
    for (const { code } of frames) {
      if (this.known.has(code) || this.asked.has(code)) continue;
      this.asked.add(code);
      out.push(code);
    }
    return out;
  }

  /** A "#code" line: `code address user fn file ranges`, or `code address -` for no code object. */
  learn(fields: readonly string[]): void {
    const address = Number(fields[1]);
    if (fields[0] !== 'code' || !Number.isSafeInteger(address)) return;
    if (fields[2] !== '0' && fields[2] !== '1') return void this.known.set(address, null);
    const ranges: Array<[number, number, number]> = [];
    for (const r of (fields[5] ?? '').split(',')) {
      const [a, b, line] = r.split(':').map(Number);
      if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(line) && line > 0) ranges.push([a, b, line]);
    }
    this.known.set(address, { user: fields[2] === '1', fn: fields[3] ?? '', file: fields[4] ?? '', ranges });
  }

  /** Whether every frame's code object has been named (or found not to be one). */
  knows(frames: readonly RawFrame[]): boolean {
    return frames.every((f) => this.known.has(f.code));
  }

  /** The user frames of a chain, innermost first, each at the line of its instruction. */
  stack(frames: readonly RawFrame[], location: (line: number, fn: string, file: string) => PeakLocation): PeakLocation[] {
    const out: PeakLocation[] = [];
    for (const { code, offset } of frames) {
      const info = this.known.get(code);
      if (!info?.user) continue;
      // An instruction before the first (a frame just entered) counts as the first line.
      const range = info.ranges.find(([a, b]) => offset >= a && offset < b) ?? (offset < 0 ? info.ranges[0] : undefined);
      if (range) out.push(location(range[2], info.fn, info.file));
    }
    return out;
  }
}

/** Frames read during gaps (by gapWatch.ts), waiting for their code objects to be named; then stack samples like the wrapper's. */
export class GilGaps {
  private readonly book = new CodeBook();
  private pending: Array<{ t: number; frames: RawFrame[]; rssKiB: number | undefined }> = [];

  constructor(
    /** The frame reader's thread, started before the script. */
    private readonly watch: GapWatch,
    /** Where the questions go: the wrapper reads them on MEMLINT_CODE_FD. */
    private readonly questions: Writable,
    private readonly location: (line: number, fn: string, file: string) => PeakLocation,
    /** A resolved sample, to be added to the stream. */
    private readonly add: (sample: StackSample) => void,
    /** The root's memory read during a silence (ms since the start). */
    memory: (t: number, mem: Mem) => void,
  ) {
    watch.deliver(({ t, mem, frames }) => {
      memory(t, mem);
      if (frames?.length) this.read(t, frames, mem.rssKiB);
    });
  }

  /** A '#' line of the wrapper. */
  control(fields: readonly string[]): void {
    if (fields[0] === 'code') {
      this.book.learn(fields);
      this.flush();
    } else if (fields[0] === 'bye') {
      // The script is ending: once what was read during its last call has been asked about, the wrapper may go.
      void this.watch.flush().then(() => {
        if (this.questions.writable) this.questions.write('bye\n');
      });
    }
  }

  /** Frames read at `t`, with the process's RSS read at the same moment. */
  private read(t: number, frames: RawFrame[], rssKiB: number | undefined): void {
    const ask = this.book.unasked(frames);
    if (ask.length && this.questions.writable) this.questions.write(ask.map((a) => `${a}\n`).join(''));
    this.pending.push({ t, frames, rssKiB });
    if (this.pending.length > MAX_PENDING) this.pending.shift(); // never named: the oldest go
    this.flush();
  }

  /** The time of the oldest sample still waiting for names (later samples must wait for it); null: none waits. */
  get oldestPending(): number | null {
    return this.pending[0]?.t ?? null;
  }

  /** Add the samples whose code objects are all named, in time order. */
  flush(): void {
    while (this.pending.length && this.book.knows(this.pending[0].frames)) {
      const { t, frames, rssKiB } = this.pending.shift()!;
      const stack = this.book.stack(frames, this.location);
      this.add({ t, loc: stack[0] ?? null, stack, rssKiB, outside: true });
    }
  }

  /** The run is over: what was never named is dropped. */
  close(): void {
    this.flush();
    this.pending = [];
    this.watch.close();
  }
}
