// What a run means for CI: budgets gone over (the run's `--budget`, a checkpoint's `budget_mb`, a test's marker), the
// container's limit coming close, the tests that peaked highest; and the JSON summary `memlint run --format json`
// prints. Words only: nothing here stops a run.
import { cgroupShare, CGROUP_WARN_PCT, exitStatus, formatLimit, formatMb, formatLocation } from './format';
import type { SessionResult } from './session';
import type { TrackerReport } from './types';

/** The exit status of a run that went over a budget (when the script itself succeeded). */
export const OVER_BUDGET_EXIT = 3;
/** The summary lists this many tests, the highest peaks first. */
export const TOP_TESTS = 5;

export interface OverBudget {
  /** 'run' (--budget), 'checkpoint' (budget_mb=), 'test' (@pytest.mark.memlint). */
  kind: 'run' | 'checkpoint' | 'test';
  /** The checkpoint's label or the test's id; null for the run. */
  name: string | null;
  peakKiB: number;
  budgetKiB: number;
}

export function overBudget(report: TrackerReport): OverBudget[] {
  const out: OverBudget[] = [];
  if (report.budgetKiB !== null && report.peakKiB !== null && report.peakKiB > report.budgetKiB) {
    out.push({ kind: 'run', name: null, peakKiB: report.peakKiB, budgetKiB: report.budgetKiB });
  }
  for (const c of report.checkpoints) {
    const peak = c.phasePeakKiB ?? c.peakKiB;
    if (c.budgetKiB !== null && peak > c.budgetKiB) out.push({ kind: 'checkpoint', name: c.label, peakKiB: peak, budgetKiB: c.budgetKiB });
  }
  for (const t of report.tests) {
    if (t.budgetKiB !== null && t.peakKiB !== null && t.peakKiB > t.budgetKiB) out.push({ kind: 'test', name: t.id, peakKiB: t.peakKiB, budgetKiB: t.budgetKiB });
  }
  return out;
}

/** One line for a budget gone over. */
export function describeOver(o: OverBudget): string {
  const what = o.kind === 'run' ? 'the peak' : o.kind === 'checkpoint' ? `checkpoint "${o.name}": the phase peak` : `test ${o.name}: the peak`;
  return `over budget: ${what} ${formatMb(o.peakKiB)} > ${formatMb(o.budgetKiB)}`;
}

/** The lines the CLI prints after the summary (without the `memlint: ` prefix): budgets, the container, top tests. */
export function verdictLines(report: TrackerReport): string[] {
  const lines = overBudget(report).map(describeOver);
  const share = cgroupShare(report, report.cgroup);
  if (share !== null && share >= CGROUP_WARN_PCT) {
    lines.push(`warning: the peak is ${share} % of the container's ${formatLimit(report.cgroup!.limitKiB)} limit (${report.cgroup!.file}): little room is left before the OOM killer`);
  }
  const tests = topTests(report);
  if (tests.length) {
    const shown = tests.map((t) => `${t.id} ${formatMb(t.peakKiB!)} (+${formatMb(t.addedKiB ?? 0).replace(/ MB$/, '')})`);
    lines.push(`top tests by peak: ${shown.join(', ')}`);
  } else if (report.tests.length) {
    lines.push('the tests ran, but their peaks could not be told apart: the kernel did not allow resetting the high-water mark');
  }
  return lines;
}

export function topTests(report: TrackerReport): TrackerReport['tests'] {
  return report.tests
    .filter((t) => t.peakKiB !== null)
    .sort((a, b) => (b.addedKiB ?? 0) - (a.addedKiB ?? 0))
    .slice(0, TOP_TESTS);
}

/** The exit status: the script's when it failed; else 3 when a budget was gone over; else 0. */
export function verdictStatus(report: TrackerReport): number {
  const status = exitStatus(report);
  return status === 0 && overBudget(report).length ? OVER_BUDGET_EXIT : status;
}

/** `memlint run --format json`: one line for CI, after the script's own output (version 1, see the README). */
export function ciSummary(result: SessionResult, cwd = process.cwd()) {
  const { report } = result;
  const where = (l: { file: string; line: number; function: string }) => ({ ...l, shown: formatLocation(l, cwd) });
  return {
    version: 1,
    exitStatus: verdictStatus(report),
    scriptStatus: exitStatus(report),
    command: report.command,
    peakKiB: report.peakKiB,
    peakKinds: report.peakKinds,
    peakStack: report.peakStack.map(where),
    finalRssKiB: report.finalRssKiB,
    wallMs: report.wallMs,
    budgetKiB: report.budgetKiB,
    overBudget: overBudget(report),
    cgroup: report.cgroup && { ...report.cgroup, peakPct: cgroupShare(report, report.cgroup) },
    peakChangePct: result.comparison?.peakChangePct ?? null,
    topLines: report.topLines.slice(0, 5).map(({ stack: _stack, ...l }) => ({ ...where(l), addedKiB: l.addedKiB, atPeakKiB: l.atPeakKiB })),
    tests: report.tests,
    summary: result.summary,
  };
}
