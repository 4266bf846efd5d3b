// full-read-for-prefix, TypeScript.
import fs = require('fs');

export function isGzip(file: string): boolean {
  const bytes: Buffer = fs.readFileSync(file);
  return bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]));
}

export function title(file: string): string {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).shift() ?? '';
}

export async function hasBom(file: string): Promise<boolean> {
  return (await fs.promises.readFile(file, 'utf8')).startsWith('\ufeff');
}
