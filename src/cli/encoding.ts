// Text encodings `memlint check` reads and writes back unchanged: UTF-8 (BOM or not), and UTF-16/UTF-32 with a BOM.
// Decoding valid input and encoding the result gives back the same bytes; invalid input decodes with replacement
// characters and is marked lossy (checked, never rewritten).

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /** Not valid in its encoding: replacement characters stand in for the bad bytes. */
  lossy: boolean;
}

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'utf-32be': 'UTF-32 BE',
};

/** Longest first: the UTF-32 LE mark starts with the UTF-16 LE one. */
const BOMS: [Encoding, number[]][] = [
  ['utf-32le', [0xff, 0xfe, 0, 0]],
  ['utf-32be', [0, 0, 0xfe, 0xff]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
  ['utf-8', [0xef, 0xbb, 0xbf]],
];

export function encodingOf(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  for (const [encoding, mark] of BOMS) {
    if (bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b)) return { encoding, bomLength: mark.length };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

function decodeUtf32(bytes: Buffer, bigEndian: boolean): { text: string; lossy: boolean } {
  let lossy = bytes.length % 4 !== 0;
  const parts: string[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const valid = cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    if (!valid) lossy = true;
    parts.push(String.fromCodePoint(valid ? cp : 0xfffd));
  }
  return { text: parts.join(''), lossy };
}

function encodeUtf32(text: string, bigEndian: boolean): Buffer {
  const out = Buffer.alloc(text.length * 4);
  let at = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (bigEndian) out.writeUInt32BE(cp, at);
    else out.writeUInt32LE(cp, at);
    at += 4;
  }
  return out.subarray(0, at);
}

/** Decode a file's bytes; `bom` is whether it started with a byte order mark (which `text` leaves out). */
export function decodeText(bytes: Buffer): Decoded {
  const { encoding, bomLength } = encodingOf(bytes);
  const body = bytes.subarray(bomLength);
  const bom = bomLength > 0;
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return { ...decodeUtf32(body, encoding === 'utf-32be'), encoding, bom };
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding, bom, lossy: false };
  } catch {
    return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(body), encoding, bom, lossy: true };
  }
}

/** The bytes of `text` in `encoding`, with its byte order mark when the file had one. */
export function encodeText(text: string, encoding: Encoding, bom: boolean): Buffer {
  const full = bom ? '\ufeff' + text : text;
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(full, 'utf8');
    case 'utf-16le':
      return Buffer.from(full, 'utf16le');
    case 'utf-16be':
      return Buffer.from(full, 'utf16le').swap16();
    case 'utf-32le':
    case 'utf-32be':
      return encodeUtf32(full, encoding === 'utf-32be');
  }
}
