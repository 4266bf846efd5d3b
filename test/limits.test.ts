// The core's size limits (every host uses them) and the Python parser's recovery from a failure of its own.
import * as assert from 'node:assert/strict';
import { Parser } from 'web-tree-sitter';
import { describeOverLimit, overLimit } from '../src/core/limits';
import { lint } from './support/lint';
import { loadPython, ParserFailure, PythonDocument } from '../src/core/parsers/python';
import { DEFAULTS, normalize } from '../src/core/settings';

const TAIL_PY = 'def tail(path):\n    with open(path) as f:\n        return f.readlines()[-10:]\n';
const NAMES = { size: '--max-file-size', lineLength: '--max-line-length' };

describe('size limits (core)', () => {
  it('finds the first limit a text is over, in characters', () => {
    const limits = { maxFileSizeKb: 1, maxLineLength: 1000 };
    assert.equal(overLimit('x'.repeat(1000) + '\n' + 'y'.repeat(23), limits), undefined, 'exactly at both limits');
    assert.deepEqual(overLimit('a\r\n' + 'x'.repeat(1001) + '\nb', limits), { limit: 'line-length', line: 2, length: 1001, max: 1000 });
    assert.deepEqual(overLimit('a\n'.repeat(513), limits), { limit: 'size', size: 1026, maxKb: 1 });
  });

  it('words the limit with the host\'s name for it, sizes rounded up', () => {
    assert.equal(describeOverLimit({ limit: 'size', size: 21_000_007, maxKb: 2048 }, NAMES), '20.1 MB is over the 2 MB limit (--max-file-size)');
    assert.equal(describeOverLimit({ limit: 'size', size: 100 * 1024 + 1, maxKb: 64 }, NAMES), '101 KB is over the 64 KB limit (--max-file-size)');
    assert.equal(describeOverLimit({ limit: 'size', size: 3 << 20, maxKb: 2500 }, NAMES), '3.0 MB is over the 2,500 KB limit (--max-file-size)');
    assert.equal(
      describeOverLimit({ limit: 'line-length', line: 1, length: 21_000_007, max: 100_000 }, { size: 's', lineLength: 'memlint.maxLineLength' }),
      'line 1 has 21,000,007 characters, over the 100,000 limit (memlint.maxLineLength)',
    );
  });

  it('lint() skips a text over a limit before parsing it, and says which', async () => {
    const settings = normalize({ maxFileSizeKb: 1 });
    for (const language of ['python', 'javascript'] as const) {
      const result = await lint(TAIL_PY + '#'.repeat(2000) + '\n', language, settings);
      assert.deepEqual(result, { findings: [], ruleErrors: [], skipped: { limit: 'size', size: TAIL_PY.length + 2001, maxKb: 1 } });
    }
    const long = await lint(TAIL_PY + `x = "${'a'.repeat(DEFAULTS.maxLineLength)}"\n`, 'python');
    assert.deepEqual(long.skipped, { limit: 'line-length', line: 4, length: DEFAULTS.maxLineLength + 6, max: DEFAULTS.maxLineLength });
    assert.deepEqual((await lint(TAIL_PY, 'python')).findings.map((f) => f.rule), ['readlines-for-tail']);
  });

  it('defaults that skip no real source (measured in the README), clamped like the editor settings', () => {
    assert.deepEqual([DEFAULTS.maxFileSizeKb, DEFAULTS.maxLineLength], [2048, 100_000]);
    assert.equal(normalize({ maxLineLength: 80 }).maxLineLength, 1000);
    assert.equal(normalize({ maxLineLength: 'long' }).maxLineLength, DEFAULTS.maxLineLength);
  });
});

describe('Python parser failure', () => {
  const parse = Parser.prototype.parse;
  before(loadPython);
  beforeEach(() => {
    // As the wasm runtime does when it runs out of memory: the parser aborts, and is unusable afterwards.
    const dead = new WeakSet<Parser>();
    Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
      if (dead.has(this) || String(args[0]).includes('BLOW_UP')) {
        dead.add(this);
        throw new Error('Aborted(). Build with -sASSERTIONS for more info.'); // a WebAssembly.RuntimeError
      }
      return parse.apply(this, args);
    };
  });
  afterEach(() => (Parser.prototype.parse = parse));

  it('reports the failure, and the next document parses with a fresh parser', async () => {
    await assert.rejects(lint('x = 1  # BLOW_UP\n', 'python'), (err: Error) => {
      assert.ok(err instanceof ParserFailure);
      assert.equal(err.message, 'the Python parser failed (Aborted()), most likely out of memory');
      return true;
    });
    assert.deepEqual((await lint(TAIL_PY, 'python')).findings.map((f) => [f.rule, f.line]), [['readlines-for-tail', 3]]);
  });

  it('an editor document (incremental parsing) keeps working after a failure', async () => {
    const document = new PythonDocument();
    try {
      await lint(TAIL_PY, 'python', DEFAULTS, { document });
      await assert.rejects(lint('y = 2  # BLOW_UP\n' + TAIL_PY, 'python', DEFAULTS, { document }), ParserFailure);
      const again = await lint('\n' + TAIL_PY, 'python', DEFAULTS, { document });
      assert.deepEqual(again.findings.map((f) => [f.rule, f.line, f.column]), [['readlines-for-tail', 4, 16]]);
    } finally {
      document.dispose();
    }
  });
});
