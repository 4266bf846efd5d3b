import { readFileSync } from 'node:fs';

export function errorLines(path: string): string[] {
  const text: string = readFileSync(path, 'utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.includes('ERROR')) out.push(line);
  }
  return out;
}

export function isLog(path: string): boolean {
  return readFileSync(path, 'utf8').startsWith('#==[ log');
}
