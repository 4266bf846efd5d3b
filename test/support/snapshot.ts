// Snapshots compared as text. UPDATE_SNAPSHOTS=1 writes them; otherwise a missing or different snapshot fails.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

export function matchSnapshot(file: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) assert.fail(`missing snapshot ${file}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `snapshot ${file} differs (UPDATE_SNAPSHOTS=1 rewrites it)`);
}
