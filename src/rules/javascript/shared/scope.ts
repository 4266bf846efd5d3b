// Which declaration a name refers to, and every reference to a declaration: enough scope analysis to tell the
// `fs` module from a local `fs`, and a `const` used once from one used twice. Lexical rules: let/const/class in
// blocks, var and params in functions (var hoisted out of blocks), imports at the top, for-loop heads (whose
// bindings are in scope, in their TDZ, while the loop's right-hand side runs), catch params.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, siteOf, type Site } from './ast';
import { walk, type Node } from './visitor';
import { firstAtLeast } from '../../../core/sorted';
import { indexAst } from './walk';

export type BindingKind = 'var' | 'let' | 'const' | 'param' | 'import' | 'function' | 'class' | 'catch' | 'other';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The node whose region the name is bound in. */
  scope: Node;
  /** The declaring node: a VariableDeclarator, a function (for params and a function expression's name), an ImportDeclaration, ... */
  declarator: Node;
  /** The identifier that declares the name. */
  id: TSESTree.Identifier;
  /** The ancestors of `scope`, root first (set by `resolve`). */
  path?: readonly Node[];
}

/** The identifiers a binding pattern declares. */
export function patternIds(pattern: Node | null | undefined, into: TSESTree.Identifier[] = []): TSESTree.Identifier[] {
  if (!pattern) return into;
  switch (pattern.type) {
    case 'Identifier':
      into.push(pattern);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternIds(p.type === 'RestElement' ? p.argument : p.value, into);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternIds(e, into);
      break;
    case 'RestElement':
      patternIds(pattern.argument, into);
      break;
    case 'AssignmentPattern':
      patternIds(pattern.left, into);
      break;
    case 'TSParameterProperty':
      patternIds(pattern.parameter, into);
      break;
  }
  return into;
}

function inPattern(pattern: Node | null | undefined, name: string): TSESTree.Identifier | undefined {
  return patternIds(pattern).find((id) => id.name === name);
}

function fromDeclaration(scope: Node, decl: TSESTree.VariableDeclaration, name: string): Binding | undefined {
  const kind: BindingKind = decl.kind === 'var' ? 'var' : decl.kind === 'const' ? 'const' : decl.kind === 'let' ? 'let' : 'other';
  for (const d of decl.declarations) {
    const id = inPattern(d.id, name);
    if (id) return { name, kind, scope, declarator: d, id };
  }
  return undefined;
}

const lexicalCache = new WeakMap<object, Map<string, Binding>>();

/**
 * Lexical declarations (not `var`) among a list of statements, by name: built once per list, so resolving
 * names in a file with thousands of top-level statements stays cheap.
 */
function lexical(scope: Node, statements: readonly Node[]): Map<string, Binding> {
  let map = lexicalCache.get(statements);
  if (map) return map;
  const found = new Map<string, Binding>();
  const add = (name: string, kind: BindingKind, declarator: Node, id: TSESTree.Identifier) => {
    if (!found.has(name)) found.set(name, { name, kind, scope, declarator, id });
  };
  for (let s of statements) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
    switch (s.type) {
      case 'VariableDeclaration': {
        if (s.kind === 'var') break;
        const kind: BindingKind = s.kind === 'const' ? 'const' : s.kind === 'let' ? 'let' : 'other';
        for (const d of s.declarations) for (const id of patternIds(d.id)) add(id.name, kind, d, id);
        break;
      }
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (s.id) add(s.id.name, 'function', s, s.id);
        break;
      case 'ClassDeclaration':
        if (s.id) add(s.id.name, 'class', s, s.id);
        break;
      case 'ImportDeclaration':
        if (s.importKind === 'type') break;
        for (const spec of s.specifiers) {
          if (!(spec.type === 'ImportSpecifier' && spec.importKind === 'type')) add(spec.local.name, 'import', s, spec.local);
        }
        break;
      case 'TSImportEqualsDeclaration':
        if (s.importKind !== 'type') add(s.id.name, 'import', s, s.id);
        break;
      case 'TSEnumDeclaration':
        add(s.id.name, 'other', s, s.id);
        break;
      case 'TSModuleDeclaration':
        if (s.id.type === 'Identifier') add(s.id.name, 'other', s, s.id);
        break;
    }
  }
  lexicalCache.set(statements, found);
  return found;
}

function fromStatements(scope: Node, statements: readonly Node[], name: string): Binding | undefined {
  return lexical(scope, statements).get(name);
}

const varCache = new WeakMap<Node, Map<string, Binding>>();

/** `var` declarations anywhere in a function or program body, nested functions excepted (they hoist to `scope`). */
function vars(scope: Node): Map<string, Binding> {
  let map = varCache.get(scope);
  if (map) return map;
  const found = new Map<string, Binding>();
  const body = isFunction(scope) ? scope.body : scope;
  walk(body, {
    enter(node) {
      if (node !== body && (isFunction(node) || node.type === 'ClassBody' || node.type === 'TSModuleBlock')) return false;
      if (node.type === 'VariableDeclaration' && node.kind === 'var') {
        for (const d of node.declarations) {
          for (const id of patternIds(d.id)) if (!found.has(id.name)) found.set(id.name, { name: id.name, kind: 'var', scope, declarator: d, id });
        }
      }
    },
  });
  map = found;
  varCache.set(scope, map);
  return map;
}

/** The binding `scope` itself declares for `name`, if any. */
export function declaredIn(scope: Node, name: string): Binding | undefined {
  switch (scope.type) {
    case 'Program':
      return fromStatements(scope, scope.body, name) ?? vars(scope).get(name);
    case 'BlockStatement':
    case 'StaticBlock':
    case 'TSModuleBlock':
      return fromStatements(scope, scope.body, name);
    case 'SwitchStatement':
      for (const c of scope.cases) {
        const b = fromStatements(scope, c.consequent, name);
        if (b) return b;
      }
      return undefined;
    case 'ForStatement':
      return scope.init?.type === 'VariableDeclaration' && scope.init.kind !== 'var' ? fromDeclaration(scope, scope.init, name) : undefined;
    case 'ForInStatement':
    case 'ForOfStatement':
      return scope.left.type === 'VariableDeclaration' && scope.left.kind !== 'var' ? fromDeclaration(scope, scope.left, name) : undefined;
    case 'CatchClause': {
      const id = inPattern(scope.param, name);
      return id ? { name, kind: 'catch', scope, declarator: scope, id } : undefined;
    }
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression': {
      for (const p of scope.params) {
        const id = inPattern(p, name);
        if (id) return { name, kind: 'param', scope, declarator: scope, id };
      }
      if (scope.type === 'FunctionExpression' && scope.id?.name === name) return { name, kind: 'function', scope, declarator: scope, id: scope.id };
      return scope.type === 'ArrowFunctionExpression' && scope.body.type !== 'BlockStatement' ? undefined : vars(scope).get(name);
    }
    case 'ClassExpression':
    case 'ClassDeclaration':
      return scope.id?.name === name ? { name, kind: 'class', scope, declarator: scope, id: scope.id } : undefined;
    default:
      return undefined;
  }
}

/** The declaration `name` refers to at a place whose ancestors (root first) are given; undefined for a global. */
export function resolve(name: string, ancestors: readonly Node[]): Binding | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const b = declaredIn(ancestors[i], name);
    if (b) return { ...b, path: ancestors.slice(0, i) };
  }
  return undefined;
}

/** Whether an identifier, under `parent`, reads or writes a variable (rather than naming a property, label, key, type). */
export function isReference(id: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === id || parent.computed;
    case 'Property':
      return parent.value === id || (parent.key === id && parent.computed);
    case 'PropertyDefinition':
    case 'AccessorProperty':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSAbstractPropertyDefinition':
    case 'TSAbstractMethodDefinition':
    case 'TSAbstractAccessorProperty':
      return parent.key === id ? parent.computed : true;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'TSEnumMember':
    case 'TSTypeReference':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSTypeParameter':
    case 'MetaProperty':
      return false;
    case 'ExportSpecifier':
      return parent.local === id;
    case 'TSQualifiedName':
      return parent.left === id;
    default:
      return true;
  }
}

const NAMES = new WeakMap<Node, Map<string, Node[]>>();

/** The Program a node belongs to (the node itself for a Program), through `parent` (set by walk.ts's index). */
function programOf(node: Node): Node {
  let n = node;
  while (n.parent) n = n.parent as Node;
  return n;
}

/** Every Identifier and JSXIdentifier of `program` spelled `name`, in source order (the names indexed once per AST). */
function namedIn(program: Node, name: string): readonly Node[] {
  let names = NAMES.get(program);
  if (!names) {
    names = new Map();
    const index = indexAst(program as TSESTree.Program);
    for (const id of [...index.ofType('Identifier'), ...index.ofType('JSXIdentifier')]) {
      const list = names.get(id.name);
      if (list) list.push(id);
      else names.set(id.name, [id]);
    }
    for (const list of names.values()) list.sort((a, b) => a.range[0] - b.range[0]);
    NAMES.set(program, names);
  }
  return names.get(name) ?? [];
}

const startOf = (node: Node) => node.range[0];

/**
 * Every place that reads or writes `binding` (its declaring identifier excepted), in source order. The sites'
 * ancestors start at the program when the binding came from `resolve`, else at the binding's scope. Module-level
 * names: every one's references found in one walk; others: through an index of the AST's names (built once), not
 * by walking the binding's scope (a file of thousands of such names asks about each of them).
 */
export function references(binding: Binding): Site[] {
  if (binding.scope.type === 'Program') {
    const found = moduleReferences(binding.scope as TSESTree.Program).get(binding.name) ?? [];
    return found.filter((n) => n !== binding.id).map(siteOf);
  }
  return walkReferences(binding);
}

const moduleCache = new WeakMap<TSESTree.Program, Map<string, Node[]>>();

/** Nodes that can declare names for the code below them (what `declaredIn` looks at). */
function canDeclare(node: Node): boolean {
  switch (node.type) {
    case 'BlockStatement':
    case 'StaticBlock':
    case 'TSModuleBlock':
    case 'SwitchStatement':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'CatchClause':
    case 'ClassExpression':
    case 'ClassDeclaration':
      return true;
    default:
      return isFunction(node);
  }
}

/**
 * The references of every module-level name, found in one walk of the program: questions about module-level
 * names (a function's calls, a constant's uses) come often, and a walk of the whole file for each would make
 * them quadratic in the file's size. The shadowing test looks at the enclosing scopes only (a stack kept during
 * the walk), not at every ancestor, and the sites' ancestors are rebuilt from `parent` pointers when asked for.
 */
function moduleReferences(program: TSESTree.Program): Map<string, Node[]> {
  let index = moduleCache.get(program);
  if (index) return index;
  indexAst(program); // the `parent` pointers the sites are rebuilt from
  index = new Map();
  const found = index;
  const scopes: Node[] = [];
  walk(program, {
    enter(node, ancestors) {
      if (node !== program && canDeclare(node)) scopes.push(node);
      const name = node.type === 'Identifier' || node.type === 'JSXIdentifier' ? node.name : undefined;
      if (name === undefined) return;
      const own = declaredIn(program, name);
      if (!own) return;
      if (node.type === 'Identifier') {
        if (!isReference(node, ancestors[ancestors.length - 1])) return;
        // Shadowed by a declaration between the program and the identifier? (as in walkReferences)
        for (let i = scopes.length - 1; i >= 0; i--) {
          if (scopes[i] === node) continue;
          const inner = declaredIn(scopes[i], name);
          if (inner && inner.id !== own.id) return;
        }
      }
      let list = found.get(name);
      if (!list) found.set(name, (list = []));
      list.push(node);
    },
    leave(node) {
      if (scopes[scopes.length - 1] === node) scopes.pop();
    },
  });
  moduleCache.set(program, index);
  return index;
}

function walkReferences(binding: Binding): Site[] {
  const out: Site[] = [];
  const { name, scope, id: declaring } = binding;
  const candidates = namedIn(programOf(scope), name);
  for (let i = firstAtLeast(candidates, scope.range[0], startOf); i < candidates.length && candidates[i].range[1] <= scope.range[1]; i++) {
    const node = candidates[i];
    if (node === declaring) continue;
    // The chain from the scope down to the node's parent, and whether it lies in the scope at all.
    const chain: Node[] = [];
    let p = node.parent as Node | undefined;
    while (p && p !== scope) {
      chain.push(p);
      p = p.parent as Node | undefined;
    }
    if (!p) continue;
    chain.push(scope);
    chain.reverse();
    if (node.type === 'Identifier') {
      if (!isReference(node, chain[chain.length - 1])) continue;
      // Shadowed by a declaration between the binding's scope (chain[0]) and the identifier?
      let shadowed = false;
      for (let k = chain.length - 1; k >= 1; k--) {
        const inner = declaredIn(chain[k], name);
        if (inner) {
          shadowed = inner.id !== declaring;
          break;
        }
      }
      if (shadowed) continue;
    }
    out.push({ node, ancestors: [...(binding.path ?? []), ...chain] });
  }
  return out;
}
