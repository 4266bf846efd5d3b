// Finding method calls by name (`x.read()`, `x.readlines()`) without walking the tree: a word search on the
// text finds the few places worth a look, and the nodes there confirm the shape.
import type { Node } from 'web-tree-sitter';
import { memoised, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import { wordSites } from './words';

export interface MethodCall {
  call: Node;
  /** The receiver: `f` in `f.read()`. */
  object: Node;
  method: string;
  arguments: Node;
}

/** Calls `object.name(...)` for any of `names`, in source order. Strings and comments never match. */
export function methodCalls(root: Node, text: string, names: readonly string[]): MethodCall[] {
  const out: MethodCall[] = [];
  // `.name(`, with blanks (line breaks inside brackets included) around the name.
  for (const { at: nameAt, name: wanted } of wordSites(text, names, { before: '.', after: '(' })) {
    // `(call function: (attribute object: (_) attribute: (identifier)) arguments: (argument_list))`, named at nameAt.
    const method = nodeAt(root.tree, nameAt, nameAt + wanted.length);
    if (method.type !== 'identifier' || method.startIndex !== nameAt || method.endIndex !== nameAt + wanted.length) continue;
    const attribute = parentOf(method);
    if (attribute?.type !== 'attribute' || !inField(attribute, 'attribute', method)) continue;
    const object = attribute.childForFieldName('object');
    const call = parentOf(attribute);
    if (!object?.isNamed || call?.type !== 'call' || !inField(call, 'function', attribute)) continue;
    const args = call.childForFieldName('arguments');
    if (args?.type !== 'argument_list') continue;
    out.push({ call, object, method: wanted, arguments: args });
  }
  return out;
}

/** A call's positional arguments and keyword arguments by name; `splat` when `*args` or `**kwargs` appear. */
export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  splat: boolean;
}

const ARGUMENTS = {};

/** Worked out once per argument list (a call with thousands of arguments is asked about once per argument). */
export function callArguments(argumentList: Node | null): CallArguments {
  if (!argumentList) return { positional: [], keywords: new Map(), splat: false };
  return memoised(ARGUMENTS, argumentList, argumentsOf);
}

function argumentsOf(argumentList: Node): CallArguments {
  const out: CallArguments = { positional: [], keywords: new Map(), splat: false };
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
  let parent = parentOf(node);
  while (parent && parent.type === 'parenthesized_expression' && parent.namedChildCount === 1) {
    child = parent;
    parent = parentOf(parent);
  }
  return { parent, child };
}

/** Whether `child` is the node in `parent`'s field `field` (one lookup, where `fieldOf` scans every child). */
export function inField(parent: Node, field: string, child: Node): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}
