// The one-pass scanners that replaced regexes with super-linear worst cases give what those regexes gave, and
// the tree navigation of core/parsers/pythonTree.ts finds what web-tree-sitter finds. Inputs are generated: every
// string of a small alphabet up to a length, and lookups at every offset of the rule fixtures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPython, parsePython } from '../src/core/parsers/python';
import { nodeAt, parentOf } from '../src/core/parsers/pythonTree';
import { pythonIgnore } from '../src/core/suppress';
import { withoutComments } from '../src/host/target';
import { ROOT } from './support/paths';

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
