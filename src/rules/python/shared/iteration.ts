// Does the code iterate a value exactly once, right where it is made? `for x in f()`, `list(f())`, `sum(f())`,
// `out.extend(f())`, `yield from f()`: then a generator would serve as well as a list.
import type { Node } from 'web-tree-sitter';
import { childrenOf, memoised, namedChildrenOf, parentOf, positionIn } from '../../../core/parsers/pythonTree';
import { isBuiltin } from './builtins';
import { fieldOf } from './scopes';

/** Builtins that iterate an argument once, and which positional arguments they iterate. */
const ITERATING: Readonly<Record<string, (index: number, positional: number) => boolean>> = {
  list: (i) => i === 0,
  tuple: (i) => i === 0,
  set: (i) => i === 0,
  frozenset: (i) => i === 0,
  dict: (i) => i === 0,
  sorted: (i) => i === 0,
  sum: (i) => i === 0,
  any: (i) => i === 0,
  all: (i) => i === 0,
  enumerate: (i) => i === 0,
  min: (i, n) => i === 0 && n === 1,
  max: (i, n) => i === 0 && n === 1,
  zip: () => true,
  map: (i) => i > 0,
  filter: (i) => i === 1,
};
/** Methods that iterate their argument once: `xs.extend(f())`, `out.writelines(f())`, `", ".join(f())`. */
const ITERATING_METHODS = new Set(['extend', 'writelines']);

const POSITIONAL = {};

/** An argument list's positional arguments (keywords and comments left out), once per list. */
function positionalOf(args: Node): readonly Node[] {
  return memoised(POSITIONAL, args, () => namedChildrenOf(args).filter((c) => c.type !== 'keyword_argument'));
}

/** Whether the value `call` (any expression) is iterated once where it stands. */
export function iteratesOnce(call: Node, text: string): boolean {
  const p = parentOf(call)!;
  switch (p.type) {
    case 'for_statement':
      return fieldOf(p, call) === 'right' && !mutatesArguments(p.childForFieldName('body'), call);
    case 'for_in_clause':
      return fieldOf(p, call) === 'right';
    case 'list_splat':
      return true;
    case 'yield':
      return childrenOf(p).some((c) => c.type === 'from');
    case 'argument_list': {
      const positional = positionalOf(p);
      const index = positionIn(positional, call);
      if (index === -1) return false;
      const fn = parentOf(p)!.childForFieldName('function')!;
      if (fn.type === 'identifier') return !!ITERATING[fn.text]?.(index, positional.length) && isBuiltin(fn, text);
      if (fn.type !== 'attribute' || index !== 0 || positional.length !== 1) return false;
      const method = fn.childForFieldName('attribute')!.text;
      return ITERATING_METHODS.has(method) || (method === 'join' && fn.childForFieldName('object')!.type === 'string');
    }
    default:
      return false;
  }
}

const MUTATORS = 'pop|popitem|remove|clear|update|add|append|insert|extend|discard|setdefault|sort|reverse';

/**
 * Whether a loop body changes a collection passed to the call it loops over (`for p in entries(cache): del
 * cache[p]`): a generator reads that collection while the loop runs, a list had finished reading it.
 */
function mutatesArguments(body: Node | null, call: Node): boolean {
  if (!body || call.type !== 'call') return false;
  const names = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a?.type === 'identifier').map((a) => a.text);
  if (call.childForFieldName('function')?.type === 'attribute') {
    const receiver = call.childForFieldName('function')!.childForFieldName('object');
    if (receiver?.type === 'identifier') names.push(receiver.text);
  }
  const text = body.text;
  return names.some((name) => {
    const escaped = name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
    return new RegExp(`(?:\\bdel[ \\t]+${escaped}\\b|(?<![\\w.])${escaped}[ \\t]*(?:\\.(?:${MUTATORS})[ \\t]*\\(|\\[[^\\]\\n]*\\][ \\t]*(?:=(?!=)|[-+*/|&^%]=)))`).test(text);
  });
}
