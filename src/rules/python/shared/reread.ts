// The unsafe fix for a whole read whose content goes on to other functions that only stream it: the read
// becomes a small stand-in that opens the file again for each use (a loop over its lines, `in`, `.count()`),
// so nothing holds the whole file. The callees stay as they are. Unsafe: the file is read once per use (it
// must not change in between), a decoding error shows up at the use, and the value is no longer a `str`.
import type { Node } from 'web-tree-sitter';
import { parentOf } from '../../../core/parsers/pythonTree';
import type { Edit, Fix, PythonContext } from '../../../core/rule';
import { callArguments, unparenthesized } from './calls';
import type { Flow, FlowUse } from './flows';
import { definitionEdits, type Definition } from './definitions';
import type { ReadSite } from './read-sites';
import { splitLoop } from './split-stream';

const NAME = '_Reread';

/** The stand-in class, as inserted (once per module). */
const STAND_IN: Definition = {
  name: NAME,
  code: (nl) =>
    [
      `class ${NAME}:`,
      '    """A file read again from disk at each use instead of held in memory (inserted by memlint)."""',
      '',
      '    def __init__(self, opener, *args, **kwargs):',
      '        self._open = lambda: opener(*args, **kwargs)',
      '',
      '    def __iter__(self):',
      '        with self._open() as f:',
      '            yield from f',
      '',
      '    def splitlines(self, keepends=False):',
      '        for line in self:',
      '            yield from line.splitlines(keepends)',
      '',
      '    def split(self, sep):',
      ...splitLoop('self', '        '),
      '',
      '    def __contains__(self, needle):',
      '        return any(needle in line for line in self)',
      '',
      '    def count(self, sub):',
      '        return sum(line.count(sub) for line in self)',
    ].join(nl),
};

/** Uses the stand-in serves exactly as the text would: loops over its lines, `in`, `.count(x)` (not `len(...)`). */
function served(use: FlowUse): boolean {
  if (use.kind === 'iterate') return use.lines === 'split-newline' || use.lines === 'splitlines' || use.lines === 'readlines';
  if (use.kind === 'search') return !use.lines;
  return use.kind === 'count' && !use.lines;
}

/** `open`, `io.open`, `gzip.open`, `p.open`: the callable and its arguments as written, for `_Reread(opener, ...)`. */
function opening(site: ReadSite): string | undefined {
  if (site.file.kind === 'path') {
    const receiver = unparenthesized(site.file.receiver);
    const simple = ['identifier', 'attribute', 'call', 'subscript'].includes(receiver.type) ? receiver.text : `(${receiver.text})`;
    return [`${simple}.open`, site.file.openArgs].filter(Boolean).join(', ');
  }
  const call = site.file.handle.opened.call;
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || !args || callArguments(args).splat) return undefined;
  const inner = args.text.slice(1, -1).trim().replace(/,\s*$/, '');
  if (/[\r\n]|#/.test(inner)) return undefined;
  return inner ? `${fn.text}, ${inner}` : fn.text;
}

/** `with open(p) as f:` holding nothing but `x = f.read()`: the whole statement, which the fix replaces. */
function soleWith(site: ReadSite): Node | undefined {
  if (site.file.kind !== 'handle' || !site.assigned) return undefined;
  const region = site.file.handle.variable?.region;
  const statement = region && parentOf(region);
  if (region?.type !== 'block' || statement?.type !== 'with_statement') return undefined;
  const body = region.namedChildren.filter((c) => c && c.type !== 'comment');
  return body.length === 1 && body[0]!.id === site.assigned.statement.id && !/#/.test(region.text) ? statement : undefined;
}

/** The fix, when every use is one the stand-in serves and the read can be replaced where it stands. */
export function rereadFix(context: PythonContext, site: ReadSite, flow: Flow): Fix | undefined {
  const { text, root } = context;
  if (!flow.uses.every(served) || site.method === 'read_bytes' || site.lines?.kind === 'splitlines' || site.lines?.kind === 'split-newline') return undefined;
  const added = definitionEdits(root, text, STAND_IN);
  const args = opening(site);
  if (!added || !args) return undefined;
  const replacement = `${NAME}(${args})`;
  const whole = soleWith(site);
  const edits: Edit[] = whole
    ? [{ start: whole.startIndex, end: whole.endIndex, text: `${site.assigned!.name} = ${replacement}` }]
    : [{ start: site.read.startIndex, end: site.read.endIndex, text: replacement }];
  edits.push(...added);
  const passes = flow.uses.length;
  const was = site.method === 'readlines' ? 'list' : site.file.mode.binary ? 'bytes' : 'str';
  return {
    title: `Read the file again at each use instead of holding it (unsafe: ${passes === 1 ? 'the file is read where it is used' : `the file is read ${passes} times`}; the value is no longer a ${was})`,
    safety: 'unsafe',
    edits,
  };
}
