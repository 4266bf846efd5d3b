// The one-pass scanners that replaced regexes with super-linear worst cases give what those regexes gave, and
// the tree navigation of core/parsers/pythonTree.ts finds what web-tree-sitter finds. Inputs are generated: every
// string of a small alphabet up to a length, and lookups at every offset of the rule fixtures.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPython, parsePython } from '../src/core/parsers/python';
import { nodeAt, parentOf } from '../src/core/parsers/pythonTree';
import { pythonIgnore } from '../src/core/suppress';
import { withoutComments } from '../src/host/target';
import { Words, wordSites } from '../src/rules/python/shared/words';
import { consumerCandidates } from '../src/rules/python/chained-copies/rule';
import { CONSUMER_NAMES } from '../src/rules/python/chained-copies/consumers';
import { emptyListTargets } from '../src/rules/python/list-accumulation/rule';
import { ROOT } from './support/paths';

/** The interpreter's standard library: real Python text. */
const STDLIB = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();

/** Every concatenation of up to `length` pieces of `alphabet` (`alphabet.length ** length` strings at most). */
function* strings(alphabet: readonly string[], length: number): Generator<string> {
  yield '';
  if (length === 0) return;
  for (const rest of strings(alphabet, length - 1)) for (const piece of alphabet) yield piece + rest;
}

describe('one-pass scanners agree with the regexes they replace', () => {
  it('pythonIgnore finds what /#\\s*memlint:\\s*ignore(?:\\[([^\\]]*)\\])?\\s*$/ finds', () => {
    const regex = /#\s*memlint:\s*ignore(?:\[([^\]]*)\])?\s*$/;
    const pieces = ['#', ' ', 'memlint:', 'ignore', '[', ']', 'a', '\r'];
    for (const tail of strings(pieces, 5)) {
      for (const comment of [tail, '# memlint: ignore' + tail]) {
        const m = regex.exec(comment);
        const found = pythonIgnore(comment);
        const ours = found && [found.start, found.list && comment.slice(found.list.start, found.list.end)];
        assert.deepEqual(ours, m ? [m.index, m[1]] : undefined, JSON.stringify(comment));
      }
    }
  });

  it('list-accumulation: emptyListTargets finds what its line-anchored regex found, in one pass', () => {
    const regex = /^[ \t]+(?=[\p{L}_][\p{L}\p{N}_]*[ \t]*(?::[^=\n]+)?=[ \t]*(?:\[[ \t]*\]|list[ \t]*\([ \t]*\)))/gmu;
    const old = (t: string) => [...t.matchAll(regex)].map((m) => m.index! + m[0].length);
    for (const raw of strings([' ', 'x', '=', '[]', 'list()', ':', '\n', '\r\n', 'é', ';'], 5)) {
      // The regex's annotation may run over a lone \r or U+2028 (a line break for ^): not in these pieces.
      assert.deepEqual(emptyListTargets(raw), old(raw), JSON.stringify(raw));
    }
    const stdlib = fs.readdirSync(STDLIB).filter((f) => f.endsWith('.py'));
    for (const f of stdlib) {
      const t = fs.readFileSync(path.join(STDLIB, f), 'utf8');
      assert.deepEqual(emptyListTargets(t), old(t), f);
    }
    // One line of many `x=[]`: linear, where looking back to the line's start at each would not be.
    assert.deepEqual(emptyListTargets(' ' + 'x=[];'.repeat(200_000)), [1]);
  });

  it('chained-copies: consumerCandidates finds what its regex found (from the word index)', () => {
    const regex = new RegExp(`(?<![\\p{L}\\p{N}_.])(?:${CONSUMER_NAMES.join('|')})(?=\\s*\\()`, 'gu');
    const old = (t: string) => [...t.matchAll(regex)].map((m) => [m.index!, m[0].length]);
    for (const raw of strings(['sorted', 'list', '(', ' ', '.', 'x', 'é', '\n'], 4)) assert.deepEqual(consumerCandidates(raw), old(raw), JSON.stringify(raw));
    for (const f of fs.readdirSync(STDLIB).filter((n) => n.endsWith('.py'))) {
      const t = fs.readFileSync(path.join(STDLIB, f), 'utf8');
      assert.deepEqual(consumerCandidates(t), old(t), f);
    }
  });

  it('wordSites finds what the read sites\' regexes found (`.read(`, `read_text(`, `import *`)', () => {
    const names = ['read', 'readlines', 'read_text', 'read_bytes'];
    const cases: Array<[RegExp, (t: string) => number[]]> = [
      [/\.\s*(?:read|readlines|read_text|read_bytes)(?![\p{L}\p{N}_])\s*\(/gu, (t) => wordSites(t, names, { before: '.', after: '(' }).map((s) => s.at)],
      [/(?<![\p{L}\p{N}_])(?:read_text|read_binary)\s*\(/gu, (t) => wordSites(t, ['read_text', 'read_binary'], { after: '(' }).map((s) => s.at)],
      [/\bimport\s*\*/g, (t) => wordSites(t, ['import'], { after: '*' }).map((s) => s.at)],
    ];
    // Where the regex's match starts: the name (after `.` and blanks) for the first.
    const old = (re: RegExp, t: string) => [...t.matchAll(re)].map((m) => m.index! + /^\.?\s*/.exec(m[0])![0].length);
    const texts = [...strings(['.', ' ', '\n', 'read', 'lines', '_text', 'import', '*', '(', 'x'], 4)];
    for (const f of fs.readdirSync(STDLIB).filter((n) => n.endsWith('.py'))) texts.push(fs.readFileSync(path.join(STDLIB, f), 'utf8'));
    for (const t of texts) for (const [re, ours] of cases) assert.deepEqual(ours(t), old(re, t), `${re}: ${JSON.stringify(t.slice(0, 40))}`);
  });

  it('withoutComments leaves what the JSONC comment regex left', () => {
    const regex = /("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[^]*?\*\//g;
    for (const raw of strings(['"', '\\', '/', '*', 'a', '\n', '*/'], 6)) {
      assert.equal(withoutComments(raw), raw.replace(regex, (_m, str: string | undefined) => str ?? ''), JSON.stringify(raw));
    }
  });
});

describe('pythonTree finds the nodes web-tree-sitter finds', () => {
  before(() => loadPython());
  const fixtures = fs
    .readdirSync(path.join(ROOT, 'src', 'rules', 'python'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => path.join(ROOT, 'src', 'rules', 'python', f));

  it('nodeAt(start, end) is descendantForIndex(start, end), and parentOf is .parent, at every offset of the fixtures', () => {
    assert.ok(fixtures.length > 10);
    for (const file of fixtures) {
      const text = fs.readFileSync(file, 'utf8');
      const tree = parsePython(text);
      try {
        // Lookups forwards, backwards and with widths, as rules make them.
        const offsets = [...Array(text.length + 1).keys()];
        for (const [order, width] of [[offsets, 0], [offsets.slice().reverse(), 1], [offsets, 7]] as const) {
          for (const start of order) {
            const end = Math.min(text.length, start + width);
            const expected = tree.rootNode.descendantForIndex(start, end)!;
            const found = nodeAt(tree, start, end);
            assert.equal(found.id, expected.id, `${path.basename(file)} [${start}, ${end})`);
            assert.equal(parentOf(found)?.id, expected.parent?.id, `parent at ${path.basename(file)} ${start}`);
          }
        }
      } finally {
        tree.delete();
      }
    }
  });
});

describe("the word index follows an editor's edits", () => {
  it('gives the same offsets as a fresh index after random edits (words cut, joined, unicode, astral letters)', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const pieces = ['a', 'b', 'ab', '_', ' ', '\n', '.', '(', 'é', '\u0301', '\u{1d465}', '1', 'x'];
    const text = (n: number) => Array.from({ length: n }, () => pieces[random(pieces.length)]).join('');
    let before = text(3000);
    let words = Words.identifiers(before).indexNow();
    for (let round = 0; round < 200; round++) {
      const at = random(before.length + 1);
      const after = before.slice(0, at) + text(random(6)) + before.slice(Math.min(before.length, at + random(6)));
      const derived = Words.after(words, after) ?? Words.identifiers(after);
      const fresh = Words.identifiers(after).indexNow();
      for (const w of new Set(after.match(/[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]+/gu) ?? [])) {
        assert.deepEqual(derived.all(w, 0, after.length), fresh.all(w, 0, after.length), `round ${round}: ${JSON.stringify(w)}`);
      }
      [before, words] = [after, derived];
    }
  });

  it('starts afresh for another text rather than deriving from it', () => {
    const a = Words.identifiers('alpha beta gamma\n'.repeat(100)).indexNow();
    assert.equal(Words.after(a, 'delta epsilon\n'.repeat(100)), null);
  });
});
