// whole-file-read: TypeScript forms that are fine.
import * as fs from 'fs';

// A type-only import of the name is not the fs module.
import type { readFileSync as ReadFileSync } from 'fs';

declare const read: typeof ReadFileSync;

export function notFs(file: string): void {
  for (const line of (read(file, 'utf8') as string).split('\n')) console.log(line);
}

export function used(file: string): string {
  const text: string = fs.readFileSync(file, 'utf8');
  text.split('\n').forEach((line) => console.log(line));
  return text;
}
