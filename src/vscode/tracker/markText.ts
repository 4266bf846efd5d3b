// What a run leaves in the editor: the peak line (its hover: the stack at the peak), each checkpoint, and the top lines
// of the run with what they added. No 'vscode' here (unit-tested directly).
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { formatMb } from '../../tracker/format';
import type { PeakLocation, TrackerReport } from '../../tracker/types';

/** At most this many of the run's top lines get a mark. */
export const LINE_MARKS = 5;

export interface Mark {
  /** Absolute path of the file the mark is in. */
  file: string;
  /** 0-based line. */
  line: number;
  kind: 'peak' | 'checkpoint' | 'line';
  /** The inline text. */
  text: string;
  /** What a finding on this line adds to its message. */
  note?: string;
  /** Markdown for the mark's hover (the peak's: the stack at the peak, each frame a link). */
  hover?: string;
}

/** Markdown text with its special characters escaped. */
const md = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);

/** "tail.py:8 in last_lines" as a link to that line. */
function frameLink(f: PeakLocation): string {
  const uri = `${pathToFileURL(f.file).href}#L${f.line}`;
  return `[${md(`${path.basename(f.file)}:${f.line}`)}](${uri}) in \`${f.function.replace(/`/g, "'")}\``;
}

/** The peak mark's hover: the peak and the chain of user frames that made it, innermost first. */
export function stackHover(report: TrackerReport): string | undefined {
  const stack = report.peakStack.length ? report.peakStack : report.peakLocation ? [report.peakLocation] : [];
  if (!stack.length || report.peakKiB === null) return undefined;
  const frames = stack.map((f, i) => `${i === 0 ? '▲' : '←'} ${frameLink(f)}`);
  return [`**memlint: peak ${md(formatMb(report.peakKiB))}**, reached with this stack:`, '', ...frames.map((f) => `- ${f}`)].join('\n');
}

/** The marks a report leaves in the editor: the peak line, each checkpoint, and the top lines (`lineMarks`). */
export function marksOf(report: TrackerReport, script: string): Mark[] {
  const marks: Mark[] = [];
  const peak = report.peakLocation;
  const measured = new Map(report.topLines.slice(0, LINE_MARKS).map((l) => [`${l.file}\0${l.line}`, l]));
  if (peak && report.peakKiB !== null) {
    const mb = formatMb(report.peakKiB);
    const here = measured.get(`${peak.file}\0${peak.line}`);
    const added = here ? `, adding ${formatMb(here.addedKiB)}` : '';
    marks.push({
      file: peak.file,
      line: peak.line - 1,
      kind: 'peak',
      text: `▲ peak ${mb} reached here`,
      note: `▲ This line made the peak (${mb}) in the last tracked run of ${script}${added}.`,
      hover: stackHover(report),
    });
  }
  for (const cp of report.checkpoints) {
    if (cp.file && cp.line > 0) marks.push({ file: cp.file, line: cp.line - 1, kind: 'checkpoint', text: `● ${cp.label}: RSS ${formatMb(cp.rssKiB)} | peak ${formatMb(cp.peakKiB)}` });
  }
  for (const l of measured.values()) {
    const share = report.peakKiB ? Math.round((l.atPeakKiB / report.peakKiB) * 100) : 0;
    const isPeak = peak && l.file === peak.file && l.line === peak.line;
    marks.push({
      file: l.file,
      line: l.line - 1,
      kind: 'line',
      text: `+${formatMb(l.addedKiB)}`,
      // The peak line's note already says it.
      note: isPeak ? undefined : `▲ The last tracked run of ${script} measured +${formatMb(l.addedKiB)} on this line (${share} % of its peak).`,
    });
  }
  return marks;
}
