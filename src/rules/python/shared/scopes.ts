// Python scopes as tree-sitter sees them: a module, a class body, a function or a lambda.
import type { Node } from 'web-tree-sitter';

const FUNCTION_SCOPES = new Set(['function_definition', 'lambda']);
/** Comprehensions and generator expressions run in a scope of their own (Python 3). */
export const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * The scope whose code evaluates `node`: the nearest enclosing function, lambda or class body, else the module
 * (the tree's root).
 * A function's name, decorators, defaults and annotations belong to the scope around it; its parameters
 * and body to the function.
 */
export function scopeOf(node: Node): Node {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition') {
      const field = fieldOf(p, child);
      if (field === 'body' || (field === 'parameters' && insideParameterName(node, child))) return p;
    } else if (p.type === 'lambda') {
      const field = fieldOf(p, child);
      if (field === 'body' || (field === 'parameters' && insideParameterName(node, child))) return p;
    } else if (p.type === 'class_definition' && fieldOf(p, child) === 'body') {
      return p;
    } else if (!p.parent) {
      // The module, or the ERROR node standing for it in a file that does not parse.
      return p;
    }
  }
  return child;
}

/** The outermost scope: the module (or what stands for it in a file with syntax errors). */
export function isModuleScope(scope: Node): boolean {
  return !scope.parent;
}

/** The function (def or lambda) whose body holds `node`, if any, looking through class bodies. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let s = scopeOf(node); !isModuleScope(s); s = scopeOf(s)) {
    if (FUNCTION_SCOPES.has(s.type)) return s;
  }
  return undefined;
}

/** The field of `parent` that holds `child`, if any. */
export function fieldOf(parent: Node, child: Node): string | null {
  for (let i = 0; i < parent.childCount; i++) {
    if (parent.child(i)?.id === child.id) return parent.fieldNameForChild(i);
  }
  return null;
}

/** A parameter's name, as opposed to its default value or annotation (evaluated outside the function). */
function insideParameterName(node: Node, parameters: Node): boolean {
  let child = node;
  for (let p = node.parent; p && p.id !== parameters.id; child = p, p = p.parent) {
    if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && fieldOf(p, child) !== 'name') return false;
    if (p.type === 'typed_parameter' && child.type === 'type') return false;
  }
  return true;
}
