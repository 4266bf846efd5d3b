// Does a loop over the lines of a file keep an item for every line? `for arg_line in text.splitlines():
// args.append(arg_line)`, `[parse(line) for line in f.readlines()]`: the list it fills grows with the file whether
// the file is read whole or streamed, so streaming saves the copy of the text, not the growth. Only loops that
// cannot skip a line count: no condition around the append but a guard that skips empty lines, no `break` or
// `return`; an inner loop over what the line is made into (`for word in line.split(): words.append(word)`) keeps
// that too. Filling a set or a dict is not keeping: repeated items collapse (`counts[status] += 1`).
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, parentOf } from '../../../core/parsers/pythonTree';
import { isBuiltin } from './builtins';
import { callArguments, unparenthesized } from './calls';

/** Methods that add to a list: each call keeps its argument (or the argument's items). */
const ADDS = new Set(['append', 'extend', 'insert']);
/** Builtins that keep every item of the generator they are given (not a set: repeated items collapse). */
const KEEPING = new Set(['list', 'tuple', 'sorted']);
/** Nodes a search for `break`, `return` or `continue` of this loop does not enter. */
const OWN_SCOPE = new Set(['function_definition', 'lambda', 'class_definition']);

/** The names a loop target binds: `line`, `i, line`, `(a, b)`. */
function targetNames(target: Node | null, into: Set<string>): Set<string> {
  if (!target) return into;
  if (target.type === 'identifier') into.add(target.text);
  else for (const c of namedChildrenOf(target)) targetNames(c, into);
  return into;
}

/** Whether `node` mentions one of `names` as an identifier. */
function mentions(node: Node, names: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return names.has(node.text);
  return namedChildrenOf(node).some((c) => mentions(c, names));
}

/** `if not line: continue`: a guard that skips only empty lines (every other line goes on). */
function skipsEmpty(statement: Node, names: ReadonlySet<string>): boolean {
  if (statement.type !== 'if_statement' || statement.childForFieldName('alternative')) return false;
  const test = unparenthesized(statement.childForFieldName('condition')!);
  const argument = test.type === 'not_operator' ? test.childForFieldName('argument') : null;
  if (!argument || argument.type !== 'identifier' || !names.has(argument.text)) return false;
  const body = namedChildrenOf(statement.childForFieldName('consequence')!).filter((s) => s.type !== 'comment');
  return body.length === 1 && body[0].type === 'continue_statement';
}

/** Whether `node` holds a statement of `types` that acts on the loop it is in (nested loops own their `break`/`continue`). */
function holds(node: Node, types: ReadonlySet<string>, nestedLoop = false): boolean {
  if (OWN_SCOPE.has(node.type)) return false;
  if (node.type === 'return_statement' && types.has('return_statement')) return true;
  if (!nestedLoop && types.has(node.type)) return true;
  const loop = node.type === 'for_statement' || node.type === 'while_statement';
  return namedChildrenOf(node).some((c) => holds(c, types, nestedLoop || loop));
}

const ENDS = new Set(['break_statement', 'return_statement']);
const SKIPS = new Set(['continue_statement', 'break_statement', 'return_statement']);

/** `out.append(x)` as a statement: the collection added to (`out`, `self.out`). */
function addedTo(statement: Node): Node | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  const expression = namedChildrenOf(statement)[0];
  const call = expression && unparenthesized(expression);
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || !ADDS.has(fn.childForFieldName('attribute')?.text ?? '')) return undefined;
  const receiver = fn.childForFieldName('object')!;
  return receiver.type === 'identifier' || receiver.type === 'attribute' ? receiver : undefined;
}

/** The name an attribute chain starts at: `self` of `self.items`. */
function rootName(node: Node): string | undefined {
  let n = node;
  while (n.type === 'attribute') n = n.childForFieldName('object')!;
  return n.type === 'identifier' ? n.text : undefined;
}

/** Whether `body` assigns `name` (then what it adds to may be a new list every line). */
function assigns(body: Node, name: string): boolean {
  if (OWN_SCOPE.has(body.type)) return false;
  if (body.type === 'assignment' || body.type === 'augmented_assignment' || body.type === 'for_statement' || body.type === 'named_expression') {
    const left = body.childForFieldName(body.type === 'named_expression' ? 'name' : 'left');
    if (left && targetNames(left, new Set()).has(name)) return true;
  }
  return namedChildrenOf(body).some((c) => assigns(c, name));
}

/**
 * The collection a loop body adds to on every pass: a statement at the top of the body (or of an inner loop over
 * what the line is made into) that appends to it, with nothing before it that can skip the line.
 */
function everyPassAdds(body: Node, names: ReadonlySet<string>): Node | undefined {
  for (const statement of namedChildrenOf(body)) {
    if (statement.type === 'comment' || skipsEmpty(statement, names)) continue;
    const target = addedTo(statement);
    if (target) return target;
    if (statement.type === 'for_statement' && !statement.childForFieldName('alternative') && mentions(statement.childForFieldName('right')!, names)) {
      const inner = targetNames(statement.childForFieldName('left'), new Set(names));
      const found = everyPassAdds(statement.childForFieldName('body')!, inner);
      if (found) return found;
    }
    if (holds(statement, SKIPS)) return undefined;
  }
  return undefined;
}

/** `for line in lines:` whose body keeps an item for every line: the collection it adds to, as written. */
function loopKeeps(loop: Node): string | undefined {
  if (loop.childForFieldName('alternative')) return undefined;
  const body = loop.childForFieldName('body')!;
  if (holds(body, ENDS)) return undefined;
  const target = everyPassAdds(body, targetNames(loop.childForFieldName('left'), new Set()));
  const root = target && rootName(target);
  if (!target || !root || targetNames(loop.childForFieldName('left'), new Set()).has(root) || assigns(body, root)) return undefined;
  return target.text;
}

/** A list comprehension (or a generator handed to `list()`, `tuple()`, `sorted()`) without an `if`: one item per line. */
function comprehensionKeeps(comprehension: Node, text: string): boolean {
  if (comprehension.type === 'generator_expression') {
    let call = parentOf(comprehension);
    if (call?.type === 'argument_list') {
      if (callArguments(call).positional[0]?.id !== comprehension.id) return false;
      call = parentOf(call);
    }
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (fn?.type !== 'identifier' || !KEEPING.has(fn.text) || !isBuiltin(fn, text)) return false;
  } else if (comprehension.type !== 'list_comprehension') return false;
  const clauses = namedChildrenOf(comprehension);
  if (clauses.some((c) => c.type === 'if_clause')) return false;
  // `[w for line in lines for w in line.split()]`: later clauses iterate what each line is made into.
  const names = new Set<string>();
  let first = true;
  for (const c of clauses) {
    if (c.type !== 'for_in_clause') continue;
    if (!first && !mentions(c.childForFieldName('right')!, names)) return false;
    targetNames(c.childForFieldName('left'), names);
    first = false;
  }
  return true;
}

/**
 * Why streaming the lines would not stop memory growing with the file, when the loop (`for` statement or
 * comprehension) over them keeps an item for every line; undefined when it does not.
 */
export function keptPerLine(loop: Node, text: string): string | undefined {
  if (loop.type === 'for_statement') {
    const target = loopKeeps(loop);
    return target ? `\`${target}\` gets an item for every line: memory grows with the file either way, and streaming saves only the copy of the whole text.` : undefined;
  }
  return comprehensionKeeps(loop, text) ? 'The list gets an item for every line: memory grows with the file either way, and streaming saves only the copy of the whole text.' : undefined;
}
