// Does every caller in the file iterate the function's result exactly once? Only then is a generator enough.
import type { Node } from 'web-tree-sitter';
import { childrenOf, memoised, namedChildrenOf, parentOf, positionIn } from '../../../core/parsers/pythonTree';
import { isBuiltin } from '../shared/builtins';
import { inField } from '../shared/calls';
import { identifiersNamed } from '../shared/identifiers';
import { fieldOf } from '../shared/scopes';

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

function iteratesOnce(call: Node, text: string): boolean {
  const p = parentOf(call)!;
  switch (p.type) {
    case 'for_statement':
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

/**
 * Every mention of the function `name` in the file (but its own `def`) is a call whose result is iterated once,
 * and there is at least one. A reference passed around, or a result stored, indexed or measured, means some
 * caller may need the list.
 */
export function callersIterateOnce(root: Node, text: string, fn: Node, name: string): boolean {
  let calls = 0;
  for (const id of identifiersNamed(root, text, name)) {
    const p = parentOf(id)!;
    if (p.id === fn.id) continue;
    if ((p.type === 'attribute' && inField(p, 'attribute', id)) || (p.type === 'keyword_argument' && inField(p, 'name', id))) continue;
    if (p.type !== 'call' || !inField(p, 'function', id) || !iteratesOnce(p, text)) return false;
    calls++;
  }
  return calls > 0;
}
