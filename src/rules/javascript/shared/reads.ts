// Recognising a whole-file read: `fs.readFileSync(p[, enc])`, `await fs.promises.readFile(p[, enc])` (or
// `readFile` from 'fs/promises'), `fs.readFile(p[, enc], (err, data) => ...)`, in every import form
// fs-module.ts knows.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { climbWrappers, down, isFunction, parentOf, stringValue, type Node, type Site } from './ast';
import { fsValueOf } from './fs-module';
import { declaredIn, type Binding } from './scope';

/** sync: `readFileSync`; async: an awaited `fs.promises.readFile`; callback: `fs.readFile(p, cb)`. */
export type ReadMode = 'sync' | 'async' | 'callback';

/** What the read yields: a UTF-8 string, a Buffer, or something memlint does not follow (another encoding, an unknown argument). */
export type Content = 'text' | 'buffer' | 'other';

export interface WholeRead {
  /** The read call. */
  call: Site & { node: TSESTree.CallExpression };
  mode: ReadMode;
  content: Content;
  /** The path argument. */
  path: Node;
  /** Where the content appears: the call (sync), the `await` around it (async). Undefined for a promise not awaited and for callbacks. */
  value?: Site;
  /** Callback mode: the callback's data parameter. */
  data?: Binding;
  /** The callee as written (`fs.readFileSync`, `readFile`), for messages. */
  name: string;
}

/** Names a read's callee can end with (aliases aside): the cheap test that picks candidate calls. */
export const READ_FUNCTIONS: ReadonlySet<string> = new Set(['readFileSync', 'readFile']);

const UTF8 = /^utf-?8$/i;

/** The content the encoding argument (or options object) asks for. */
export function contentOf(arg: Node | undefined): Content {
  if (!arg) return 'buffer';
  const s = stringValue(arg);
  if (s !== undefined) return UTF8.test(s) ? 'text' : 'other';
  if (arg.type === 'Literal' && arg.value === null) return 'buffer';
  if (arg.type !== 'ObjectExpression') return 'other';
  let content: Content = 'buffer';
  for (const p of arg.properties) {
    if (p.type !== 'Property' || p.computed || p.kind !== 'init' || p.method) return 'other';
    const key = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key);
    const value = stringValue(p.value);
    if (key === 'encoding') {
      if (value !== undefined && UTF8.test(value)) content = 'text';
      else if (!(p.value.type === 'Literal' && p.value.value === null)) return 'other';
    } else if (key !== 'flag' || value !== 'r') {
      return 'other';
    }
  }
  return content;
}

/** The whole-file read the call at `site` performs, if it is one. */
export function wholeReadAt(site: Site, text: string): WholeRead | undefined {
  const call = site.node;
  if (call.type !== 'CallExpression' || call.optional) return undefined;
  const args = call.arguments;
  if (args.length === 0 || args.some((a) => a.type === 'SpreadElement')) return undefined;
  const path = args[0];
  // A file descriptor (`readFileSync(0)` reads stdin): nothing to stream by path.
  if (path.type === 'Literal' && typeof path.value === 'number') return undefined;
  const fn = fsValueOf(call.callee, site.ancestors);
  if (!fn || fn.member === undefined) return undefined;
  const name = text.slice(call.callee.range[0], call.callee.range[1]);
  const callSite = site as WholeRead['call'];

  if (fn.module === 'fs' && fn.member === 'readFileSync') {
    if (args.length > 2) return undefined;
    return { call: callSite, mode: 'sync', content: contentOf(args[1]), path, value: site, name };
  }
  if (fn.module === 'fs/promises' && fn.member === 'readFile') {
    if (args.length > 2) return undefined;
    const outer = climbWrappers(site);
    const parent = parentOf(outer);
    const value = parent?.type === 'AwaitExpression' && parent.argument === outer.node ? { node: parent, ancestors: outer.ancestors.slice(0, -1) } : undefined;
    return { call: callSite, mode: 'async', content: contentOf(args[1]), path, value, name };
  }
  if (fn.module === 'fs' && fn.member === 'readFile') {
    if (args.length < 2 || args.length > 3) return undefined;
    const callback = args[args.length - 1];
    const content = contentOf(args.length === 3 ? args[1] : undefined);
    let data: Binding | undefined;
    if (isFunction(callback) && callback.params[1]?.type === 'Identifier') {
      const param = callback.params[1];
      const b = declaredIn(callback, param.name);
      if (b?.id === param) data = { ...b, path: down(site, callback).ancestors };
    }
    return { call: callSite, mode: 'callback', content, path, data, name };
  }
  return undefined;
}

/** The span a finding underlines: the call, or only the callee for a callback read (whose call spans the callback). */
export function readSpan(read: WholeRead): { start: number; end: number } {
  const call = read.call.node;
  return { start: call.range[0], end: read.mode === 'callback' ? call.callee.range[1] : call.range[1] };
}
