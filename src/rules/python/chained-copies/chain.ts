// A local list built by one statement only to be consumed once by a later one:
//   filtered = [x for x in data if x > 0]
//   ordered = sorted(filtered)
import type { Node } from 'web-tree-sitter';
import type { Safety } from '../../../core/rule';
import { isBuiltin } from '../shared/builtins';
import { identifierAt, identifiersNamed, wordsAt } from '../shared/identifiers';
import { COMPREHENSIONS, enclosingFunction, fieldOf } from '../shared/scopes';
import { nextStatement } from '../shared/statements';
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
  const first = wordsAt(text, name, fn.startIndex, fn.endIndex).find((at) => {
    const id = identifierAt(root, at, name.length);
    return id && !isMemberName(id);
  });
  if (first === undefined || !ASSIGNED_A_LIST.test(text.slice(first + name.length, first + name.length + 80))) return undefined;
  const occurrences = identifiersNamed(root, text, name, first, fn.endIndex).filter((id) => !isMemberName(id));
  if (occurrences.length !== 2 || occurrences[1].id !== use.id) return undefined;
  const target = occurrences[0];
  const assignment = target.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== target.id) return undefined;
  const statement = assignment.parent;
  if (statement?.type !== 'expression_statement' || statement.parent?.type !== 'block') return undefined;
  const producer = assignment.childForFieldName('right');
  if (!producer || !isProducer(producer, text) || DYNAMIC.test(text.slice(fn.startIndex, fn.endIndex))) return undefined;

  const block = statement.parent;
  let useStatement: Node | null = use;
  while (useStatement && useStatement.parent?.id !== block.id) useStatement = useStatement.parent;
  if (!useStatement || useStatement.startIndex <= statement.startIndex) return undefined;
  const order = evaluationOrder(use, useStatement);
  if (order === 'repeated') return undefined;

  const adjacent = nextStatement(statement)?.id === useStatement.id;
  if (!adjacent) {
    // Statements in between run before the list is built now: leave it alone when they touch its inputs.
    const words = new Set(producer.text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
    for (const w of words) {
      if (!KEYWORDS.has(w) && wordsAt(text, w, statement.endIndex, useStatement.startIndex).length > 0) return undefined;
    }
  }
  const items = producer.type === 'list_comprehension' ? producer : listArgument(producer)!;
  const safe = adjacent && order === 'first' && consumerSafety(c, items, yieldsNumeric(items, text), text) === 'safe';
  return { name, statement, producer, safety: safe ? 'safe' : 'unsafe' };
}

/** An attribute's name (`x.name`) or a keyword argument's name (`f(name=1)`): not the variable. */
function isMemberName(id: Node): boolean {
  const p = id.parent!;
  return (p.type === 'attribute' && fieldOf(p, id) === 'attribute') || (p.type === 'keyword_argument' && fieldOf(p, id) === 'name');
}

/** A list comprehension or a builtin `list(iterable)` call: a fresh list whose items could come lazily. */
function isProducer(node: Node, text: string): boolean {
  if (node.type === 'list_comprehension') return !usesAsync(node);
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function')!;
  return fn.type === 'identifier' && fn.text === 'list' && !!listArgument(node) && isBuiltin(fn, text);
}

/**
 * How `use` is evaluated within its statement: `first` (once, before anything with side effects),
 * `later` (once or maybe not at all, after other code of the statement), `repeated` (in a loop, a lambda,
 * a nested function or a comprehension's body: the list is read more than once, or at another time).
 */
function evaluationOrder(use: Node, statement: Node): 'first' | 'later' | 'repeated' {
  let order: 'first' | 'later' = 'first';
  const after = (parent: Node, child: Node) => {
    for (const sibling of parent.namedChildren) {
      if (!sibling || sibling.id === child.id) break;
      if (sibling.type !== 'comment' && !isPure(sibling)) order = 'later';
    }
  };
  let child = use;
  for (let p = use.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'lambda':
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
      case 'while_statement':
        return 'repeated';
      case 'for_statement':
      case 'for_in_clause':
        if (fieldOf(p, child) !== 'right') return 'repeated';
        break;
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
        after(p, child);
        break;
      case 'keyword_argument':
      case 'parenthesized_expression':
      case 'not_operator':
      case 'unary_operator':
      case 'attribute':
      case 'expression_statement':
      case 'return_statement':
        break;
      case 'assignment':
        if (fieldOf(p, child) !== 'right') order = 'later';
        break;
      case 'boolean_operator':
        // The right operand may not run at all.
        if (fieldOf(p, child) !== 'left') order = 'later';
        break;
      case 'if_statement':
        if (fieldOf(p, child) !== 'condition') order = 'later';
        break;
      default:
        if (COMPREHENSIONS.has(p.type)) {
          // Only the first iterable is evaluated once, up front; everything else runs per item.
          const firstClause = p.namedChildren.find((n) => n?.type === 'for_in_clause');
          if (firstClause?.id !== child.id) return 'repeated';
        } else order = 'later';
    }
    if (p.id === statement.id) break;
  }
  return order;
}
