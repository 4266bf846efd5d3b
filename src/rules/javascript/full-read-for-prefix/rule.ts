import { defineRule, type Edit, type Fix, type JsContext } from '../../../core/rule';
import { isSimple, stringValue, type Node } from '../shared/ast';
import { analyzeReads } from '../shared/analysis';
import { reportFlow } from '../shared/flows';
import { readSpan } from '../shared/reads';
import { sizeEnv } from '../shared/resolver';
import { pathSize } from '../shared/size';
import { awaitInPlace, buildFix, ioMode, textOf } from '../shared/fix';
import { helperName, type HelperId } from '../shared/helpers';
import type { Usage } from '../shared/usage';

type PrefixUsage = Extract<Usage, { rule: 'full-read-for-prefix' }>;

const WHAT: Record<PrefixUsage['op'], string> = {
  startsWith: 'check how it starts (`.startsWith(...)`)',
  'text-slice': 'keep its first characters (`.slice(0, n)`)',
  substring: 'keep its first characters (`.substring(0, n)`)',
  substr: 'keep its first characters (`.substr(0, n)`)',
  bytes: 'keep its first bytes',
  'first-line': 'keep its first line',
  head: 'keep its first lines (`.slice(0, k)`)',
  'split-limit': 'keep its first lines (`split(sep, k)`)',
  destructure: 'keep its first lines',
};

interface Plan {
  helper: HelperId;
  /** The node replaced by the helper call. */
  replaced: Node;
  args: string;
  /** Text after the call (`[0]`). */
  pick?: string;
  early: Node[];
  moved: Node[];
}

function plan(context: JsContext, u: PrefixUsage): Plan | undefined {
  const path = textOf(context, u.read.path);
  const args = u.call?.arguments ?? [];
  switch (u.op) {
    case 'startsWith': {
      // Read at least as many UTF-16 code units as the prefix has, then compare as before.
      const prefix = args[0];
      const literal = stringValue(prefix);
      let units: string;
      if (literal !== undefined) units = String(literal.length);
      else if (isSimple(prefix) && prefix.type !== 'Literal') units = `${textOf(context, prefix)}.length`;
      else return undefined;
      return { helper: 'readStart', replaced: u.source.node, args: `${path}, ${units}`, early: [prefix], moved: [u.read.path, prefix] };
    }
    case 'text-slice':
    case 'substring':
    case 'substr': {
      // Read at least n code units (the helper reads everything for a negative n, where slice counts from the end).
      const n = args[1];
      if (!isSimple(n)) return undefined;
      return { helper: 'readStart', replaced: u.source.node, args: `${path}, ${textOf(context, n)}`, early: [n], moved: [u.read.path, n] };
    }
    case 'bytes': {
      const n = args[1];
      return { helper: 'readBytes', replaced: u.target.node, args: `${path}, ${textOf(context, n)}`, early: [n], moved: [u.read.path, n] };
    }
    case 'first-line':
    case 'head':
    case 'split-limit':
    case 'destructure': {
      const sep = u.separator!;
      const count = u.op === 'head' ? args[1] : undefined;
      const end = count ? textOf(context, count) : String(u.count);
      return {
        helper: 'headLines',
        replaced: u.target.node,
        args: `${path}, ${textOf(context, sep.node)}, ${end}`,
        pick: u.op === 'first-line' ? '[0]' : undefined,
        early: count ? [count] : [],
        moved: [u.read.path, sep.node, ...(count ? [count] : [])],
      };
    }
  }
}

function fixFor(context: JsContext, u: PrefixUsage): Fix | undefined {
  const mode = ioMode(u);
  const p = mode && plan(context, u);
  if (!mode || !p) return undefined;
  const name = helperName(p.helper, mode);
  let call = `${name}(${p.args})`;
  if (mode === 'async') {
    const site = p.replaced === u.target.node ? u.target : u.source;
    call = p.pick ? `(await ${call})` : awaitInPlace(`await ${call}`, site, context.text);
  }
  const edits: Edit[] = [{ start: p.replaced.range[0], end: p.replaced.range[1], text: call + (p.pick ?? '') }];
  const what = p.helper === 'readBytes' ? 'the first bytes' : p.helper === 'headLines' ? 'the first lines' : 'the start of the file';
  return buildFix({ context, usage: u, helper: p.helper, title: `Read only ${what} with ${name}()`, edits, moved: p.moved, early: p.early });
}

export default defineRule({
  meta: {
    id: 'full-read-for-prefix',
    family: 'javascript',
    description: 'Reads a whole file only to look at its start.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: JsContext) {
    const { usages, others } = analyzeReads(context.ast, context.text);
    for (const read of others) reportFlow(context, read, ['prefix'], 'look at its start', 'Read just the start of it instead');
    for (const u of usages) {
      if (u.rule !== 'full-read-for-prefix') continue;
      const fix = fixFor(context, u);
      context.report({
        ...readSpan(u.read),
        message: `\`${u.read.name}\` reads the whole file only to ${WHAT[u.op]}: read just the start of it.`,
        fixes: fix ? [fix] : [],
        size: pathSize(u.read.path, sizeEnv(context)),
      });
    }
  },
});
