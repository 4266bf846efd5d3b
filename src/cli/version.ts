import * as fs from 'node:fs';
import * as path from 'node:path';

/** memlint's version, from the package.json at the repository root (out/src/cli -> ../../..). */
export function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}
