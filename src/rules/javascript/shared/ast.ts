// Sites (a node with its ancestors, so no `parent` pointers are needed) and small questions about expressions,
// for the file-read rules. Node predicates shared with the other JS rules live in nodes.ts.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, isIdentifier, propertyName, unwrap } from './nodes';
import { children, type Node } from './visitor';

export { isFunction, isIdentifier, propertyName, unwrap };
export type { Node };

/** A node and the chain of its ancestors, root first. */
export interface Site {
  node: Node;
  ancestors: readonly Node[];
}

export function parentOf(site: Site): Node | undefined {
  return site.ancestors[site.ancestors.length - 1];
}

/** The site of `site`'s parent. */
export function up(site: Site): Site | undefined {
  const n = site.ancestors.length;
  return n === 0 ? undefined : { node: site.ancestors[n - 1], ancestors: site.ancestors.slice(0, n - 1) };
}

/** The site of a child of `site.node`. */
export function down(site: Site, child: Node): Site {
  return { node: child, ancestors: [...site.ancestors, site.node] };
}

/** The site of a node whose `parent` pointers are set (nodes.ts / walk.ts's index sets them). */
export function siteOf(node: Node): Site {
  const ancestors: Node[] = [];
  for (let p = node.parent as Node | undefined; p; p = p.parent as Node | undefined) ancestors.push(p);
  return { node, ancestors: ancestors.reverse() };
}

/** `x as T`, `x!`, `<T>x`, `x satisfies T`: TypeScript syntax that changes nothing at run time. */
export function isTsWrapper(node: Node): node is TSESTree.TSAsExpression | TSESTree.TSNonNullExpression | TSESTree.TSSatisfiesExpression | TSESTree.TSTypeAssertion {
  return node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSTypeAssertion';
}

/** Climb from `site` through TypeScript wrappers: the outermost wrapper's site (or `site` itself). */
export function climbWrappers(site: Site): Site {
  let current = site;
  for (let parent = parentOf(current); parent && isTsWrapper(parent) && parent.expression === current.node; parent = parentOf(current)) {
    current = up(current)!;
  }
  return current;
}

/** The literal string of `'x'`, `"x"` or `` `x` `` (no substitutions). */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** The value of a numeric literal, or of `-literal`. */
export function numberValue(node: Node | null | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value;
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
    return -node.argument.value;
  }
  return undefined;
}

/** `site.node` is the object of `<object>.<name>(...)`: the method's name, the call and the call's site. Optional chains and spread arguments do not count. */
export function methodCallOn(site: Site): { name: string; call: TSESTree.CallExpression; site: Site } | undefined {
  const member = parentOf(site);
  if (member?.type !== 'MemberExpression' || member.object !== site.node || member.optional) return undefined;
  const memberSite = up(site)!;
  const call = parentOf(memberSite);
  if (call?.type !== 'CallExpression' || call.callee !== member || call.optional) return undefined;
  const name = propertyName(member);
  if (name === undefined || call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  return { name, call, site: up(memberSite)! };
}

/**
 * Evaluating `node` has no side effects (getters aside), so it may run earlier, later or twice: identifiers,
 * literals, `this`, function expressions, member chains and arithmetic on such operands.
 */
export function isSimple(node: Node | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'ThisExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isSimple);
    case 'MemberExpression':
      return isSimple(node.object) && (!node.computed || isSimple(node.property));
    case 'UnaryExpression':
      return node.operator !== 'delete' && isSimple(node.argument);
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && isSimple(node.left) && isSimple(node.right);
    default:
      return isTsWrapper(node) && isSimple(node.expression);
  }
}

/** The names an expression reads. Over-approximates (property names count too): a name too many only makes a check stricter. */
export function namesRead(node: Node, into = new Set<string>()): Set<string> {
  if (node.type === 'Identifier') into.add(node.name);
  for (const child of children(node)) namesRead(child, into);
  return into;
}
