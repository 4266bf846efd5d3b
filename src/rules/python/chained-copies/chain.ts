// A local list built by one statement only to be consumed once by a later one:
//   filtered = [x for x in data if x > 0]
//   ordered = sorted(filtered)
import type { Node } from 'web-tree-sitter';
import { folded, memoised, namedChildrenOf, parentOf, positionIn } from '../../../core/parsers/pythonTree';
import type { Safety } from '../../../core/rule';
import { isBuiltin } from '../shared/builtins';
import { inField } from '../shared/calls';
import { identifierAt, identifiersFrom } from '../shared/identifiers';
import { statementOf } from '../shared/layout';
import { COMPREHENSIONS, enclosingFunction, fieldOf } from '../shared/scopes';
import { nextStatement } from '../shared/statements';
import { hasWord, wordsFrom } from '../shared/words';
import { consumerSafety, type ConsumerCall } from './consumers';
import { isPure, yieldsNumeric } from './expressions';
import { listArgument, usesAsync } from './producers';

export interface Chain {
  name: string;
  /** `filtered = ...` */
  statement: Node;
  /** The list comprehension or `list(...)` call that builds the list. */
  producer: Node;
  safety: Safety;
}

/** Code that reads a function's variables by name. */
const DYNAMIC = /(?<![\p{L}\p{N}_.])(?:locals|vars|eval|exec)\s*\(/u;
const ASSIGNED_A_LIST = /^[ \t]*(?::[^=\n]*)?=[ \t]*(?:\[|list[ \t]*\()/;
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'not', 'and', 'or', 'is', 'lambda', 'None', 'True', 'False', 'async', 'await']);

/** `c.first` is a local list that exists only to feed `c`: the chain, or undefined when it is anything else. */
export function localChain(text: string, c: ConsumerCall): Chain | undefined {
  const use = c.first;
  const fn = enclosingFunction(use);
  if (!fn || fn.type !== 'function_definition') return undefined;
  const name = use.text;
  // Cheap text test first: the name's first use in the function must read `name = [` or `name = list(`
  // (a parameter, the usual case, fails here).
  const root = fn.tree.rootNode;
  let first: number | undefined;
  for (const at of wordsFrom(text, name, fn.startIndex, fn.endIndex)) {
    const id = identifierAt(root, at, name.length);
    if (id && !isMemberName(id)) {
      first = at;
      break;
    }
  }
  if (first === undefined || !ASSIGNED_A_LIST.test(text.slice(first + name.length, first + name.length + 80))) return undefined;
  // Exactly two occurrences from there on: the assignment and this use (looking no further than a third).
  const occurrences: Node[] = [];
  for (const id of identifiersFrom(root, text, name, first, fn.endIndex)) {
    if (!isMemberName(id) && occurrences.push(id) > 2) break;
  }
  if (occurrences.length !== 2 || occurrences[1].id !== use.id) return undefined;
  const target = occurrences[0];
  const assignment = parentOf(target);
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== target.id) return undefined;
  const statement = parentOf(assignment);
  const block = statement && parentOf(statement);
  if (statement?.type !== 'expression_statement' || block?.type !== 'block') return undefined;
  const producer = assignment.childForFieldName('right');
  if (!producer || !isProducer(producer, text) || readsVariablesByName(fn, text)) return undefined;

  // The statement of `block` that holds the use: up through the statements around it (as deep as the indentation).
  let useStatement: Node | null | undefined = statementOf(use);
  while (useStatement && parentOf(useStatement)?.id !== block.id) {
    const up = parentOf(useStatement);
    useStatement = up && statementOf(up);
  }
  if (!useStatement || useStatement.startIndex <= statement.startIndex) return undefined;
  const order = evaluationOrder(use, useStatement);
  if (order === 'repeated') return undefined;

  const adjacent = nextStatement(statement)?.id === useStatement.id;
  if (!adjacent) {
    // Statements in between run before the list is built now: leave it alone when they touch its inputs.
    const words = new Set(producer.text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
    for (const w of words) {
      if (!KEYWORDS.has(w) && hasWord(text, w, statement.endIndex, useStatement.startIndex)) return undefined;
    }
  }
  const items = producer.type === 'list_comprehension' ? producer : listArgument(producer)!;
  const safe = adjacent && order === 'first' && consumerSafety(c, items, yieldsNumeric(items, text), text) === 'safe';
  return { name, statement, producer, safety: safe ? 'safe' : 'unsafe' };
}

const DYNAMIC_READS = {};

/** Whether the function's code reads variables by name (`locals()`, `eval(...)`): once per function. */
function readsVariablesByName(fn: Node, text: string): boolean {
  return memoised(DYNAMIC_READS, fn, () => DYNAMIC.test(text.slice(fn.startIndex, fn.endIndex)));
}

/** An attribute's name (`x.name`) or a keyword argument's name (`f(name=1)`): not the variable. */
function isMemberName(id: Node): boolean {
  const p = parentOf(id)!;
  return (p.type === 'attribute' && inField(p, 'attribute', id)) || (p.type === 'keyword_argument' && inField(p, 'name', id));
}

/** A list comprehension or a builtin `list(iterable)` call: a fresh list whose items could come lazily. */
function isProducer(node: Node, text: string): boolean {
  if (node.type === 'list_comprehension') return !usesAsync(node, text);
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function')!;
  return fn.type === 'identifier' && fn.text === 'list' && !!listArgument(node) && isBuiltin(fn, text);
}

type Order = 'first' | 'later' | 'repeated';
const RANK: Record<Order, number> = { first: 0, later: 1, repeated: 2 };
const later = (a: Order, b: Order): Order => (RANK[a] >= RANK[b] ? a : b);

const ORDER = {};
const IMPURE_FROM = {};

/**
 * How `use` is evaluated within its statement: `first` (once, before anything with side effects),
 * `later` (once or maybe not at all, after other code of the statement), `repeated` (in a loop, a lambda,
 * a nested function or a comprehension's body: the list is read more than once, or at another time).
 * Within the statement nearest the use, worked out once per node; above it, statement by statement.
 */
function evaluationOrder(use: Node, statement: Node): Order {
  let order = folded<Order>(
    ORDER,
    use,
    (n, parent) => (!parent || parent.type === 'block' || parent.type === 'module' ? 'first' : undefined),
    (n, parent, above) => (above === 'repeated' ? above : later(above, step(parent, n))),
  );
  const nearest = statementOf(use);
  if (!nearest || nearest.id === statement.id) return order;
  let child = nearest;
  for (let p = parentOf(nearest); p && order !== 'repeated'; child = p, p = parentOf(p)) {
    order = later(order, step(p, child));
    if (p.id === statement.id) break;
  }
  return order;
}

/** Whether evaluating `parent` runs code with side effects before its child `child` (once per parent and child). */
function impureBefore(parent: Node, child: Node): boolean {
  const named = namedChildrenOf(parent);
  const at = positionIn(named, child);
  const scan = memoised(IMPURE_FROM, parent, () => ({ next: 0, impure: -1 }));
  const upTo = at === -1 ? named.length : at;
  while (scan.impure === -1 && scan.next < upTo) {
    if (!isPure(named[scan.next])) scan.impure = scan.next;
    scan.next++;
  }
  return scan.impure !== -1 && scan.impure < upTo;
}

/** What evaluating `p` does to when its child `child` runs. */
function step(p: Node, child: Node): Order {
  switch (p.type) {
    case 'lambda':
    case 'function_definition':
    case 'class_definition':
    case 'decorated_definition':
    case 'while_statement':
      return 'repeated';
    case 'for_statement':
    case 'for_in_clause':
      return fieldOf(p, child) !== 'right' ? 'repeated' : 'first';
    case 'argument_list':
    case 'binary_operator':
    case 'comparison_operator':
    case 'tuple':
    case 'list':
    case 'set':
    case 'dictionary':
    case 'pair':
    case 'expression_list':
    case 'subscript':
    case 'call':
    case 'augmented_assignment':
      return impureBefore(p, child) ? 'later' : 'first';
    case 'keyword_argument':
    case 'parenthesized_expression':
    case 'not_operator':
    case 'unary_operator':
    case 'attribute':
    case 'expression_statement':
    case 'return_statement':
      return 'first';
    case 'assignment':
      return !inField(p, 'right', child) ? 'later' : 'first';
    case 'boolean_operator':
      // The right operand may not run at all.
      return !inField(p, 'left', child) ? 'later' : 'first';
    case 'if_statement':
      return !inField(p, 'condition', child) ? 'later' : 'first';
    default:
      if (COMPREHENSIONS.has(p.type)) {
        // Only the first iterable is evaluated once, up front; everything else runs per item.
        const firstClause = namedChildrenOf(p).find((n) => n.type === 'for_in_clause');
        return firstClause?.id !== child.id ? 'repeated' : 'first';
      }
      return 'later';
  }
}
