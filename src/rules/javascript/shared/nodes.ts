// ESTree helpers for the JS rules: they read the same on typescript-estree, espree and
// @typescript-eslint/parser ASTs, relying only on `type`, `range`, and `parent` (set by indexAst).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from './visitor';
import type { Node } from './walk';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** Strip TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) that do not change the value. */
export function unwrap(node: Node): Node {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TSTypeAssertion'
  ) {
    n = n.expression;
  }
  return n;
}

/** The nearest ancestor that is not a TypeScript wrapper (see unwrap), and the child it was reached from. */
export function outerParent(node: Node): { parent: Node | undefined; child: Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSTypeAssertion')
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

export function isFunction(node: Node | undefined | null): node is FunctionNode {
  return !!node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration');
}

/** `a.name`, `a?.name`, `a['name']`: the property name when it is fixed; undefined for `a[expr]`. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  const p = member.property;
  if (!member.computed) return p.type === 'Identifier' ? p.name : undefined;
  if (p.type === 'Literal' && typeof p.value === 'string') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** A call `receiver.name(...)`: its member expression and method name, or undefined. */
export function methodOf(call: TSESTree.CallExpression): { member: TSESTree.MemberExpression; name: string } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = propertyName(callee);
  return name === undefined ? undefined : { member: callee, name };
}

/** `Object.assign(...)`-style calls on a global: `Global.name(...)`. */
export function isStaticCall(node: Node, object: string, names: readonly string[]): boolean {
  if (node.type !== 'CallExpression') return false;
  const m = methodOf(node);
  if (!m || !names.includes(m.name)) return false;
  const o = unwrap(m.member.object);
  return o.type === 'Identifier' && o.name === object;
}

export function isIdentifier(node: Node | null | undefined, name?: string): node is TSESTree.Identifier {
  return !!node && node.type === 'Identifier' && (name === undefined || node.name === name);
}

/** The source of an expression, parenthesized when it is a comma sequence (its range leaves the parentheses out). */
export function exprText(text: string, node: Node): string {
  const src = text.slice(node.range[0], node.range[1]);
  return node.type === 'SequenceExpression' ? `(${src})` : src;
}

/**
 * The range of `node` widened over the grouping parentheses around it, if any: `=> ({ ... })`.
 * Only call this where a '(' before the node cannot belong to a call or a statement.
 */
export function withParens(text: string, node: Node): [number, number] {
  let [start, end] = node.range;
  for (;;) {
    let s = start - 1;
    while (s >= 0 && /\s/.test(text[s])) s--;
    let e = end;
    while (e < text.length && /\s/.test(text[e])) e++;
    if (text[s] !== '(' || text[e] !== ')') return [start, end];
    start = s;
    end = e + 1;
  }
}

/** The values a function can return: `c ? a : b`, `a || b` and `(x, a)` split into their possible results (TS wrappers stripped). */
export function returnedValues(fn: FunctionNode): Node[] {
  const roots: Node[] = [];
  if (fn.body === null || fn.body === undefined) return roots;
  if (fn.body.type !== 'BlockStatement') roots.push(fn.body);
  else {
    walk(fn.body, {
      enter(node) {
        if (isFunction(node) || node.type === 'ClassBody') return false;
        if (node.type === 'ReturnStatement') {
          // `return;` hands on undefined: callers see the statement itself, an "other" value.
          roots.push(node.argument ?? node);
          return false;
        }
      },
    });
  }
  const leaves: Node[] = [];
  const stack = roots.reverse();
  while (stack.length > 0) {
    const node = unwrap(stack.pop()!);
    if (node.type === 'ConditionalExpression') stack.push(node.alternate, node.consequent);
    else if (node.type === 'LogicalExpression') stack.push(node.right, node.left);
    else if (node.type === 'SequenceExpression') stack.push(node.expressions[node.expressions.length - 1]);
    else leaves.push(node);
  }
  return leaves;
}
