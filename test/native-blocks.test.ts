// What memlint check hashes, reads, writes and sends between threads goes in small pieces (so that glibc's mmap
// threshold does not grow with the tree: src/cli/pieces.ts), and the pieces give the same bytes as the whole.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha1Hex } from '../src/core/hash';
import type { ScannedFiles } from '../src/core/project';
import { slices } from '../src/core/text';
import { largeModuleText, readLargeModulesInPieces } from '../src/host/largeModules';
import { readText, writeText } from '../src/host/pieces';
import { postScan, ScanParts, type ScanPart } from '../src/cli/scanParts';

const EMOJI = '\u{1F600}';
/** `n` units of ASCII, then a surrogate pair across the unit boundary at `n + 1`. */
const pairAt = (n: number, tail = 'tail') => 'a'.repeat(n) + EMOJI + tail;

describe('text in slices, hashes and files in pieces', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-pieces-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('slices never end between the halves of a surrogate pair, and join back to the text', () => {
    assert.deepEqual([...slices('', 4)], []);
    assert.deepEqual([...slices('abcdefgh', 4)], ['abcd', 'efgh']);
    assert.deepEqual([...slices(pairAt(3), 4)], ['aaa', `${EMOJI}ta`, 'il']);
    // A lone high surrogate at a slice's end is kept with what follows; a lone low one is an ordinary unit.
    assert.deepEqual([...slices('abc\ud800xyz\udc00', 4)], ['abc', '\ud800xyz', '\udc00']);
  });

  it('sha1Hex of a string is the sha1 of its UTF-8, whatever falls on a slice boundary', () => {
    const texts = ['', 'short', 'é'.repeat(100_000), pairAt(8191), pairAt(8190), 'x'.repeat(8191) + '\ud800' + 'y'.repeat(9000), '\udc00'.repeat(20_000)];
    for (const text of texts) assert.equal(sha1Hex(text), createHash('sha1').update(text).digest('hex'), `${text.length} units`);
    assert.equal(sha1Hex(Buffer.from([0xff, 0x00])), createHash('sha1').update(Buffer.from([0xff, 0x00])).digest('hex'));
  });

  it('writeText writes the UTF-8 of the text, and readText reads back what readFileSync does', () => {
    const slice = 16 * 1024;
    const texts = ['', pairAt(slice - 1), pairAt(slice - 2) + 'é'.repeat(70_000), 'x'.repeat(slice - 1) + '\ud800' + '€'.repeat(40_000)];
    for (const [i, text] of texts.entries()) {
      const file = path.join(dir, `t${i}`);
      const fd = fs.openSync(file, 'wx');
      writeText(fd, text);
      fs.closeSync(fd);
      assert.ok(fs.readFileSync(file).equals(Buffer.from(text, 'utf8')), `text ${i}`);
      assert.equal(readText(file), fs.readFileSync(file, 'utf8'), `text ${i}`);
    }
    // A character whose bytes fall across a 64 KB read.
    const across = path.join(dir, 'across');
    fs.writeFileSync(across, 'a'.repeat(65_535) + '€' + EMOJI);
    assert.equal(readText(across), fs.readFileSync(across, 'utf8'));
  });

  it('the project scan goes between threads in parts of 128 files and comes back whole', () => {
    for (const count of [0, 1, 128, 129, 300]) {
      const scan: ScannedFiles = Array.from({ length: count }, (_, i) => [`/p/m${i}.py`, `h${i}`, [`/p/m${i + 1}.py`], '']);
      const sent: ScanPart[] = [];
      postScan({ postMessage: (m) => sent.push(structuredClone(m)) }, scan);
      assert.equal(sent.length, Math.max(1, Math.ceil(count / 128)), `${count} files`);
      const parts = new ScanParts();
      const got = sent.map((m) => parts.add(m));
      assert.deepEqual(got.slice(0, -1), Array(sent.length - 1).fill(undefined));
      assert.deepEqual(got.at(-1), scan);
    }
  });

  it('a scan that failed part way is dropped by the thread receiving it, which then has no scan to adopt', () => {
    const scan: ScannedFiles = Array.from({ length: 300 }, (_, i) => [`/p/m${i}.py`, `h${i}`, [], '']);
    const sent: ScanPart[] = [];
    postScan({ postMessage: (m) => sent.push(m) }, scan);
    const parts = new ScanParts();
    assert.equal(parts.add(sent[0]), undefined);
    assert.equal(parts.add({ scanned: [], last: true, failed: true }), undefined);
    // What it held is gone: a later whole scan is that scan alone.
    assert.deepEqual(parts.add({ scanned: scan.slice(0, 2), last: true }), scan.slice(0, 2));
  });

  it('requires large CommonJS modules read in pieces, the same module; leaves ES modules to Node', () => {
    readLargeModulesInPieces();
    readLargeModulesInPieces(); // once per thread, however often asked
    const text = 'é'.repeat(70_000) + '€' + EMOJI;
    const cjs = path.join(dir, 'cjs');
    fs.mkdirSync(cjs);
    fs.writeFileSync(path.join(cjs, 'package.json'), '{}');
    fs.writeFileSync(path.join(cjs, 'big.js'), `\ufeffmodule.exports = { text: ${JSON.stringify(text)}, file: __filename };\n`);
    fs.writeFileSync(path.join(cjs, 'small.cjs'), 'module.exports = 7;\n');
    assert.deepEqual(require(path.join(cjs, 'big.js')), { text, file: path.join(cjs, 'big.js') });
    assert.equal(require(path.join(cjs, 'small.cjs')), 7);
    const esm = path.join(dir, 'esm');
    fs.mkdirSync(esm);
    fs.writeFileSync(path.join(esm, 'package.json'), '{"type":"module"}');
    fs.writeFileSync(path.join(esm, 'big.js'), `export const x = 1;\n// ${'x'.repeat(140_000)}\n`);
    // Read in pieces: large CommonJS modules only.
    assert.equal(largeModuleText(path.join(cjs, 'big.js')), fs.readFileSync(path.join(cjs, 'big.js'), 'utf8'));
    assert.equal(largeModuleText(path.join(cjs, 'small.cjs')), undefined);
    assert.equal(largeModuleText(path.join(esm, 'big.js')), undefined);
    assert.equal(largeModuleText(path.join(cjs, 'missing.js')), undefined);
    // Node 20 refuses to require an ES module; newer versions load it as one. Never compiled as CommonJS.
    try {
      assert.equal((require(path.join(esm, 'big.js')) as { x: number }).x, 1);
    } catch (err) {
      assert.equal((err as NodeJS.ErrnoException).code, 'ERR_REQUIRE_ESM');
    }
  });
});
