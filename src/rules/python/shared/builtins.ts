// Is `sum` here Python's builtin? Not when the module or an enclosing function binds the name (def, class,
// import, assignment, loop or with target, parameter, walrus, except ... as), nor after `from x import *`.
import type { Node, Tree } from 'web-tree-sitter';
import { inherited, memoised, nodeAt, parentOf } from '../../../core/parsers/pythonTree';
import { identifierAt, wordsAt } from './identifiers';
import { fieldOf, isModuleScope, scopeOf } from './scopes';
import { pastBlanks, wordSites } from './words';

/** Target shapes that bind every name inside them. */
const PATTERNS = new Set([
  'pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'tuple', 'list', 'parenthesized_expression',
  'expression_list', 'as_pattern_target',
]);
/** Nodes whose identifier children are parameter names (defaults and annotations sit in other fields). */
const PARAMETER_PARTS = new Set(['parameters', 'lambda_parameters', 'typed_parameter', 'dictionary_splat_pattern']);

const BINDING = {};

/** The scope a binding of `id` lands in, or undefined when `id` does not bind. `global`/`nonlocal` count as the module. */
export function bindingScope(id: Node): Node | undefined {
  return memoised(BINDING, id, bindingScopeOf);
}

const PATTERN_TOP = {};

function bindingScopeOf(id: Node): Node | undefined {
  // The outermost target shape around `id` (`a` in `(a, [b, c]) = ...` climbs to the tuple).
  const child = inherited<Node>(PATTERN_TOP, id, (n, parent) => (parent && PATTERNS.has(parent.type) ? { from: parent } : { value: n }));
  const p = parentOf(child);
  if (!p) return undefined;
  const field = (name: string) => p.childForFieldName(name)?.id === child.id;
  switch (p.type) {
    case 'function_definition':
    case 'class_definition':
      return field('name') && child.id === id.id ? scopeOf(p) : undefined;
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      return field('left') ? scopeOf(p) : undefined;
    case 'named_expression':
      return field('name') ? scopeOf(p) : undefined;
    case 'as_pattern':
      return field('alias') ? scopeOf(p) : undefined;
    case 'aliased_import':
      return field('alias') ? scopeOf(p) : undefined;
    case 'dotted_name': {
      // `import a.b` binds `a`; `from m import a` binds `a`; the module path binds nothing.
      const statement = parentOf(p);
      if (!statement || p.firstNamedChild?.id !== id.id) return undefined;
      if (statement.type === 'import_statement' || (statement.type === 'import_from_statement' && fieldOf(statement, p) === 'name')) return scopeOf(statement);
      return undefined;
    }
    case 'global_statement':
    case 'nonlocal_statement':
      return id.tree.rootNode;
    case 'default_parameter':
    case 'typed_default_parameter':
      return field('name') ? scopeOf(id) : undefined;
    default:
      if (PARAMETER_PARTS.has(p.type)) {
        const scope = scopeOf(id);
        return scope.type === 'function_definition' || scope.type === 'lambda' ? scope : undefined;
      }
      return undefined;
  }
}

interface Bindings {
  wildcard: boolean;
  /** Per name: the ids of the scopes that bind it, and per scope whether the builtin is visible from it. */
  scopes: Map<string, { binders: Set<number>; visible: object }>;
}

const CACHE = new WeakMap<Tree, Bindings>();

function bindingsOf(tree: Tree, text: string): Bindings {
  let b = CACHE.get(tree);
  if (!b) {
    b = { wildcard: hasWildcardImport(tree.rootNode, text), scopes: new Map() };
    CACHE.set(tree, b);
  }
  return b;
}

/** `from m import *` in the code (not in a string or a comment). */
export function hasWildcardImport(root: Node, text: string): boolean {
  for (const { at } of wordSites(text, ['import'], { after: '*' })) {
    const starAt = pastBlanks(text, at + 'import'.length, 1);
    const star = nodeAt(root.tree, starAt, starAt + 1);
    if (star.type === 'wildcard_import' || parentOf(star)?.type === 'wildcard_import') return true;
  }
  return false;
}

/**
 * Cheap text test before the tree is asked: `x.name` never binds, nor does `name(` (a call) unless it
 * follows `def` or `class`. Builtins occur mostly as calls, so most occurrences stop here.
 */
function mayBind(text: string, at: number, length: number): boolean {
  if (text.charCodeAt(at - 1) === 46 /* . */) return false;
  let i = at + length;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 40 /* ( */) return true;
  return /(?:^|[^\p{L}\p{N}_])(?:def|class)[ \t]+$/u.test(text.slice(Math.max(0, at - 16), at));
}

/**
 * Whether the identifier `use` names the Python builtin of the same spelling in the file `text`.
 * Conservative: a binding anywhere in the module, in an enclosing function, or in the class body `use` sits
 * directly in, counts, whatever its order relative to `use`; comprehension variables count for the scope
 * around the comprehension.
 */
export function isBuiltin(use: Node, text: string): boolean {
  const name = use.text;
  const bindings = bindingsOf(use.tree, text);
  if (bindings.wildcard) return false;
  let known = bindings.scopes.get(name);
  if (!known) {
    const binders = new Set<number>();
    const root = use.tree.rootNode;
    for (const at of wordsAt(text, name)) {
      if (!mayBind(text, at, name.length)) continue;
      const id = identifierAt(root, at, name.length);
      const scope = id && bindingScope(id);
      if (scope) binders.add(scope.id);
    }
    known = { binders, visible: {} };
    bindings.scopes.set(name, known);
  }
  if (known.binders.size === 0) return true;
  const { binders } = known;
  const first = scopeOf(use);
  if (binders.has(first.id)) return false;
  if (isModuleScope(first)) return true;
  // Above the first scope, a class body's names are not visible (they are not seen inside its methods).
  return inherited<boolean>(known.visible, scopeOf(first), (s) => {
    if (binders.has(s.id) && s.type !== 'class_definition') return { value: false };
    return isModuleScope(s) ? { value: true } : { from: scopeOf(s) };
  });
}
