// Where a rule's documentation is: the README bundled beside the server (dist/docs/<family>/<rule>/README.md, so it
// works offline and matches the installed version), the repository's copy when the server runs from out/
// (`memlint server` from a checkout), else the online page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, type Family } from '../core/rule';

const cache = new Map<string, string>();

export function docsLocation(family: Family, rule: string): string {
  const key = `${family}/${rule}`;
  let found = cache.get(key);
  if (found === undefined) {
    const candidates = [
      path.join(__dirname, 'docs', family, rule, 'README.md'),
      path.join(__dirname, '..', '..', '..', 'src', 'rules', family, rule, 'README.md'),
    ];
    const file = candidates.find((f) => fs.existsSync(f));
    found = file ? pathToFileURL(file).href : docsUrl({ id: rule, family });
    cache.set(key, found);
  }
  return found;
}
