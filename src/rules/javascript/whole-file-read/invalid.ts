// whole-file-read, TypeScript: annotated bindings and casts; the helper is inserted with types.
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';

export function parse(file: string): number[] {
  const out: number[] = [];
  for (const line of (readFileSync(file, 'utf8') as string).split('\n')) out.push(Number(line));
  return out;
}

export function labels(file: string): string[] {
  const lines: string[] = readFileSync(file, 'utf8').split('\n');
  return lines.map((line: string, i: number) => `${i}: ${line}`);
}

export async function show(file: string): Promise<void> {
  const text: string = await readFile(file, 'utf8');
  text.split('\n').forEach((line: string) => console.log(line));
}
