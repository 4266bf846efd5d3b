// readlines-for-tail, TypeScript: the inserted helper carries types, so the file still type-checks.
import * as fs from 'fs';
import fsDefault from 'node:fs';

export function tail(file: string, n: number): string[] {
  const lines: string[] = fs.readFileSync(file, 'utf8').split('\n');
  return lines.slice(-n);
}

export function lastLine(file: string): string {
  const text = fsDefault.readFileSync(file, 'utf8') as string;
  const lines = text.split(/\r?\n/);
  return lines[lines.length - 1];
}

export async function lastLineAsync(file: string): Promise<string | undefined> {
  return (await fs.promises.readFile(file, { encoding: 'utf8' })).split('\n').pop();
}
