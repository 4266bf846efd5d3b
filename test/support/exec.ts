// Run a program and its fixed version on the same inputs and compare what they print and return.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Edge inputs every safe fix must survive unchanged. */
export const EDGE_FILES: Record<string, string | Buffer> = {
  empty: '',
  'one-line': 'only line\n',
  'no-trailing-newline': 'first\nsecond\nthird',
  crlf: 'first\r\nsecond\r\nthird\r\n',
  'crlf-no-trailing-newline': 'first\r\nsecond',
  'lone-cr': 'a\rb\rc\n',
  unicode: 'héllo wörld\n😀 emoji line\nΩmega ☃\n',
  bom: '\ufeffbom first\nsecond\n',
  // Not UTF-8 (a UTF-16 byte order mark, a NUL): text mode raises UnicodeDecodeError; binary reads it as it is.
  undecodable: Buffer.from('\xff\xfe\x00abc\nsecond\n', 'latin1'),
  'blank-lines': '\n\n\n',
  'many-lines': Array.from({ length: 25 }, (_, i) => `line ${i + 1}: ${'x'.repeat(i)}`).join('\n') + '\n',
  // Bigger than any read chunk, multi-byte characters straddling chunk boundaries.
  large: Array.from({ length: 12000 }, (_, i) => `${i} é😀 ${'ab'.repeat(i % 7)}`).join('\n') + '\n',
};
export const EDGE_NS = [0, 1, 2, 5, 1000, 50000];

/** Ordinary input: what an unsafe fix must still get right. */
export const ORDINARY_FILES: Record<string, string | Buffer> = { 'many-lines': EDGE_FILES['many-lines'] };
export const ORDINARY_NS = [1, 3];

const PY_DRIVER = `
import contextlib, io, json, runpy, sys
program, inputs, ns = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
namespace = runpy.run_path(program)
for name in sorted(k for k in namespace if k.startswith('case_')):
    for label, path in inputs:
        for n in ns:
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    result = repr(namespace[name](path, n))
            except Exception as e:
                result = 'raised ' + type(e).__name__
            print(json.dumps([name, label, n, out.getvalue(), result], ensure_ascii=True))
`;

const JS_DRIVER = `
const util = require('node:util');
const [program, inputs, ns] = [process.argv[2], JSON.parse(process.argv[3]), JSON.parse(process.argv[4])];
const show = (v) => util.inspect(v, { depth: 20, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity });
(async () => {
  const mod = program.endsWith('.mjs') ? await import(require('node:url').pathToFileURL(program)) : require(program);
  const lines = [];
  for (const name of Object.keys(mod).filter((k) => k.startsWith('case_')).sort()) {
    for (const [label, path] of inputs) {
      for (const n of ns) {
        const printed = [];
        const log = console.log;
        console.log = (...args) => printed.push(args.map((a) => (typeof a === 'string' ? a : show(a))).join(' '));
        let result;
        try { result = show(await mod[name](path, n)); } catch (e) { result = 'raised ' + (e && e.name); }
        finally { console.log = log; }
        lines.push(JSON.stringify([name, label, n, printed.join('\\n'), result]));
      }
    }
  }
  process.stdout.write(lines.join('\\n') + '\\n');
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });
`;

export interface ExecRun {
  lines: string[];
}

let inputDir: string | undefined;
function inputsFor(files: Record<string, string | Buffer>): [string, string][] {
  inputDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-inputs-'));
  return Object.entries(files).map(([label, content]) => {
    const file = path.join(inputDir!, label + '.txt');
    if (!fs.existsSync(file)) fs.writeFileSync(file, content);
    return [label, file];
  });
}

/** Write `source` to a temp file with `ext` and run every case_* function in it on every input. */
export function runCases(source: string, ext: string, files: Record<string, string | Buffer>, ns: number[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-exec-'));
  const program = path.join(dir, 'program' + ext);
  fs.writeFileSync(program, source);
  const inputs = JSON.stringify(inputsFor(files));
  const python = ext === '.py';
  const driver = path.join(dir, python ? 'driver.py' : 'driver.js');
  fs.writeFileSync(driver, python ? PY_DRIVER : JS_DRIVER);
  const res = spawnSync(python ? 'python3' : process.execPath, [driver, program, inputs, JSON.stringify(ns)], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`running ${ext} cases failed (${res.status ?? res.signal}): ${res.stderr || res.error}`);
  return res.stdout.trimEnd().split('\n');
}
