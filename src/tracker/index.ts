// The tracker's public API, for the CLI and the editor. Linux only (/proc); never imports 'vscode'.
export type { Checkpoint, KiB, PeakLocation, ProcessPeak, RunEvents, RunOptions, Sample, TrackedRun, TrackerReport } from './types';
export { startRun, DEFAULT_INTERVAL_MS, type Run } from './run';
export { TrackerError } from './errors';
export { languageOf } from './launch';
export { compareWithPrevious, historyKey, readHistory, recordRun, HistoryError, HISTORY_FILE, type Comparison, type History, type PastRun, type Recorded } from './history';
export { describeEnd, exitStatus, formatChange, formatDuration, formatLocation, formatMb, formatMeasured, summaryLine } from './format';
export { startSession, type Session, type SessionEvents, type SessionOptions, type SessionResult } from './session';
export { startTracker, type TrackerProcess, type TrackerProcessEvents, type TrackerProcessOptions } from './client';
export { EVENTS_VERSION, type TrackerCommand, type TrackerEvent } from './events';
