// readlines-for-tail, ES modules: named imports only, so the fix adds the namespace import it needs.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export function tail(file, n = 10) {
  return readFileSync(file, 'utf8').split(/\r\n|\r|\n/).slice(-n);
}

export async function lastEntry(file) {
  const entries = (await readFile(file, 'utf8')).split('\n');
  return entries.at(-1);
}
