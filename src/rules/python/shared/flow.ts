// Names and the values they hold: where a name occurs as a variable, which binding reaches a use, and following a
// value through a local variable (`lines = f.readlines()` ... `lines[-5:]`).
import type { Node } from 'web-tree-sitter';
import { bindingScope } from './builtins';
import { outerParent, inField } from './calls';
import { identifiersNamed, within } from './identifiers';
import { COMPREHENSIONS, scopeOf } from './scopes';

export interface Assignment {
  name: string;
  /** The identifier on the left. */
  target: Node;
  /** The `name = value` statement. */
  statement: Node;
  scope: Node;
}

/** `value` is the whole right side of a plain `name = value` statement (annotated or not, not chained). */
export function assignmentOf(value: Node): Assignment | undefined {
  const { parent, child } = outerParent(value);
  if (parent?.type !== 'assignment' || !inField(parent, 'right', child)) return undefined;
  const target = parent.childForFieldName('left');
  if (target?.type !== 'identifier' || parent.parent?.type !== 'expression_statement') return undefined;
  return { name: target.text, target, statement: parent.parent, scope: scopeOf(parent) };
}

/**
 * Every read of the variable an assignment binds, when that assignment is the name's only binding in its
 * scope (nested scopes included: a same-named local or a `global` there makes the answer unknown).
 */
export function loadsOf(a: Assignment, text: string): Node[] | undefined {
  const occurrences = variableOccurrences(a.target.tree.rootNode, text, a.name, a.scope.startIndex, a.scope.endIndex);
  const bindings = occurrences.filter((id) => bindingScope(id));
  if (bindings.length !== 1 || bindings[0].id !== a.target.id) return undefined;
  return occurrences.filter((id) => id.id !== a.target.id);
}

/** The statements strictly between two siblings of one block (comments skipped), or undefined if they are not siblings. */
export function statementsBetween(first: Node, last: Node): Node[] | undefined {
  if (!first.parent || first.parent.id !== last.parent?.id || first.startIndex >= last.startIndex) return undefined;
  const out: Node[] = [];
  for (let n = first.nextNamedSibling; n && n.id !== last.id; n = n.nextNamedSibling) {
    if (!n) return undefined;
    if (n.type !== 'comment') out.push(n);
  }
  return out;
}

/** Node types whose children are all evaluated, once, whenever the node is: no branching, no deferred code. */
const EAGER = new Set([
  'call', 'argument_list', 'keyword_argument', 'attribute', 'subscript', 'slice', 'binary_operator', 'unary_operator',
  'not_operator', 'parenthesized_expression', 'tuple', 'list', 'set', 'dictionary', 'pair', 'expression_list',
  'string', 'interpolation', 'concatenated_string', 'list_splat', 'dictionary_splat', 'await',
]);

/**
 * Whether evaluating `statement` evaluates `node` exactly once, unconditionally: not in a branch of `x if c else y`,
 * `a or b`, a later link of a chained comparison, a lambda, a comprehension body, or a compound statement's body.
 * (A for loop's iterable and an if's first condition count: they run once when the statement starts.)
 */
export function evaluatedOnceBy(node: Node, statement: Node): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.id === statement.id) {
      switch (p.type) {
        case 'expression_statement':
        case 'return_statement':
          return true;
        case 'for_statement':
          return inField(p, 'right', child);
        case 'if_statement':
          return inField(p, 'condition', child);
        default:
          return false;
      }
    }
    if (EAGER.has(p.type)) continue;
    switch (p.type) {
      case 'assignment':
      case 'augmented_assignment':
        if (inField(p, 'right', child)) continue;
        return false;
      case 'comparison_operator':
        // `a < b < c` stops early; only the first two operands always run.
        if (p.namedChildren.filter((c) => c && c.type !== 'comment').slice(0, 2).some((c) => c!.id === child.id)) continue;
        return false;
      case 'boolean_operator':
        if (inField(p, 'left', child)) continue;
        return false;
      case 'conditional_expression':
        if (p.namedChildren[1]?.id === child.id) continue;
        return false;
      case 'for_in_clause': {
        // A comprehension's first iterable runs once, in the enclosing scope, when the comprehension is built.
        const comprehension = p.parent;
        const first = comprehension?.namedChildren.find((c) => c?.type === 'for_in_clause');
        if (inField(p, 'right', child) && first?.id === p.id) {
          child = p;
          p = comprehension!;
          continue;
        }
        return false;
      }
      default:
        return false;
    }
  }
  return false;
}

/** Identifier occurrences that are variables (not `x.name` attribute names, not `f(name=...)` keywords). */
export function variableOccurrences(root: Node, text: string, name: string, start: number, end: number): Node[] {
  return identifiersNamed(root, text, name, start, end).filter((id) => {
    const p = id.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) return false;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) return false;
    return true;
  });
}

/**
 * The one binding of the name `use` in its scope, or undefined when there are none or several. Bindings in
 * nested scopes count too (conservative: a same-named local elsewhere makes the name ambiguous).
 */
export function soleBinding(use: Node, text: string): Node | undefined {
  const scope = scopeOf(use);
  const bindings = variableOccurrences(use.tree.rootNode, text, use.text, scope.startIndex, scope.endIndex).filter((id) => bindingScope(id));
  return bindings.length === 1 ? bindings[0] : undefined;
}

const LOOPS = new Set(['for_statement', 'while_statement', ...COMPREHENSIONS]);

/**
 * The `name = value` that the variable `use` reads: the last binding of the name before it, in a block that holds
 * the use, with no other binding in a loop around the use (which could rebind it on a later turn). Undefined when
 * the nearest binding is anything else (a branch, a loop target, a parameter) or sits in a block the use is not in.
 */
export function reachingAssignment(use: Node, text: string): { binding: Node; region: Node; until: number } | undefined {
  const scope = scopeOf(use);
  const bindings = variableOccurrences(use.tree.rootNode, text, use.text, scope.startIndex, scope.endIndex).filter((id) => bindingScope(id));
  const before = bindings.filter((b) => b.endIndex <= use.startIndex);
  const binding = before[before.length - 1];
  const assignment = binding?.parent;
  if (!binding || assignment?.type !== 'assignment' || !inField(assignment, 'left', binding)) return undefined;
  const region = assignment.parent?.type === 'expression_statement' ? assignment.parent.parent : null;
  if (!region || !within(use, region)) return undefined;
  for (let p = use.parent; p && p.id !== region.id; p = p.parent) {
    if (LOOPS.has(p.type) && bindings.some((b) => within(b, p!))) return undefined;
  }
  const next = bindings.find((b) => b.startIndex > use.endIndex && within(b, region));
  return { binding, region, until: next ? next.startIndex : region.endIndex };
}
