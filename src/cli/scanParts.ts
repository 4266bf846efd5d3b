// The project's scan goes between threads in parts: a message is copied through a native block its size on both
// ends, and one block of the whole scan would raise glibc's mmap threshold with the size of the tree (pieces.ts).
import type { ScannedFiles } from '../core/project';

export interface ScanPart {
  scanned: ScannedFiles;
  last: boolean;
  /** The scan failed part way: the parts received are dropped (the receiver scans for itself). */
  failed?: true;
}

/** Where a scan's parts go as they are made: a thread's port, or the pool passing them on to its workers. */
export type ScanSink = (part: ScanPart) => void;

/** Files of the scan per message (the whole scan is 1 MB on the stdlib four times over). */
const SCAN_PART = 128;

/** Send `scanned` in parts of SCAN_PART files, the last marked. */
export function postScan(port: { postMessage(message: ScanPart): void }, scanned: ScannedFiles): void {
  for (let at = 0; at === 0 || at < scanned.length; at += SCAN_PART) {
    port.postMessage({ scanned: scanned.slice(at, at + SCAN_PART), last: at + SCAN_PART >= scanned.length });
  }
}

/** A scan received in parts: `add` answers the whole scan once its last part is in (and lets go of it). */
export class ScanParts {
  private files: ScannedFiles = [];

  add(part: ScanPart): ScannedFiles | undefined {
    if (part.failed) {
      this.files = [];
      return undefined;
    }
    for (const f of part.scanned) this.files.push(f);
    if (!part.last) return undefined;
    const whole = this.files;
    this.files = [];
    return whole;
  }
}
