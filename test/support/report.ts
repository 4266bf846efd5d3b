// A tracker report for tests: a clean exit of `python3 job.py`, no samples or location; tests override what they test.
import type { TrackerReport } from '../../src/tracker/types';

export function makeReport(over: Partial<TrackerReport> = {}): TrackerReport {
  return {
    version: 1,
    command: ['python3', 'job.py'],
    exitCode: 0,
    signal: null,
    wallMs: 10,
    peakKiB: 1024,
    finalRssKiB: 1,
    limitKiB: null,
    killedByLimit: false,
    peakLocation: null,
    samples: [],
    checkpoints: [],
    processes: [],
    ...over,
  };
}
