// Python scopes as tree-sitter sees them: a module, a class body, a function or a lambda. Each node's scope is
// worked out once per tree (pythonTree.ts's `inherited`): asking for the scope of every node of a deeply nested
// expression costs one step per node, not one walk to the top per node.
import type { Node } from 'web-tree-sitter';
import { fieldOf, inherited, parentOf, type Inherited } from '../../../core/parsers/pythonTree';

export { fieldOf };

const FUNCTION_SCOPES = new Set(['function_definition', 'lambda']);
/** Comprehensions and generator expressions run in a scope of their own (Python 3). */
export const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** For a default value or an annotation under `parameter`: the function whose parameters they sit in (they run outside it). */
function functionOfParameter(parameter: Node): Node | undefined {
  const parameters = parentOf(parameter);
  if (parameters?.type !== 'parameters' && parameters?.type !== 'lambda_parameters') return undefined;
  const fn = parentOf(parameters);
  return fn && FUNCTION_SCOPES.has(fn.type) && fn.childForFieldName('parameters')?.id === parameters.id ? fn : undefined;
}

const SCOPE = {};

function scopeStep(node: Node, parent: Node | null): Inherited<Node> {
  if (!parent) return { value: node };
  if (!parentOf(parent)) return { value: parent }; // the module, or the ERROR node standing for it in a file that does not parse
  if (FUNCTION_SCOPES.has(parent.type)) {
    const inside = parent.childForFieldName('body')?.id === node.id || parent.childForFieldName('parameters')?.id === node.id;
    return inside ? { value: parent } : { from: parent };
  }
  if (parent.type === 'class_definition') return parent.childForFieldName('body')?.id === node.id ? { value: parent } : { from: parent };
  // A default value or an annotation runs in the scope around the function.
  const outside =
    ((parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') && parent.childForFieldName('name')?.id !== node.id) ||
    (parent.type === 'typed_parameter' && node.type === 'type');
  const fn = outside ? functionOfParameter(parent) : undefined;
  return { from: fn ?? parent };
}

/**
 * The scope whose code evaluates `node`: the nearest enclosing function, lambda or class body, else the module
 * (the tree's root).
 * A function's name, decorators, defaults and annotations belong to the scope around it; its parameters
 * and body to the function.
 */
export function scopeOf(node: Node): Node {
  return inherited(SCOPE, node, scopeStep);
}

/** The outermost scope: the module (or what stands for it in a file with syntax errors). */
export function isModuleScope(scope: Node): boolean {
  return !parentOf(scope);
}

const ENCLOSING = {};

/** The function (def or lambda) whose body holds `node`, if any, looking through class bodies. */
export function enclosingFunction(node: Node): Node | undefined {
  return inherited<Node | undefined>(ENCLOSING, scopeOf(node), (scope) => {
    if (isModuleScope(scope)) return { value: undefined };
    return FUNCTION_SCOPES.has(scope.type) ? { value: scope } : { from: scopeOf(scope) };
  });
}
