// whole-file-read, ES modules: default, namespace and fs/promises imports.
import fs from 'node:fs';
import * as fsp from 'node:fs/promises';

export function words(file) {
  const counts = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    for (const word of line.split(' ')) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

export async function grep(file, needle) {
  const lines = (await fsp.readFile(file, 'utf8')).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.includes(needle)) console.log(i, line);
  });
}
