// A tracker report for tests: a clean exit of `python3 job.py`, no samples or location; tests override what they test.
import * as assert from 'node:assert/strict';
import type { TrackerReport } from '../../src/tracker/types';

/** A report whose run measured something (every script's does): its sizes are numbers. */
export type MeasuredReport = TrackerReport & { peakKiB: number; finalRssKiB: number };

export function measured(report: TrackerReport): MeasuredReport {
  assert.ok(report.peakKiB !== null && report.finalRssKiB !== null, `the run measured nothing: ${JSON.stringify(report)}`);
  return report as MeasuredReport;
}

export function makeReport(over: Partial<TrackerReport> = {}): TrackerReport {
  return {
    version: 2,
    command: ['python3', 'job.py'],
    exitCode: 0,
    signal: null,
    wallMs: 10,
    peakKiB: 1024,
    finalRssKiB: 1,
    limitKiB: null,
    killedByLimit: false,
    peakLocation: null,
    peakStack: [],
    peakKinds: null,
    topLines: [],
    cgroup: null,
    budgetKiB: null,
    tests: [],
    samples: [],
    checkpoints: [],
    processes: [],
    ...over,
  };
}
