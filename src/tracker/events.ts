// The event stream of `memlint run --events`: one JSON object a line on its stdout, so that the editor runs the tracker
// as a child process and only reads what it says. Commands go the other way, one JSON object a line on its stdin.
// Version 1; documented in src/tracker/README.md ("Event stream").
import type { Checkpoint, KiB } from './types';
import type { SessionResult } from './session';

export const EVENTS_VERSION = 1;

export type TrackerEvent =
  /** First: the protocol version. */
  | { type: 'hello'; version: number }
  /** The run started: the pid of the interpreter (or the command). */
  | { type: 'started'; pid: number }
  /** Every sampling interval: the tree's RSS and the peak so far. */
  | { type: 'sample'; t: number; rssKiB: KiB; peakKiB: KiB }
  /** The script's output, as bytes (base64): it need not be UTF-8, and a character may be split across chunks. */
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'checkpoint'; checkpoint: Checkpoint }
  | { type: 'limit'; peakKiB: KiB; limitKiB: KiB }
  /** A line about the session (a history set aside or skipped), without the `memlint: ` prefix. */
  | { type: 'notice'; text: string }
  /** The run could not start (last event). */
  | { type: 'error'; message: string }
  /** The report and what is said about it (last event). */
  | { type: 'done'; result: SessionResult };

export type TrackerCommand =
  /** Bytes for the script's stdin (base64). */
  | { type: 'stdin'; data: string }
  /** Close the script's stdin. */
  | { type: 'endStdin' }
  /** Stop the run with this signal (SIGKILL to what is left 2 s later), as SIGTERM to the tracker does. */
  | { type: 'stop'; signal: 'SIGTERM' | 'SIGINT' | 'SIGHUP' };

export const encodeLine = (value: TrackerEvent | TrackerCommand): string => JSON.stringify(value) + '\n';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A line's JSON object, or null. */
function parseObject(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** An event as the tracker writes it; anything else (a line of another program, a newer field's type) is null. */
export function parseEvent(line: string): TrackerEvent | null {
  const v = parseObject(line);
  if (!v) return null;
  switch (v.type) {
    case 'hello':
      return isNumber(v.version) ? (v as TrackerEvent) : null;
    case 'started':
      return Number.isSafeInteger(v.pid) ? (v as TrackerEvent) : null;
    case 'sample':
      return isNumber(v.t) && isNumber(v.rssKiB) && isNumber(v.peakKiB) ? (v as TrackerEvent) : null;
    case 'output':
      return (v.stream === 'stdout' || v.stream === 'stderr') && typeof v.data === 'string' ? (v as TrackerEvent) : null;
    case 'checkpoint':
      return isObject(v.checkpoint) && typeof v.checkpoint.label === 'string' ? (v as TrackerEvent) : null;
    case 'limit':
      return isNumber(v.peakKiB) && isNumber(v.limitKiB) ? (v as TrackerEvent) : null;
    case 'notice':
    case 'error':
      return typeof (v.type === 'notice' ? v.text : v.message) === 'string' ? (v as TrackerEvent) : null;
    case 'done':
      return isObject(v.result) && isObject(v.result.report) && Array.isArray(v.result.runs) && typeof v.result.summary === 'string' ? (v as TrackerEvent) : null;
    default:
      return null;
  }
}

/** A command from the editor; anything else is null. */
export function parseCommand(line: string): TrackerCommand | null {
  const v = parseObject(line);
  if (!v) return null;
  if (v.type === 'stdin') return typeof v.data === 'string' ? { type: 'stdin', data: v.data } : null;
  if (v.type === 'endStdin') return { type: 'endStdin' };
  if (v.type === 'stop') return v.signal === 'SIGTERM' || v.signal === 'SIGINT' || v.signal === 'SIGHUP' ? { type: 'stop', signal: v.signal } : null;
  return null;
}

/** Splits a byte stream into lines (a line may arrive in pieces, a character across two chunks). */
export class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Uint8Array): string[] {
    const lines = (this.rest + this.decoder.decode(chunk, { stream: true })).split('\n');
    this.rest = lines.pop()!;
    return lines.filter((l) => l !== '');
  }
}
