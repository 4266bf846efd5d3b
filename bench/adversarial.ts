// Hostile input (test/support/adversarial.ts) at 100 KB: each case's lint against the bare parse of the same input,
// interleaved in one run. Goals: no case over 3x its parse, none over 1 s. (The tests check the same cases for
// linear growth; this prints the figures.)
import { lintPrepared, prepare } from '../src/core/linter';
import { hostOptions } from '../src/host/options';
import { parseJs } from '../src/core/parsers/javascript';
import { parsePython } from '../src/core/parsers/python';
import { familyOf } from '../src/core/rule';
import { DEFAULTS } from '../src/core/settings';
import { ADVERSARIAL_CASES } from '../test/support/adversarial';
import { fmt, interleaved, ratio, table } from './measure';

const SIZE = 100_000;
/** No budget: a rule skipped for time would make a slow case look fast. */
// No budget, and no size or line-length limit: a case skipped before the parser would look fast.
const SETTINGS = { ...DEFAULTS, analysisBudgetMs: 0, maxLineLength: 1_000_000_000, maxFileSizeKb: 1_048_576 };

export async function benchAdversarial(): Promise<string> {
  await prepare('python');
  const rows: string[][] = [];
  let overParse = 0;
  let overSecond = 0;
  for (const c of ADVERSARIAL_CASES) {
    const text = c.make(SIZE);
    const python = familyOf(c.language) === 'python';
    const parse = python ? () => parsePython(text).delete() : () => parseJs(text, c.language);
    const lint = () => lintPrepared(text, c.language, SETTINGS, hostOptions(c.language));
    const result = lint();
    const t = interleaved({ parse, lint }, 5, 1);
    if (t.lint > 3 * t.parse) overParse++;
    if (t.lint > 1000) overSecond++;
    const note = result.syntaxError ? ' (too deep to parse: nothing checked)' : '';
    rows.push([python ? 'Python' : 'JS/TS', c.name + note, `${Math.round(text.length / 1000)} KB`, fmt(t.parse), fmt(t.lint), ratio(t.lint, t.parse), String(result.findings.length)]);
  }
  return [
    `Hostile input, ${ADVERSARIAL_CASES.length} generated cases of about 100 KB (the cases of test/adversarial.test.ts), no analysis budget; medians of 5 interleaved runs.`,
    '',
    table(['language', 'case', 'size', 'parse (ms)', 'memlint (ms)', 'memlint / parse', 'findings'], rows),
    '',
    `Over 3x the parse: ${overParse} of ${rows.length} (goal: none). Over 1 s: ${overSecond} (goal: none).`,
  ].join('\n');
}
