import type { Finding } from '../../core/rule';
import type { LineIndex } from '../../core/text';

/** One checked file's findings, with what is needed to turn offsets into positions. */
export interface FileFindings {
  /** As shown to the user: relative to the working folder, '/'-separated. */
  file: string;
  lines: LineIndex;
  findings: Finding[];
}
