// Linear time on hostile input: every generated case (test/support/adversarial.ts: deep nesting, thousands of
// repeated constructs, very long lines) lints in time proportional to its size. Each is timed against the bare
// parse of the same input, measured right here, and against itself at half the size, so a slow or busy machine
// moves both sides alike. Python at 100 KB; JS/TS at 50 KB, which typescript-estree parses about as slowly as
// tree-sitter parses 250 KB (the suite stays near 20 s). `npm run bench -- adversarial` prints the figures at 100 KB.
import * as assert from 'node:assert/strict';
import { lintPrepared, prepare } from '../src/core/linter';
import { parseJs } from '../src/core/parsers/javascript';
import { parsePython } from '../src/core/parsers/python';
import { familyOf } from '../src/core/rule';
import { DEFAULTS, type Settings } from '../src/core/settings';
import { ADVERSARIAL_CASES, type AdversarialCase } from './support/adversarial';

const SIZE: Record<'python' | 'javascript', number> = { python: 100_000, javascript: 50_000 };
/**
 * Lint (parse included) against the bare parse. Python's rules read the tree through web-tree-sitter, about a
 * microsecond per call across the wasm boundary and a few dozen calls per read site, where the parse makes its
 * nodes inside wasm: on inputs dense with sites they cost several parses (see `npm run bench -- adversarial`).
 */
const PARSE_FACTOR: Record<'python' | 'javascript', number> = { python: 15, javascript: 3 };
/** 2x the input against 1x: what tells linear from quadratic, whatever the machine. */
const SCALE_FACTOR = 2.5;
/** Timer resolution and scheduling on inputs that take a few milliseconds. */
const SLACK_MS = 3;
/** No budget: a rule skipped for time would make a slow case look fast. */
const SETTINGS: Settings = { ...DEFAULTS, analysisBudgetMs: 0 };

/** CPU time of `fn` (not wall time: waiting for a busy machine's cores does not count). */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function parse(c: AdversarialCase, text: string): void {
  if (familyOf(c.language) === 'python') parsePython(text).delete();
  else parseJs(text, c.language);
}

interface Timing {
  parse: number;
  lint: number;
  half: number;
}

const fits = (t: Timing, factor: number) => t.lint <= factor * t.parse + SLACK_MS && t.lint <= SCALE_FACTOR * t.half + SLACK_MS;

describe('linear time on hostile input', function () {
  this.timeout(60_000);
  before(async () => {
    await prepare('python');
    parseJs('x', 'javascript');
  });

  for (const c of ADVERSARIAL_CASES) {
    it(`${familyOf(c.language) === 'python' ? 'Python' : 'JS/TS'}: ${c.name}`, () => {
      const family = familyOf(c.language);
      const factor = PARSE_FACTOR[family];
      const text = c.make(SIZE[family]);
      const half = c.make(SIZE[family] / 2);
      const result = lintPrepared(c.make(SIZE[family] / 20), c.language, SETTINGS); // warms the rules' code up
      assert.deepEqual([result.ruleErrors, result.skipped], [[], []]);
      // The best of up to three measurements: one slow run on a shared machine is not the code's doing.
      const best: Timing = { parse: Infinity, lint: Infinity, half: Infinity };
      for (let attempt = 0; attempt < 3; attempt++) {
        best.parse = Math.min(best.parse, cpuMs(() => parse(c, text)));
        best.half = Math.min(best.half, cpuMs(() => lintPrepared(half, c.language, SETTINGS)));
        best.lint = Math.min(best.lint, cpuMs(() => assert.deepEqual(lintPrepared(text, c.language, SETTINGS).ruleErrors, [])));
        if (fits(best, factor)) break;
      }
      const ms = (n: number) => `${n.toFixed(1)} ms`;
      assert.ok(best.lint <= factor * best.parse + SLACK_MS, `lint ${ms(best.lint)} > ${factor}x the parse (${ms(best.parse)})`);
      assert.ok(best.lint <= SCALE_FACTOR * best.half + SLACK_MS, `lint ${ms(best.lint)} > ${SCALE_FACTOR}x the lint of half the input (${ms(best.half)})`);
    });
  }
});
