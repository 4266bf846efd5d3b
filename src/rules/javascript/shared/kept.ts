// Does a loop over the lines of a file keep an item for every line? `for (const line of text.split('\n'))
// entries.push(parse(line))`, `lines.map(parse)`: the array it fills grows with the file whether the file is read
// whole or streamed, so streaming saves the copy of the text, not the growth. Only loops that cannot skip a line
// count: no condition around the push but a guard that skips empty lines (`if (!line) continue;`), no `break` or
// `return`; an inner loop over what the line is made into (`for (const w of line.split(' ')) words.push(w)`)
// keeps that too. Filling a Set, a Map or an object is not keeping: repeated keys collapse (`counts[k]++`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { namesRead } from './ast';
import { isFunction, isIdentifier, unwrap } from './nodes';
import { bindingOf } from './origins';
import { patternIds } from './scope';
import type { LinesOp } from './usage';
import { children, walk, type Node } from './visitor';

/** Array methods that add to the array: each call keeps its arguments. */
const ADDS = new Set(['push', 'unshift']);
const LOOPS = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

/** What a loop over the lines is, for this question: its body, the names that hold the line, and how a pass is skipped. */
export interface LineLoop {
  body: Node;
  names: Set<string>;
  /** In a `forEach` callback, `return;` skips a line; in a loop, `continue;` does (and `return` ends the loop). */
  callback: boolean;
}

/** Whether `node` mentions one of `names`. */
function mentions(node: Node, names: ReadonlySet<string>): boolean {
  for (const name of namesRead(node)) if (names.has(name)) return true;
  return false;
}

/** `if (!line) continue;` (`return;` in a callback): a guard that skips only empty lines. */
function skipsEmpty(statement: Node, loop: LineLoop): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate) return false;
  const test = unwrap(statement.test);
  if (test.type !== 'UnaryExpression' || test.operator !== '!' || !isIdentifier(unwrap(test.argument)) || !loop.names.has((unwrap(test.argument) as TSESTree.Identifier).name)) return false;
  let skip: Node = statement.consequent;
  if (skip.type === 'BlockStatement' && skip.body.length === 1) skip = skip.body[0];
  return loop.callback ? skip.type === 'ReturnStatement' && !skip.argument : skip.type === 'ContinueStatement' && !skip.label;
}

/** Whether `node` holds a statement that can leave the pass (or, with `ends`, the whole loop) before its end. */
function leaves(node: Node, loop: LineLoop, ends: boolean): boolean {
  let found = false;
  const visit = (n: Node, nested: boolean): void => {
    if (found || isFunction(n) || n.type === 'ClassBody') return;
    switch (n.type) {
      case 'ReturnStatement':
        found = !loop.callback || !ends;
        return;
      case 'BreakStatement':
        // A `break` in a switch or an inner loop ends that, not this loop; a labelled one may end this.
        found = !nested || !!n.label;
        return;
      case 'ContinueStatement':
        found = !ends && (!nested || !!n.label);
        return;
      case 'ThrowStatement':
        return;
    }
    const inner = nested || LOOPS.has(n.type) || n.type === 'SwitchStatement';
    for (const c of children(n)) visit(c, inner);
  };
  visit(node, false);
  return found;
}

/** `out.push(x)` (as a statement or an arrow's body): the array added to (`out`, `this.out`). */
function addedTo(node: Node): TSESTree.Expression | undefined {
  const expression = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  if (expression.type !== 'CallExpression') return undefined;
  const callee = unwrap(expression.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !ADDS.has(callee.property.name)) return undefined;
  const receiver = unwrap(callee.object);
  return receiver.type === 'Identifier' || receiver.type === 'MemberExpression' ? receiver : undefined;
}

/** The statements of a body, in order (a body without braces is one statement, an arrow's body one expression). */
function statementsOf(body: Node): readonly Node[] {
  return body.type === 'BlockStatement' ? body.body : [body];
}

/**
 * The array a loop body adds to on every pass: a statement at the top of the body (or of an inner `for...of` over
 * what the line is made into) that pushes to it, with nothing before it that can skip the line.
 */
function everyPassAdds(body: Node, loop: LineLoop): TSESTree.Expression | undefined {
  for (const statement of statementsOf(body)) {
    if (skipsEmpty(statement, loop)) continue;
    const target = addedTo(statement);
    if (target) return target;
    if (statement.type === 'ForOfStatement' && mentions(statement.right, loop.names)) {
      const names = new Set(loop.names);
      if (statement.left.type === 'VariableDeclaration') for (const d of statement.left.declarations) for (const id of patternIds(d.id)) names.add(id.name);
      const found = everyPassAdds(statement.body, { ...loop, names });
      if (found) return found;
    }
    if (leaves(statement, loop, false)) return undefined;
  }
  return undefined;
}

/** Whether the array (`out`, `this.rows`) outlives the loop: declared outside `scope` and not assigned in it. */
function outside(target: TSESTree.Expression, scope: Node, loop: LineLoop): boolean {
  let root: Node = target;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type === 'ThisExpression') return true;
  if (root.type !== 'Identifier' || loop.names.has(root.name)) return false;
  const b = bindingOf(root);
  if (!b || (b.id.range[0] >= scope.range[0] && b.id.range[1] <= scope.range[1])) return false;
  // Assigned in the loop: it may be a new array every pass.
  const name = root.name;
  let assigned = false;
  walk(scope, {
    enter(n) {
      if (assigned) return false;
      if (n.type === 'AssignmentExpression' && isIdentifier(n.left, name)) assigned = true;
    },
  });
  return !assigned;
}

const MESSAGE = ': memory grows with the file either way, and streaming saves only the copy of the whole text.';

/**
 * Why streaming the lines would not stop memory growing with the file, when the loop over them keeps an item for
 * every line (`map` always does); undefined when it does not.
 */
export function keptPerLine(op: LinesOp, loop: LineLoop | undefined, text: string): string | undefined {
  if (op === 'map') return `The array \`map()\` builds gets an item for every line${MESSAGE}`;
  if (!loop || leaves(loop.body, loop, true)) return undefined;
  const target = everyPassAdds(loop.body, loop);
  if (!target || !outside(target, loop.body, loop)) return undefined;
  return `\`${text.slice(target.range[0], target.range[1])}\` gets an item for every line${MESSAGE}`;
}
