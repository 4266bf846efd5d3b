// What a name stands for where it is used: the binding that reaches the use (looking out through enclosing
// function scopes to the module, as Python does) and what kind of binding it is (a parameter, `x = value`, a loop
// target, `with ... as x`, an import). Bindings of a name are found once per tree and name.
import type { Node, Tree } from 'web-tree-sitter';
import { parentOf } from '../../../core/parsers/pythonTree';
import { bindingScope } from './builtins';
import { inField } from './calls';
import { reachingAssignment } from './flow';
import { identifierAt, wordsAt } from './identifiers';
import { isModuleScope, scopeOf } from './scopes';

export type Definition =
  | { kind: 'parameter'; name: string; fn: Node; binding: Node }
  | { kind: 'value'; value: Node; binding: Node }
  | { kind: 'loop'; iterable: Node; whole: boolean; binding: Node }
  | { kind: 'with'; value: Node; binding: Node }
  | { kind: 'import'; module: string; member?: string; binding: Node }
  | { kind: 'def'; node: Node; binding: Node }
  | { kind: 'other'; binding: Node };

interface NameBindings {
  /** Binding identifiers with the scope each lands in. */
  list: { id: Node; scope: Node }[];
}

const CACHE = new WeakMap<Tree, Map<string, NameBindings>>();

function bindingsNamed(tree: Tree, text: string, name: string): NameBindings {
  let byName = CACHE.get(tree);
  if (!byName) CACHE.set(tree, (byName = new Map()));
  let b = byName.get(name);
  if (!b) {
    b = { list: [] };
    for (const at of wordsAt(text, name)) {
      if (text.charCodeAt(at - 1) === 46 /* . */) continue;
      const id = identifierAt(tree.rootNode, at, name.length);
      const scope = id && bindingScope(id);
      if (id && scope) b.list.push({ id, scope });
    }
    byName.set(name, b);
  }
  return b;
}

/** The binding of the name `use` reads: the sole binding in the nearest scope that binds it, or the reaching `x = ...`. */
export function bindingOf(use: Node, text: string): Node | undefined {
  const { list } = bindingsNamed(use.tree, text, use.text);
  for (let s: Node = scopeOf(use), first = true; ; s = scopeOf(s), first = false) {
    // A class body's names are not visible inside its methods.
    if (s.type !== 'class_definition' || first) {
      const here = list.filter((b) => b.scope.id === s.id);
      if (here.length === 1) return here[0].id;
      if (here.length > 1) return reachingAssignment(use, text)?.binding;
    }
    if (isModuleScope(s)) return undefined;
  }
}

/** `from .a.b import c as d` → module '.a.b', member 'c'; `import a.b as m` → module 'a.b'. */
function importDefinition(binding: Node): Definition | undefined {
  let p = parentOf(binding);
  let aliased: Node | undefined;
  if (p?.type === 'aliased_import') {
    aliased = p;
    p = parentOf(p);
  } else if (p?.type === 'dotted_name') {
    p = parentOf(p);
  }
  if (!p) return undefined;
  const nameNode = aliased ? aliased.childForFieldName('name') : parentOf(binding)?.type === 'dotted_name' ? parentOf(binding)! : binding;
  if (p.type === 'import_statement') {
    // `import a.b` binds `a` (the package); `import a.b as m` binds the module a.b.
    return { kind: 'import', module: aliased ? nameNode!.text : binding.text, binding };
  }
  if (p.type === 'import_from_statement') {
    const module = p.childForFieldName('module_name');
    return module ? { kind: 'import', module: module.text.replace(/\s+/g, ''), member: nameNode!.text, binding } : undefined;
  }
  return undefined;
}

/** What the binding `binding` (an identifier that binds) gives its name. */
export function definitionOfBinding(binding: Node): Definition {
  let child = binding;
  let p = parentOf(binding);
  const other: Definition = { kind: 'other', binding };
  if (!p) return other;
  switch (p.type) {
    case 'parameters':
    case 'lambda_parameters':
    case 'typed_parameter':
    case 'default_parameter':
    case 'typed_default_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const fn = scopeOf(binding);
      if (fn.type === 'function_definition' || fn.type === 'lambda') return { kind: 'parameter', name: binding.text, fn, binding };
      return other;
    }
    case 'function_definition':
    case 'class_definition':
      return { kind: 'def', node: p, binding };
    case 'as_pattern_target':
    case 'as_pattern': {
      const pattern = p.type === 'as_pattern' ? p : parentOf(p);
      if (!pattern || parentOf(pattern)?.type !== 'with_item') return other;
      return { kind: 'with', value: pattern.namedChild(0)!, binding };
    }
    case 'aliased_import':
    case 'dotted_name':
    case 'import_statement':
    case 'import_from_statement':
      return importDefinition(binding) ?? other;
  }
  // Loop targets, possibly inside a tuple pattern.
  let whole = true;
  while (p && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list'].includes(p.type)) {
    whole = false;
    child = p;
    p = parentOf(p);
  }
  if (!p) return other;
  if ((p.type === 'for_statement' || p.type === 'for_in_clause') && inField(p, 'left', child)) {
    return { kind: 'loop', iterable: p.childForFieldName('right')!, whole, binding };
  }
  if (p.type === 'assignment' && whole && inField(p, 'left', child)) {
    const right = p.childForFieldName('right');
    return right ? { kind: 'value', value: right, binding } : other;
  }
  return other;
}

/** What the name `use` reads, if one binding reaches it. */
export function definitionOf(use: Node, text: string): Definition | undefined {
  const binding = bindingOf(use, text);
  return binding && definitionOfBinding(binding);
}

/** The function a parameter belongs to, by name, for messages (`load_log`, or `lambda`). */
export function functionName(fn: Node): string {
  return fn.type === 'function_definition' ? fn.childForFieldName('name')!.text : 'lambda';
}

/** The parameters of a function, in order, as names (`self` included; `*args`/`**kw` as their names). */
export function parameterNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters');
  const out: string[] = [];
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.namedChildren.find((c) => c?.type === 'identifier') ?? p.childForFieldName('name');
    if (id?.type === 'identifier') out.push(id.text);
  }
  return out;
}

/**
 * The dotted name a name or attribute chain stands for when its first name comes from an import: `resources.files`
 * after `from importlib import resources` and `files` after `from importlib.resources import files` are both
 * `importlib.resources.files`. A first name bound more than once (`import importlib.metadata` and `import
 * importlib.resources`) or not at all is taken as written; one bound to anything else gives undefined.
 */
export function importedPath(node: Node, text: string): string | undefined {
  const parts: string[] = [];
  let n = node;
  while (n.type === 'attribute') {
    const attribute = n.childForFieldName('attribute');
    const object = n.childForFieldName('object');
    if (!attribute || !object) return undefined;
    parts.unshift(attribute.text);
    n = object;
  }
  if (n.type !== 'identifier') return undefined;
  const binding = bindingOf(n, text);
  const def = binding && definitionOfBinding(binding);
  if (def && def.kind !== 'import') return undefined;
  const head = !def ? n.text : def.member ? `${def.module}.${def.member}` : def.module;
  return [head, ...parts].join('.');
}

const RESOURCES = /^(?:importlib\.resources|importlib_resources)\.(\w+)$/;
/** The functions of importlib.resources the rules know (checked by name before any import is looked up). */
const RESOURCE_FUNCTIONS = /(?:^|\.)\s*(?:files|read_text|read_binary|open_text|open_binary)$/;

/** `read_text` for `importlib.resources.read_text` (or the `importlib_resources` backport), however it was imported. */
export function resourceFunction(callee: Node | null, text: string): string | undefined {
  if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute') || !RESOURCE_FUNCTIONS.test(callee.text)) return undefined;
  const path = importedPath(callee, text);
  return path ? RESOURCES.exec(path)?.[1] : undefined;
}
