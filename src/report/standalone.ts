// `memlint run --html FILE`: the report page on its own, one file that loads nothing (the script and styles of media/
// inline, a CSP that allows only them), to open in a browser or keep as a CI artifact.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeNonce, reportHtml, type ReportView } from './html';

/** media/ beside the bundle (dist/memlint.js → media/) or in the source tree (out/src/report → media/). */
export function findMediaDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'media'), path.resolve(__dirname, '..', '..', '..', 'media')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'report.js')));
  if (!found) throw new Error(`memlint's report script is missing (looked in ${candidates.join(', ')})`);
  return found;
}

export function standaloneHtml(view: ReportView, media = findMediaDir()): string {
  const read = (name: string) => fs.readFileSync(path.join(media, name), 'utf8');
  return reportHtml(view, { nonce: makeNonce(), script: read('report.js'), styles: read('report-page.css') + read('report.css') });
}
