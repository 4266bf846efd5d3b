// Names and the values they hold: where a name occurs as a variable, which binding reaches a use, and following a
// value through a local variable (`lines = f.readlines()` ... `lines[-5:]`).
import type { Node } from 'web-tree-sitter';
import { childrenOf, folded, inherited, namedChildrenOf, parentOf, perTree, positionIn, type Inherited } from '../../../core/parsers/pythonTree';
import { bindingScope } from './builtins';
import { outerParent, inField } from './calls';
import { allIdentifiersNamed, firstFrom, identifiersNamed, within } from './identifiers';
import { statementOf } from './layout';
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
  const statement = parentOf(parent);
  if (target?.type !== 'identifier' || statement?.type !== 'expression_statement') return undefined;
  return { name: target.text, target, statement, scope: scopeOf(parent) };
}

/**
 * Every read of the variable an assignment binds, when that assignment is the name's only binding in its
 * scope (nested scopes included: a same-named local or a `global` there makes the answer unknown).
 */
export function loadsOf(a: Assignment, text: string): Node[] | undefined {
  const bindings = bindingsIn(a.target.tree.rootNode, text, a.name, a.scope.startIndex, a.scope.endIndex);
  if (bindings.length !== 1 || bindings[0].id !== a.target.id) return undefined;
  return variableOccurrences(a.target.tree.rootNode, text, a.name, a.scope.startIndex, a.scope.endIndex).filter((id) => id.id !== a.target.id);
}

/** Statements `siblings[from, to)` of one block, comments among them (`statements` leaves those out). */
export interface Between {
  siblings: readonly Node[];
  from: number;
  to: number;
}

/** The statements strictly between two siblings of one block, or undefined if they are not siblings (no copying: blocks can be long). */
export function statementsBetween(first: Node, last: Node): Between | undefined {
  const parent = parentOf(first);
  if (!parent || parent.id !== parentOf(last)?.id || first.startIndex >= last.startIndex) return undefined;
  const siblings = childrenOf(parent);
  const from = positionIn(siblings, first);
  const to = positionIn(siblings, last);
  return from === -1 || to === -1 ? undefined : { siblings, from: from + 1, to };
}

/** The statements of `between`, comments left out, in order. */
export function* statements(between: Between): Generator<Node> {
  for (let i = between.from; i < between.to; i++) {
    const n = between.siblings[i];
    if (n.isNamed && n.type !== 'comment') yield n;
  }
}

/** Whether `between` holds a statement (comments aside). */
export function hasStatements(between: Between): boolean {
  return !statements(between).next().done;
}

/** Node types whose children are all evaluated, once, whenever the node is: no branching, no deferred code. */
const EAGER = new Set([
  'call', 'argument_list', 'keyword_argument', 'attribute', 'subscript', 'slice', 'binary_operator', 'unary_operator',
  'not_operator', 'parenthesized_expression', 'tuple', 'list', 'set', 'dictionary', 'pair', 'expression_list',
  'string', 'interpolation', 'concatenated_string', 'list_splat', 'dictionary_splat', 'await',
]);

const ONCE = {};

/** Whether `node` is a statement: a child of a block or of the module. */
function isStatement(node: Node): boolean {
  const p = parentOf(node);
  return p?.type === 'block' || p?.type === 'module';
}

/** One step of `evaluatedOnce`: what evaluating `parent` does to its child `node`. */
function onceStep(node: Node, parent: Node | null): Inherited<boolean> {
  if (!parent) return { value: false };
  if (isStatement(parent)) {
    switch (parent.type) {
      case 'expression_statement':
      case 'return_statement':
        return { value: true };
      case 'for_statement':
        return { value: inField(parent, 'right', node) };
      case 'if_statement':
        return { value: inField(parent, 'condition', node) };
      default:
        return { value: false };
    }
  }
  if (EAGER.has(parent.type)) return { from: parent };
  switch (parent.type) {
    case 'assignment':
    case 'augmented_assignment':
      return inField(parent, 'right', node) ? { from: parent } : { value: false };
    case 'comparison_operator': {
      // `a < b < c` stops early; only the first two operands always run.
      const [a, b] = namedChildrenOf(parent);
      return a?.id === node.id || b?.id === node.id ? { from: parent } : { value: false };
    }
    case 'boolean_operator':
      return inField(parent, 'left', node) ? { from: parent } : { value: false };
    case 'conditional_expression':
      return childrenOf(parent).filter((c) => c.isNamed)[1]?.id === node.id ? { from: parent } : { value: false };
    case 'for_in_clause': {
      // A comprehension's first iterable runs once, in the enclosing scope, when the comprehension is built.
      const comprehension = parentOf(parent);
      const first = comprehension && childrenOf(comprehension).find((c) => c.type === 'for_in_clause');
      return inField(parent, 'right', node) && first?.id === parent.id ? { from: comprehension! } : { value: false };
    }
    default:
      return { value: false };
  }
}

/**
 * Whether evaluating its statement (`statementOf(node)`) evaluates `node` exactly once, unconditionally: not in a
 * branch of `x if c else y`, `a or b`, a later link of a chained comparison, a lambda, a comprehension body, or a
 * compound statement's body. (A for loop's iterable and an if's first condition count: they run once when the
 * statement starts.) Worked out once per node.
 */
export function evaluatedOnce(node: Node): boolean {
  return inherited(ONCE, node, onceStep);
}

/** Whether an identifier is a variable (not an `x.name` attribute name, not an `f(name=...)` keyword). */
export function isVariable(id: Node): boolean {
  const p = parentOf(id);
  if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) return false;
  if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) return false;
  return true;
}

/** Identifier occurrences that are variables (not `x.name` attribute names, not `f(name=...)` keywords). */
export function variableOccurrences(root: Node, text: string, name: string, start: number, end: number): Node[] {
  return identifiersNamed(root, text, name, start, end).filter(isVariable);
}

const BINDINGS = {};

/** The occurrences of the variable `name` within [start, end) that bind it, in order. */
export function bindingsIn(root: Node, text: string, name: string, start: number, end: number): Node[] {
  // The first few questions about a name look at their range; then its bindings in the whole file are kept,
  // so "the bindings in this scope" stays a binary search however many read sites ask.
  const names = perTree(BINDINGS, root.tree, () => new Map<string, { times: number; all?: Node[] }>());
  let entry = names.get(name);
  if (!entry) names.set(name, (entry = { times: 0 }));
  if (!entry.all && ++entry.times <= 8 && end - start <= Math.max(4096, text.length >> 3)) {
    return variableOccurrences(root, text, name, start, end).filter((id) => bindingScope(id));
  }
  const all = (entry.all ??= allIdentifiersNamed(root, text, name).filter((id) => isVariable(id) && bindingScope(id)));
  return all.slice(firstFrom(all, start), firstFrom(all, end - name.length + 1));
}

/**
 * The one binding of the name `use` in its scope, or undefined when there are none or several. Bindings in
 * nested scopes count too (conservative: a same-named local elsewhere makes the name ambiguous).
 */
export function soleBinding(use: Node, text: string): Node | undefined {
  const scope = scopeOf(use);
  const bindings = bindingsIn(use.tree.rootNode, text, use.text, scope.startIndex, scope.endIndex);
  return bindings.length === 1 ? bindings[0] : undefined;
}

const LOOP_STATEMENTS = new Set(['for_statement', 'while_statement']);
const OUTERMOST_COMPREHENSION = {};

/** The outermost comprehension around `node` within its statement, or null (worked out once per node). */
function outermostComprehension(node: Node): Node | null {
  return folded<Node | null>(
    OUTERMOST_COMPREHENSION,
    node,
    (n, parent) => (!parent || isStatement(n) ? null : undefined),
    (_n, parent, above) => above ?? (COMPREHENSIONS.has(parent.type) ? parent : null),
  );
}

/**
 * The outermost loop around `use` below `region` (a block holding it): a for or while statement between the two,
 * else a comprehension around it in its statement. Statements nest only as deep as the code is indented.
 */
function outermostLoop(use: Node, region: Node): Node | null {
  const statement = statementOf(use);
  let loop: Node | null = null;
  for (let p: Node | null = statement ?? null; p && p.id !== region.id; p = parentOf(p)) {
    if (LOOP_STATEMENTS.has(p.type)) loop = p;
  }
  return loop ?? outermostComprehension(use);
}

/**
 * The `name = value` that the variable `use` reads: the last binding of the name before it, in a block that holds
 * the use, with no other binding in a loop around the use (which could rebind it on a later turn). Undefined when
 * the nearest binding is anything else (a branch, a loop target, a parameter) or sits in a block the use is not in.
 */
export function reachingAssignment(use: Node, text: string): { binding: Node; region: Node; until: number } | undefined {
  const scope = scopeOf(use);
  const bindings = bindingsIn(use.tree.rootNode, text, use.text, scope.startIndex, scope.endIndex);
  const binding = bindings[firstFrom(bindings, use.startIndex - use.text.length + 1) - 1];
  const assignment = binding && parentOf(binding);
  if (!binding || assignment?.type !== 'assignment' || !inField(assignment, 'left', binding)) return undefined;
  const statement = parentOf(assignment);
  const region = statement?.type === 'expression_statement' ? parentOf(statement) : null;
  if (!region || !within(use, region)) return undefined;
  // A binding in any loop around the use (below the region) is one inside the outermost of them.
  const loop = outermostLoop(use, region);
  if (loop && firstFrom(bindings, loop.startIndex) < firstFrom(bindings, loop.endIndex - use.text.length + 1)) return undefined;
  const next = bindings[firstFrom(bindings, use.endIndex + 1)];
  return { binding, region, until: next && within(next, region) ? next.startIndex : region.endIndex };
}
