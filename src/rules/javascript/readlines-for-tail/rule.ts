import { defineRule, type Fix, type JsContext } from '../../../core/rule';
import { analyzeReads } from '../shared/analysis';
import { reportFlow } from '../shared/flows';
import { readSpan } from '../shared/reads';
import { sizeEnv } from '../shared/resolver';
import { pathSize } from '../shared/size';
import { awaitInPlace, buildFix, ioMode, textOf } from '../shared/fix';
import { helperName } from '../shared/helpers';
import type { Usage } from '../shared/usage';

type TailUsage = Extract<Usage, { rule: 'readlines-for-tail' }>;

const WHAT: Record<TailUsage['op'], string> = {
  slice: 'keep its last lines (`.slice(-n)`)',
  at: 'keep a line from its end (`.at(-k)`)',
  pop: 'keep its last line (`.pop()`)',
  index: 'keep a line from its end (`lines[lines.length - k]`)',
};

/**
 * `<lines>.slice(s)` → `memlintTailLinesSync(path, sep, s)`, which returns exactly split's result sliced.
 * The one-line forms take the tail of k lines and pick its first: `[0]` for k = 1 (split never returns an
 * empty array), `.at(-k)` as written, and `.reverse()[k - 1]` for `lines[lines.length - k]` (undefined, like
 * the original, when the file has fewer than k lines).
 */
function fixFor(context: JsContext, u: TailUsage): Fix | undefined {
  const mode = ioMode(u);
  if (!mode || !u.separator.tailable) return undefined;
  const name = helperName('tailLines', mode);
  const path = textOf(context, u.read.path);
  const sep = textOf(context, u.separator.node);
  let start: string;
  let pick = '';
  const early = [];
  if (u.op === 'slice') {
    const arg = u.call!.arguments[0];
    start = textOf(context, arg);
    early.push(arg);
  } else {
    const k = u.fromEnd;
    if (k === undefined || k < 1) return undefined;
    start = `-${k}`;
    pick = k === 1 ? '[0]' : u.op === 'at' ? `.at(-${k})` : `.reverse()[${k - 1}]`;
  }
  let call = `${name}(${path}, ${sep}, ${start})`;
  if (mode === 'async') call = pick ? `(await ${call})` : awaitInPlace(`await ${call}`, u.target, context.text);
  return buildFix({
    context,
    usage: u,
    helper: 'tailLines',
    title: `Read only the end of the file with ${name}()`,
    edits: [{ start: u.target.node.range[0], end: u.target.node.range[1], text: call + pick }],
    moved: [u.read.path, u.separator.node, ...early],
    early,
  });
}

export default defineRule({
  meta: {
    id: 'readlines-for-tail',
    family: 'javascript',
    description: 'Reads a whole file and splits it into lines only to keep the last few.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: JsContext) {
    const { usages, others } = analyzeReads(context.ast, context.text);
    for (const read of others) reportFlow(context, read, ['tail'], 'keep its last lines', 'Read the end of the file instead');
    for (const u of usages) {
      if (u.rule !== 'readlines-for-tail') continue;
      const fix = fixFor(context, u);
      context.report({
        ...readSpan(u.read),
        message: `\`${u.read.name}\` reads the whole file and splits every line only to ${WHAT[u.op]}: read the end of the file instead.`,
        fixes: fix ? [fix] : [],
        size: pathSize(u.read.path, sizeEnv(context)),
      });
    }
  },
});
