// Reading a source file defensively: binary files are skipped, bad UTF-8 is checked but never rewritten.
import * as fs from 'node:fs';

export type Source =
  | { ok: true; text: string; bom: boolean; lossy: boolean }
  | { ok: false; reason: string };

const BOM = '\ufeff';

export function decode(bytes: Buffer): Source {
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (NUL bytes), skipped' };
  let text: string;
  let lossy = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    lossy = true;
  }
  const bom = text.startsWith(BOM);
  return { ok: true, text: bom ? text.slice(1) : text, bom, lossy };
}

export function readSource(file: string): Source {
  try {
    return decode(fs.readFileSync(file));
  } catch (err) {
    return { ok: false, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? err})` };
  }
}

export function encode(text: string, bom: boolean): string {
  return bom ? BOM + text : text;
}
