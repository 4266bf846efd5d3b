// V8's CPU profile, read for the peak location. Its samples are timed (CLOCK_MONOTONIC, like our readings) and name
// the function running at each moment, but keep a line only for the innermost frame: the line in the user's function
// is found from the callee the sample shows (a native callee's ticks carry the caller's line; otherwise the call to
// that name in the function's source), or from the function's own ticks when it is the innermost frame. Top-level code
// whose line cannot be told this way gives no location (rather than line 1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import type { StackSample } from './locate';
import type { SourceMap } from './sourcemap';
import { loadTypeScript } from './typescript';
import type { PeakLocation } from './types';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The code V8 ran for a file (for TypeScript: the transpiled JavaScript, with its map back to the .ts lines). */
export type SourceOf = (file: string) => { text: string; map?: SourceMap } | null;

/** The file of a user frame, or null for node: internals, native code, node_modules and memlint's own probes. */
export function userFileOfUrl(url: string, probesDir: string): string | null {
  let file: string;
  if (url.startsWith('file://')) {
    try {
      file = fileURLToPath(url);
    } catch {
      return null;
    }
  } else if (path.isAbsolute(url)) file = url;
  else return null;
  if (file.split(path.sep).includes('node_modules')) return null;
  if (file.startsWith(probesDir + path.sep)) return null;
  return file;
}

/** A Node stack at the peak keeps at most this many user frames. */
const MAX_STACK = 32;

const mostTicked = (ticks: CpuProfileNode['positionTicks']) => (ticks?.length ? ticks.reduce((a, b) => (b.ticks > a.ticks ? b : a)).line : null);

/** The short name V8 gives a function ('Module._load' -> '_load', 'get size' -> 'size'). */
const shortName = (name: string) => name.split(/[. ]/).pop() ?? '';

/** 0-based line of the first call to `name` made directly in the function that starts at (line, column). */
function callLine(ts: typeof TS, sf: TS.SourceFile, line: number, column: number, name: string): number | null {
  let pos: number;
  try {
    pos = sf.getPositionOfLineAndCharacter(line, column);
  } catch {
    return null;
  }
  let fn: TS.Node = sf;
  const enclose = (node: TS.Node): void => {
    if (node.getStart(sf) > pos || node.end <= pos) return;
    if (ts.isFunctionLike(node)) fn = node;
    ts.forEachChild(node, enclose);
  };
  if (line !== 0 || column !== 0) ts.forEachChild(sf, enclose);

  let found: TS.Node | null = null;
  const calleeName = (e: TS.Expression): TS.Node | null => {
    while (ts.isParenthesizedExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken)) {
      e = ts.isParenthesizedExpression(e) ? e.expression : e.right;
    }
    if (ts.isIdentifier(e)) return e;
    if (ts.isPropertyAccessExpression(e)) return e.name;
    if (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression)) return e.argumentExpression;
    return null;
  };
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (node !== fn && ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const callee = calleeName(ts.isTaggedTemplateExpression(node) ? node.tag : node.expression);
      const text = callee && (ts.isStringLiteral(callee) ? callee.text : callee.getText(sf));
      if (callee && text === name) {
        found = callee;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found ? sf.getLineAndCharacterOfPosition((found as TS.Node).getStart(sf)).line : null;
}

export class ProfileLocator {
  private readonly byId = new Map<number, CpuProfileNode>();
  private readonly parent = new Map<number, number>();
  private readonly cache = new Map<number, PeakLocation | null>();
  private readonly locs = new Map<string, PeakLocation>();
  private readonly stacks = new Map<number, PeakLocation[]>();
  private readonly parsed = new Map<string, TS.SourceFile>();

  constructor(
    private readonly profile: CpuProfile,
    private readonly probesDir: string,
    private readonly sourceOf: SourceOf,
  ) {
    for (const node of profile.nodes) {
      this.byId.set(node.id, node);
      for (const child of node.children ?? []) this.parent.set(child, node.id);
    }
  }

  /** Samples from 2 s before `from` to 2 s after `to` (ms since `startMs`, the run's start on the monotonic clock). */
  samples(startMs: number, from: number, to: number): StackSample[] {
    const out: StackSample[] = [];
    const ids = this.profile.samples ?? [];
    const deltas = this.profile.timeDeltas ?? [];
    let us = this.profile.startTime;
    for (let i = 0; i < ids.length; i++) {
      us += deltas[i] ?? 0;
      const t = us / 1000 - startMs;
      if (t < from - 2000) continue;
      if (t > to + 2000) break;
      const stack = this.stackOf(ids[i]);
      out.push({ t, loc: stack[0] ?? null, stack });
    }
    return out;
  }

  /**
   * The user frames of a sample's stack, innermost first, each line resolved as described at the top of this file
   * (a caller's line is its call to the frame below it). An innermost frame whose line cannot be told ends the stack
   * empty, as locationOf gives no location for it.
   */
  stackOf(id: number): PeakLocation[] {
    const cached = this.stacks.get(id);
    if (cached) return cached;
    const stack: PeakLocation[] = [];
    const first = this.locationOf(id);
    if (first) {
      stack.push(first);
      let callee: CpuProfileNode | null = null;
      let passedFirst = false;
      for (let node = this.byId.get(id); node && stack.length < MAX_STACK; node = this.byId.get(this.parent.get(node.id) ?? -1)) {
        const file = userFileOfUrl(node.callFrame.url, this.probesDir);
        if (file && passedFirst) {
          const loc = this.resolve(node, callee, file);
          if (loc) stack.push(this.shared(loc));
        }
        if (file) passedFirst = true;
        callee = node;
      }
    }
    this.stacks.set(id, stack);
    return stack;
  }

  private shared(loc: PeakLocation): PeakLocation {
    const key = `${loc.file}\0${loc.line}\0${loc.function}`;
    return this.locs.get(key) ?? (this.locs.set(key, loc), loc);
  }

  /** The innermost user frame of a sample's stack, with the line resolved as described at the top of this file. */
  locationOf(id: number): PeakLocation | null {
    if (this.cache.has(id)) return this.cache.get(id)!;
    let callee: CpuProfileNode | null = null;
    let loc: PeakLocation | null = null;
    for (let node = this.byId.get(id); node; node = this.byId.get(this.parent.get(node.id) ?? -1)) {
      const file = userFileOfUrl(node.callFrame.url, this.probesDir);
      if (file) {
        loc = this.resolve(node, callee, file);
        break;
      }
      callee = node;
    }
    if (loc) loc = this.shared(loc);
    this.cache.set(id, loc);
    return loc;
  }

  private parse(ts: typeof TS, file: string, text: string, transpiled: boolean): TS.SourceFile {
    let sf = this.parsed.get(file);
    if (!sf) this.parsed.set(file, (sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindOf(ts, file, transpiled))));
    return sf;
  }

  /** Null when the sample is in a module's top-level code and its line cannot be told (line 1 would mislead). */
  private resolve(fn: CpuProfileNode, callee: CpuProfileNode | null, file: string): PeakLocation | null {
    const { functionName, lineNumber, columnNumber } = fn.callFrame;
    const source = this.sourceOf(file);
    let line: number | null = null; // 1-based, in the code V8 ran
    if (callee && callee.callFrame.url === '') line = mostTicked(callee.positionTicks);
    const name = callee ? shortName(callee.callFrame.functionName) : '';
    const ts = line === null && name && source ? loadTypeScript() : null; // loaded only when a call must be found
    if (ts && source) {
      const found = callLine(ts, this.parse(ts, file, source.text, !!source.map), lineNumber, columnNumber, name);
      if (found !== null) line = found + 1;
    }
    if (line === null && !callee) line = mostTicked(fn.positionTicks);
    const topLevel = functionName === '' && lineNumber === 0 && columnNumber === 0;
    if (line === null && topLevel) return null;
    if (line === null) line = lineNumber + 1; // a function's own line: at least the function is right
    const mapped = source?.map ? source.map.originalLine(line - 1, 0) : line;
    return { file, line: mapped ?? line, function: functionName || (topLevel ? '<module>' : '(anonymous)') };
  }
}

function kindOf(ts: typeof TS, file: string, transpiled: boolean): TS.ScriptKind {
  if (transpiled) return ts.ScriptKind.JS;
  const ext = path.extname(file).toLowerCase();
  return ext === '.tsx' ? ts.ScriptKind.TSX : ['.ts', '.mts', '.cts'].includes(ext) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

/** The main thread's profile of process `pid` from a --cpu-prof-dir; null when there is none or it is unreadable. */
export function readProfile(dir: string, pid: number): CpuProfile | null {
  try {
    const name = fs.readdirSync(dir).find((n) => n.endsWith('.cpuprofile') && n.includes(`.${pid}.0.`));
    if (!name) return null;
    const profile = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CpuProfile;
    return Array.isArray(profile.nodes) ? profile : null;
  } catch {
    return null;
  }
}
