// The functions memlint's fixes insert (once) into a file, sync and async, JS or TS. Each one reproduces the
// whole-read expression it replaces exactly (the rules' exec fixtures run both on edge inputs), reading only
// what that expression needs. Common ground:
// - UTF-8 is decoded with TextDecoder in streaming mode, `ignoreBOM: true` (readFileSync keeps a BOM as
//   \uFEFF; TextDecoder would strip it otherwise); its replacement of bad bytes matches Buffer#toString's.
// - Anything that is not a path (a file descriptor, a FileHandle) and any argument the fast path does not
//   cover falls back to the original whole read, so the result stays the same.
// Canonical form here: '\n' line breaks, two-space indentation, single quotes; insert.ts adapts them to the file.

export type HelperId = 'readLines' | 'tailLines' | 'readStart' | 'headLines' | 'readBytes';
export type IoMode = 'sync' | 'async';

const BASE: Record<HelperId, string> = {
  readLines: 'memlintReadLines',
  tailLines: 'memlintTailLines',
  readStart: 'memlintReadStart',
  headLines: 'memlintHeadLines',
  readBytes: 'memlintReadBytes',
};

export function helperName(id: HelperId, mode: IoMode): string {
  return mode === 'sync' ? `${BASE[id]}Sync` : BASE[id];
}

/** Helpers a helper calls (inserted with it). */
export function helperDeps(id: HelperId): HelperId[] {
  return id === 'headLines' ? ['readLines'] : [];
}

export interface HelperOptions {
  /** Add TypeScript annotations (so the file still type-checks under `strict`). */
  ts: boolean;
  /** The expression naming the `fs` module (sync helpers) or `fs/promises` (async helpers). */
  ns: string;
  /** A name the file binds to `readFileSync` (sync) or `fs/promises`' `readFile` (async): the whole read goes through it. */
  read?: string;
}

/** The I/O calls that differ between the sync and the async flavour. */
interface Io {
  fn: string;
  gen: string;
  await: string;
  handle: string;
  fileType: string;
  open(file: string): string;
  /** Bytes read into `buf` at `offset`, `length` of them, from `position` (null: the current position). */
  read(buf: string, offset: string, length: string, position: string): string;
  close(): string;
  stat(): string;
  /** The whole file as text (the original read). */
  readAll(file: string, encoding?: string): string;
  /** The rest of the open file as text. */
  readRest(): string;
  returns(type: string): string;
}

function io(mode: IoMode, o: HelperOptions): Io {
  const t = (s: string) => (o.ts ? s : '');
  if (mode === 'sync') {
    return {
      fn: 'function',
      gen: 'function*',
      await: '',
      handle: 'fd',
      fileType: t(": import('fs').PathOrFileDescriptor"),
      open: (file) => `${o.ns}.openSync(${file}, 'r')`,
      read: (buf, offset, length, position) => `${o.ns}.readSync(fd, ${buf}, ${offset}, ${length}, ${position})`,
      close: () => `${o.ns}.closeSync(fd)`,
      stat: () => `${o.ns}.fstatSync(fd)`,
      readAll: (file, encoding = `'utf8'`) => `${o.read ?? `${o.ns}.readFileSync`}(${file}${encoding ? `, ${encoding}` : ''})`,
      readRest: () => `${o.ns}.readFileSync(fd, 'utf8')`,
      returns: (type) => t(`: ${type}`),
    };
  }
  return {
    fn: 'async function',
    gen: 'async function*',
    await: 'await ',
    handle: 'handle',
    fileType: t(": import('fs').PathLike | import('fs/promises').FileHandle"),
    open: (file) => `await ${o.ns}.open(${file}, 'r')`,
    read: (buf, offset, length, position) => `(await handle.read(${buf}, ${offset}, ${length}, ${position})).bytesRead`,
    close: () => 'await handle.close()',
    stat: () => 'await handle.stat()',
    readAll: (file, encoding = `'utf8'`) => `(await ${o.read ?? `${o.ns}.readFile`}(${file}${encoding ? `, ${encoding}` : ''}))`,
    readRest: () => `(await handle.readFile('utf8'))`,
    returns: (type) => t(`: Promise<${type}>`),
  };
}

const NOT_A_PATH = `(typeof file !== 'string' && !Buffer.isBuffer(file) && !(file instanceof URL))`;

function readLines(mode: IoMode, o: HelperOptions): string {
  const x = io(mode, o);
  const t = (s: string) => (o.ts ? s : '');
  const name = helperName('readLines', mode);
  const ret = t(mode === 'sync' ? ': Generator<string, void, undefined>' : ': AsyncGenerator<string, void, undefined>');
  return `// memlint: yields exactly the pieces of ${x.readAll('file')}.split(sep), reading the file
// in 64 KiB chunks. sep: a string, or a line-break pattern such as /\\r?\\n/.
${x.gen} ${name}(file${x.fileType}, sep${t(': string | RegExp')})${ret} {
  if (${NOT_A_PATH} || sep === '') {
    yield* ${x.readAll('file')}.split(sep);
    return;
  }
  const ${x.handle} = ${x.open('file')};
  try {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const chunk = Buffer.alloc(65536);
    let rest = '';
    let from = 0;
    for (;;) {
      const size = ${x.read('chunk', '0', 'chunk.length', 'null')};
      if (size === 0) break;
      rest += decoder.decode(chunk.subarray(0, size), { stream: true });
      if (typeof sep === 'string') {
        let start = 0;
        for (let at = rest.indexOf(sep, from); at !== -1; at = rest.indexOf(sep, start)) {
          yield rest.slice(start, at);
          start = at + sep.length;
        }
        rest = rest.slice(start);
        from = Math.max(0, rest.length - sep.length + 1);
      } else {
        // A line-break pattern never matches across a '\\n': split what ends at the last one.
        const end = rest.lastIndexOf('\\n') + 1;
        if (end > 0) {
          const pieces = rest.slice(0, end).split(sep);
          rest = pieces.pop()${t('!')} + rest.slice(end);
          yield* pieces;
        }
      }
    }
    yield* (rest + decoder.decode()).split(sep);
  } finally {
    ${x.close()};
  }
}`;
}

function tailLines(mode: IoMode, o: HelperOptions): string {
  const x = io(mode, o);
  const t = (s: string) => (o.ts ? s : '');
  const name = helperName('tailLines', mode);
  return `// memlint: returns exactly ${x.readAll('file')}.split(sep).slice(start), reading the
// file backwards from its end, 64 KiB at a time, only until it holds enough lines.
// sep: '\\n', '\\r\\n' or a line-break pattern such as /\\r?\\n/.
${x.fn} ${name}(file${x.fileType}, sep${t(': string | RegExp')}, start${t('?: number')})${x.returns('string[]')} {
  if (${NOT_A_PATH} || typeof start !== 'number' || !(start <= -1) || !(sep === '\\n' || sep === '\\r\\n' || sep instanceof RegExp)) {
    return ${x.readAll('file')}.split(sep).slice(start);
  }
  const want = -Math.trunc(start);
  const ${x.handle} = ${x.open('file')};
  try {
    const stat = ${x.stat()};
    if (!stat.isFile() || stat.size === 0) return ${x.readRest()}.split(sep).slice(start);
    const chunks${t(': Buffer[]')} = [];
    let position = stat.size;
    let newlines = 0;
    let next = want + 1;
    while (position > 0) {
      const size = Math.min(65536, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      for (let got = 0; got < size; ) {
        const n = ${x.read('chunk', 'got', 'size - got', 'position + got')};
        if (n === 0) return ${x.readAll('file')}.split(sep).slice(start); // the file shrank meanwhile
        got += n;
      }
      chunks.push(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (position > 0 && newlines >= next) {
        // Everything after the first '\\n' decodes on its own (no UTF-8 sequence spans a '\\n').
        const bytes = Buffer.concat([...chunks].reverse());
        const lines = bytes.subarray(bytes.indexOf(10) + 1).toString('utf8').split(sep);
        if (lines.length > want) return lines.slice(start);
        next = newlines * 2;
      }
    }
    return Buffer.concat(chunks.reverse()).toString('utf8').split(sep).slice(start);
  } finally {
    ${x.close()};
  }
}`;
}

function readStart(mode: IoMode, o: HelperOptions): string {
  const x = io(mode, o);
  const t = (s: string) => (o.ts ? s : '');
  const name = helperName('readStart', mode);
  return `// memlint: returns the start of ${x.readAll('file')}: at least its first \`units\` UTF-16
// code units (all of it when shorter), reading only about as many bytes as that takes.
${x.fn} ${name}(file${x.fileType}, units${t(': number')})${x.returns('string')} {
  if (${NOT_A_PATH} || typeof units !== 'number' || !(units >= 0 && units < Infinity)) {
    return ${x.readAll('file')};
  }
  const ${x.handle} = ${x.open('file')};
  try {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    do {
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      const chunk = Buffer.alloc(Math.min(65536, Math.max(16, (units - text.length) * 3)));
      const size = ${x.read('chunk', '0', 'chunk.length', 'null')};
      if (size === 0) return text + decoder.decode();
      text += decoder.decode(chunk.subarray(0, size), { stream: true });
    } while (text.length < units);
    return text;
  } finally {
    ${x.close()};
  }
}`;
}

function headLines(mode: IoMode, o: HelperOptions): string {
  const x = io(mode, o);
  const t = (s: string) => (o.ts ? s : '');
  const name = helperName('headLines', mode);
  const lines = helperName('readLines', mode);
  return `// memlint: returns exactly ${x.readAll('file')}.split(sep).slice(0, end), reading the
// file only up to the end of those lines (with ${lines}).
${x.fn} ${name}(file${x.fileType}, sep${t(': string | RegExp')}, end${t('?: number')})${x.returns('string[]')} {
  if (typeof end !== 'number' || !(end >= 0)) return ${x.readAll('file')}.split(sep).slice(0, end);
  const count = Math.trunc(end);
  const lines${t(': string[]')} = [];
  for ${x.await}(const line of ${lines}(file, sep)) {
    if (lines.length < count) lines.push(line);
    if (lines.length >= count) break;
  }
  return lines;
}`;
}

function readBytes(mode: IoMode, o: HelperOptions): string {
  const x = io(mode, o);
  const t = (s: string) => (o.ts ? s : '');
  const name = helperName('readBytes', mode);
  return `// memlint: returns exactly ${x.readAll('file', '')}.subarray(0, end), reading only those bytes.
${x.fn} ${name}(file${x.fileType}, end${t('?: number')})${x.returns('Buffer')} {
  if (${NOT_A_PATH} || typeof end !== 'number' || !(end >= 0)) return ${x.readAll('file', '')}.subarray(0, end);
  const count = Math.trunc(end);
  const ${x.handle} = ${x.open('file')};
  try {
    const chunks${t(': Buffer[]')} = [];
    let total = 0;
    do {
      // At least one byte, so reading a directory still fails as it did.
      const chunk = Buffer.alloc(Math.max(1, Math.min(65536, count - total)));
      const size = ${x.read('chunk', '0', 'chunk.length', 'null')};
      if (size === 0) break;
      chunks.push(chunk.subarray(0, size));
      total += size;
    } while (total < count);
    return Buffer.concat(chunks).subarray(0, end);
  } finally {
    ${x.close()};
  }
}`;
}

const SOURCES: Record<HelperId, (mode: IoMode, o: HelperOptions) => string> = { readLines, tailLines, readStart, headLines, readBytes };

/** A helper's source, in canonical form. */
export function helperSource(id: HelperId, mode: IoMode, options: HelperOptions): string {
  return SOURCES[id](mode, options);
}
