// What a run leaves in the editor: the peak line and each checkpoint. No 'vscode' here (unit-tested directly).
import { formatMb } from '../../tracker/format';
import type { TrackerReport } from '../../tracker/types';

export interface Mark {
  /** Absolute path of the file the mark is in. */
  file: string;
  /** 0-based line. */
  line: number;
  kind: 'peak' | 'checkpoint';
  /** The inline text. */
  text: string;
  /** For the peak: what a finding on this line adds to its message. */
  note?: string;
}

/** The marks a report leaves in the editor: the peak line and each checkpoint. */
export function marksOf(report: TrackerReport, script: string): Mark[] {
  const marks: Mark[] = [];
  const peak = report.peakLocation;
  if (peak && report.peakKiB !== null) {
    const mb = formatMb(report.peakKiB);
    marks.push({ file: peak.file, line: peak.line - 1, kind: 'peak', text: `▲ peak ${mb} reached here`, note: `▲ This line made the peak (${mb}) in the last tracked run of ${script}.` });
  }
  for (const cp of report.checkpoints) {
    if (cp.file && cp.line > 0) marks.push({ file: cp.file, line: cp.line - 1, kind: 'checkpoint', text: `● ${cp.label}: RSS ${formatMb(cp.rssKiB)} | peak ${formatMb(cp.peakKiB)}` });
  }
  return marks;
}
