// A function that collects items in a local list and returns it whole: everything the fix must rewrite,
// or undefined when the list is used in a way a generator cannot express.
import type { Node } from 'web-tree-sitter';
import { nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import { isBuiltin } from '../shared/builtins';
import { inField } from '../shared/calls';
import { identifiersFrom } from '../shared/identifiers';
import { scopeOf } from '../shared/scopes';
import { wordsFrom } from '../shared/words';

export interface Accumulator {
  fn: Node;
  name: string;
  /** `results = []` (the expression statement). */
  init: Node;
  /** `results.append(x)` / `results.extend(xs)` calls, with the argument. */
  adds: { call: Node; argument: Node; from: boolean }[];
  /** The `return results` the function ends with (falls off the end once it is gone). */
  last: Node;
  /** Every other `return results`, and `return []` before the list exists: both become a bare `return`. */
  early: Node[];
}

/** The `return` statements and `yield` expressions in `fn` (nested functions' too), in order: found by their keyword. */
function* returnsAndYields(text: string, fn: Node): Generator<Node> {
  const found: Node[] = [];
  for (const [keyword, type] of [['return', 'return_statement'], ['yield', 'yield']] as const) {
    for (const at of wordsFrom(text, keyword, fn.startIndex, fn.endIndex)) {
      const token = nodeAt(fn.tree, at, at + keyword.length);
      const node = token.type === keyword ? parentOf(token) : null;
      if (node?.type === type && node.startIndex === at) found.push(node);
    }
  }
  yield* found.sort((a, b) => a.startIndex - b.startIndex);
}

/** `[]` or the builtin `list()`. */
export function isEmptyList(node: Node, text: string): boolean {
  if (node.type === 'list') return node.namedChildren.every((c) => c?.type === 'comment');
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function')!;
  const args = node.childForFieldName('arguments')!;
  return fn.type === 'identifier' && fn.text === 'list' && args.type === 'argument_list' && args.namedChildren.length === 0 && isBuiltin(fn, text);
}

/** Statements between `node` and the function run once, unconditionally: blocks, `with` and `try` bodies only. */
function runsOnce(node: Node, fn: Node): boolean {
  let child = node;
  for (let p = parentOf(node); p && p.id !== fn.id; child = p, p = parentOf(p)) {
    if (p.type === 'block' || p.type === 'with_statement') continue;
    if (p.type === 'try_statement' && inField(p, 'body', child)) continue;
    return false;
  }
  return true;
}

/** Whether `node` runs inside a loop of `fn` (not of a nested function). */
function inLoop(node: Node, fn: Node): boolean {
  let child = node;
  for (let p = parentOf(node); p && p.id !== fn.id; child = p, p = parentOf(p)) {
    if (p.type === 'while_statement' || (p.type === 'for_statement' && inField(p, 'body', child))) return true;
  }
  return false;
}

/**
 * A `yield` there would misbehave when the caller stops early (`close()` raises GeneratorExit at the yield):
 * inside `finally`, or in a `try` whose handler catches GeneratorExit (bare `except:`, BaseException).
 */
function yieldHostile(node: Node, fn: Node): boolean {
  let child = node;
  for (let p = parentOf(node); p && p.id !== fn.id; child = p, p = parentOf(p)) {
    if (p.type === 'finally_clause') return true;
    if (p.type === 'try_statement' && inField(p, 'body', child)) {
      for (const clause of p.namedChildren) {
        if (clause?.type !== 'except_clause') continue;
        const caught = clause.namedChildren.find((c) => c?.type !== 'block' && c?.type !== 'comment');
        if (!caught || /\b(?:BaseException|GeneratorExit)\b/.test(caught.text)) return true;
      }
    }
  }
  return false;
}

/** The statement a function ends with, looking into the body of a final `with`, or of a final `try` that only has `finally`. */
function finalReturn(block: Node, name: string): Node | undefined {
  const statements = block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const last = statements[statements.length - 1];
  if (!last) return undefined;
  if (last.type === 'return_statement') return last.namedChildren[0]?.type === 'identifier' && last.namedChildren[0].text === name ? last : undefined;
  if (last.type === 'with_statement') return finalReturn(last.childForFieldName('body')!, name);
  if (last.type === 'try_statement') {
    if (last.namedChildren.some((c) => c?.type === 'except_clause' || c?.type === 'else_clause' || c?.type === 'except_group_clause')) return undefined;
    return finalReturn(last.childForFieldName('body')!, name);
  }
  return undefined;
}

/** The single positional argument of `results.append(...)`, if that is all the call has. */
function soleArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments')!;
  if (args.type === 'generator_expression') return args;
  const named = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (named.length !== 1 || ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(named[0].type)) return undefined;
  return named[0];
}

/** Analyse `init` (`name = []`, an expression statement) as the accumulator of the function `fn`. */
export function accumulator(text: string, fn: Node, init: Node, name: string): Accumulator | undefined {
  if (!runsOnce(init, fn)) return undefined;
  const body = fn.childForFieldName('body')!;
  const last = finalReturn(body, name);
  if (!last) return undefined;

  const adds: Accumulator['adds'] = [];
  const returns = new Set<number>();
  const target = init.firstNamedChild!.childForFieldName('left')!;
  for (const id of identifiersFrom(fn.tree.rootNode, text, name, fn.startIndex, fn.endIndex)) {
    const p = parentOf(id)!;
    if (id.id === target.id) continue;
    if ((p.type === 'attribute' && inField(p, 'attribute', id)) || (p.type === 'keyword_argument' && inField(p, 'name', id))) continue;
    if (id.startIndex < init.endIndex || scopeOf(id).id !== fn.id) return undefined;
    if (p.type === 'return_statement') {
      returns.add(p.id);
      continue;
    }
    // `name.append(x)` or `name.extend(xs)` as a statement of its own.
    const method = p.type === 'attribute' && inField(p, 'object', id) ? p.childForFieldName('attribute')!.text : '';
    const call = parentOf(p);
    if ((method !== 'append' && method !== 'extend') || call?.type !== 'call' || parentOf(call)?.type !== 'expression_statement') return undefined;
    const argument = soleArgument(call);
    if (!argument || yieldHostile(call, fn)) return undefined;
    adds.push({ call, argument, from: method === 'extend' });
  }
  if (!adds.some((a) => inLoop(a.call, fn))) return undefined;

  // Every return hands back the list (or, before the list exists, an empty one); no yield yet.
  const early: Node[] = [];
  for (const node of returnsAndYields(text, fn)) {
    if (scopeOf(node).id !== fn.id) continue;
    if (node.type === 'yield') return undefined;
    if (returns.has(node.id)) {
      if (node.id !== last.id) early.push(node);
      continue;
    }
    const value = node.namedChildren.find((c) => c?.type !== 'comment');
    if (!value || !isEmptyList(value, text) || node.startIndex > init.startIndex) return undefined;
    early.push(node);
  }
  return { fn, name, init, adds, last, early };
}
