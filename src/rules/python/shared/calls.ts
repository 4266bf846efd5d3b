// Finding method calls by name (`x.read()`, `x.readlines()`) without walking the tree: a word search on the
// text finds the few places worth a look, and a compiled query, run on just that range, confirms the shape.
import type { Node } from 'web-tree-sitter';
import { lazyQuery } from '../../../core/parsers/python';
import { matchesIn } from './ranged-query';

const METHOD_CALL = lazyQuery(
  '(call function: (attribute object: (_) @object attribute: (identifier) @method) arguments: (argument_list) @arguments) @call',
);

const PATTERNS = new Map<string, RegExp>();

function patternFor(names: readonly string[]): RegExp {
  const key = names.join('|');
  let re = PATTERNS.get(key);
  if (!re) {
    // `.name(` with optional whitespace (line breaks inside brackets included) around the name.
    re = new RegExp(`\\.\\s*(?:${key})(?![\\p{L}\\p{N}_])\\s*\\(`, 'gu');
    PATTERNS.set(key, re);
  }
  return re;
}

export interface MethodCall {
  call: Node;
  /** The receiver: `f` in `f.read()`. */
  object: Node;
  method: string;
  arguments: Node;
}

/** Calls `object.name(...)` for any of `names`, in source order. Strings and comments never match. */
export function methodCalls(root: Node, text: string, names: readonly string[]): MethodCall[] {
  const re = patternFor(names);
  const out: MethodCall[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, lead, wanted] = /^(\.\s*)([\p{L}\p{N}_]+)/u.exec(m[0])!;
    const nameAt = m.index + lead.length;
    for (const match of matchesIn(METHOD_CALL(), root, nameAt, nameAt + wanted.length)) {
      const get = (name: string) => match.captures.find((c) => c.name === name)?.node;
      const method = get('method');
      if (!method || method.startIndex !== nameAt || method.text !== wanted) continue;
      out.push({ call: get('call')!, object: get('object')!, method: wanted, arguments: get('arguments')! });
    }
  }
  return out;
}

/** A call's positional arguments and keyword arguments by name; `splat` when `*args` or `**kwargs` appear. */
export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  splat: boolean;
}

export function callArguments(argumentList: Node | null): CallArguments {
  const out: CallArguments = { positional: [], keywords: new Map(), splat: false };
  if (!argumentList) return out;
  // `f(x for x in y)`: the generator expression is the argument list.
  if (argumentList.type === 'generator_expression') {
    out.positional.push(argumentList);
    return out;
  }
  for (const arg of argumentList.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) out.keywords.set(name.text, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      out.splat = true;
    } else {
      out.positional.push(arg);
    }
  }
  return out;
}

/** An argument given by position `index` or by keyword `name`. */
export function argument(args: CallArguments, index: number, name: string): Node | undefined {
  return args.keywords.get(name) ?? (index >= 0 ? args.positional[index] : undefined);
}

/** `node` without enclosing parentheses. */
export function unparenthesized(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1 && n.namedChild(0)) n = n.namedChild(0)!;
  return n;
}

/** The expression `node` is part of, skipping the parentheses around it: `(x)` → the node holding `(x)`. */
export function outerParent(node: Node): { parent: Node | null; child: Node } {
  let child = node;
  let parent = node.parent;
  while (parent && parent.type === 'parenthesized_expression' && parent.namedChildCount === 1) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** Whether `child` is the node in `parent`'s field `field` (one lookup, where `fieldOf` scans every child). */
export function inField(parent: Node, field: string, child: Node): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}
