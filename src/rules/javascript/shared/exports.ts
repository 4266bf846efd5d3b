// How a module exports a module-level name: `export { f }`, `export default f`, `module.exports = f`,
// `exports.f = f`, `module.exports = { f }`. What callers.ts and methods.ts ask of a function's or a class's references.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrap } from './nodes';
import type { Node } from './walk';

/** `module.exports`, `exports`, `module.exports.x`: the export a target names (`default` for module.exports itself). */
export function exportTarget(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name === 'exports' ? '' : undefined;
  if (n.type !== 'MemberExpression') return undefined;
  const object = unwrap(n.object);
  const name = propertyName(n);
  if (object.type === 'Identifier' && object.name === 'module' && name === 'exports') return 'default';
  const outer = exportTarget(object);
  if (outer === undefined || name === undefined) return undefined;
  return outer === '' || outer === 'default' ? name : undefined;
}

/** The name a reference to a module-level name exports it as (`default` for a default export), when it exports it. */
export function exportedName(ref: Node, ancestors: readonly Node[]): string | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'ExportSpecifier') {
    const exported = parent.exported;
    return exported.type === 'Identifier' ? exported.name : String(exported.value);
  }
  if (parent?.type === 'ExportDefaultDeclaration') return 'default';
  // `module.exports = f`, `exports.f = f`, `module.exports = { f }`, `module.exports = { load: f }`.
  if (parent?.type === 'AssignmentExpression' && parent.right === ref) {
    const target = exportTarget(parent.left);
    if (target) return target;
  }
  if (parent?.type === 'Property' && parent.value === ref && !parent.computed) {
    const object = ancestors[ancestors.length - 2];
    const assignment = ancestors[ancestors.length - 3];
    if (object?.type === 'ObjectExpression' && assignment?.type === 'AssignmentExpression' && assignment.right === object && exportTarget(assignment.left) === 'default') {
      return parent.key.type === 'Identifier' ? parent.key.name : String((parent.key as TSESTree.Literal).value);
    }
  }
  return undefined;
}
