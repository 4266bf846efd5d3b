import * as fs from 'node:fs';
import * as path from 'node:path';

/** memlint's version, from the package.json at the repository root (out/src/host -> ../../..; the bundle dist/ -> ..). */
export function version(): string {
  const file = [path.join(__dirname, '..', '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')].find((f) => fs.existsSync(f))!;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
