// One typed settings object, shared by the CLI and the editor. Every field is cleaned with an explicit default.
import { LEVELS, type Level } from './rule';

export interface Settings {
  /** Lint at all. */
  enable: boolean;
  /** Also report every unbounded whole-file read (as a hint), not only the ones processed line by line. */
  strict: boolean;
  /** Lint test code (tests/, test_*.py, *.test.js, ...) at the same levels as the rest, not one level lower. */
  testsAsSource: boolean;
  /** Per-rule level; a rule missing here runs at its default level. */
  rules: Record<string, Level>;
  /** Editor: wait this long after the last keystroke before linting. */
  debounceMs: number;
  /** Files larger than this are skipped (editor: with a one-time notice; CLI: with a message). */
  maxFileSizeKb: number;
  /** Files with a longer line (minified code) are skipped likewise. */
  maxLineLength: number;
  /** Glob patterns of files never linted. */
  exclude: string[];
  /** Tracker: the Python interpreter when the Python extension has none (trusted workspaces only). */
  pythonPath: string;
  /** Tracker: RSS sampling interval. */
  trackerIntervalMs: number;
  /** Tracker: kill the run above this many MiB, as a container would (0 = no limit). */
  trackerLimitMb: number;
  /** Tracker (editor): show what the last run added on its top lines ("+1,203.0 MB" at the end of each). */
  trackerLineMarks: boolean;
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  enable: true,
  strict: false,
  testsAsSource: false,
  rules: Object.freeze({}) as Record<string, Level>,
  debounceMs: 250,
  maxFileSizeKb: 2048,
  maxLineLength: 100_000,
  exclude: Object.freeze([]) as unknown as string[],
  pythonPath: 'python3',
  trackerIntervalMs: 50,
  trackerLimitMb: 0,
  trackerLineMarks: true,
});

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function int(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Clean raw settings (from VS Code, a config file or CLI flags): wrong types fall back to the default. */
export function normalize(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, Level> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (isLevel(level)) rules[id] = level;
    }
  }
  return {
    enable: bool(r.enable, DEFAULTS.enable),
    strict: bool(r.strict, DEFAULTS.strict),
    testsAsSource: bool(r.testsAsSource, DEFAULTS.testsAsSource),
    rules,
    debounceMs: int(r.debounceMs, DEFAULTS.debounceMs, 0, 10_000),
    maxFileSizeKb: int(r.maxFileSizeKb, DEFAULTS.maxFileSizeKb, 1, 1_048_576),
    maxLineLength: int(r.maxLineLength, DEFAULTS.maxLineLength, 1000, 1_000_000_000),
    exclude: Array.isArray(r.exclude) ? r.exclude.filter((g): g is string => typeof g === 'string' && g !== '') : [],
    pythonPath: str(r.pythonPath, DEFAULTS.pythonPath),
    trackerIntervalMs: int(r.trackerIntervalMs, DEFAULTS.trackerIntervalMs, 5, 10_000),
    trackerLimitMb: int(r.trackerLimitMb, DEFAULTS.trackerLimitMb, 0, 1_048_576),
    trackerLineMarks: bool(r.trackerLineMarks, DEFAULTS.trackerLineMarks),
  };
}
