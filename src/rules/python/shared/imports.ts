// Using a standard-library name in a fix: reuse the file's own import of it, or add `import module` once,
// after the module docstring, `from __future__` imports and leading comments, in the file's line endings.
import type { Node, Tree } from 'web-tree-sitter';
import { childrenOf, nodeAt, parentOf, perTree } from '../../../core/parsers/pythonTree';
import type { Edit } from '../../../core/rule';
import { lineBreakOf } from '../../../core/text';
import { identifiersNamed } from './identifiers';
import { scopeOf } from './scopes';

export interface ImportedName {
  /** How the fix spells the name: `collections.deque`, `deque`, or an alias. */
  ref: string;
  /** The import to add, when the file has none to reuse. Identical in every fix, so fix-all adds it once. */
  edit?: Edit;
}

/** `import module` / `import module.sub` (binds `module`) / `import module as m`: the name the module is bound to. */
function moduleBinding(statement: Node, module: string): string | undefined {
  for (const name of statement.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'dotted_name' && (name.text === module || name.text.startsWith(module + '.'))) return module;
    if (name.type === 'aliased_import' && name.childForFieldName('name')?.text === module) return name.childForFieldName('alias')?.text;
  }
  return undefined;
}

/** `from module import member` / `... as alias`: the name the member is bound to. */
function memberBinding(statement: Node, module: string, member: string): string | undefined {
  if (statement.childForFieldName('module_name')?.text !== module) return undefined;
  for (const name of statement.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'dotted_name' && name.text === member) return member;
    if (name.type === 'aliased_import' && name.childForFieldName('name')?.text === member) return name.childForFieldName('alias')?.text;
  }
  return undefined;
}

/** The module's top-level statements (and comments), in order. */
function* topLevel(root: Node): Generator<Node> {
  for (const c of childrenOf(root)) if (c.isNamed) yield c;
}

const INSERTION = {};

/** Where a new import goes: the start of the first line after the docstring, `__future__` imports and leading comments (once per tree). */
export function importInsertionPoint(root: Node, text: string): number | undefined {
  return perTree(INSERTION, root.tree, () => insertionPoint(root, text));
}

function insertionPoint(root: Node, text: string): number | undefined {
  let previousEnd = 0;
  let first = true;
  for (const child of topLevel(root)) {
    const docstring = first && child.type === 'expression_statement' && child.namedChildCount === 1 && child.namedChild(0)?.type === 'string';
    if (child.type !== 'comment') first = false;
    if (child.type === 'comment' || child.type === 'future_import_statement' || docstring) {
      previousEnd = child.endIndex;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', child.startIndex - 1) + 1;
    // The statement must start its own line, after whatever was skipped (`"""doc"""; x = 1` has no such line).
    if (lineStart < previousEnd || text.slice(lineStart, child.startIndex).trim() !== '') return undefined;
    return lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
  }
  return undefined;
}

/** The module an import statement names (`os` in `import os`, `a.b` in `from a.b import c`). */
function importedModule(statement: Node): string {
  if (statement.type === 'import_from_statement') return statement.childForFieldName('module_name')?.text ?? '';
  const first = statement.childForFieldName('name');
  return (first?.type === 'aliased_import' ? first.childForFieldName('name')?.text : first?.text) ?? '';
}

/**
 * Within the imports that open the file, the line where `import module` keeps them in order: plain imports
 * alphabetically, ahead of `from` imports (isort's default).
 */
function sortedPlace(root: Node, text: string, module: string, start: number | undefined): number | undefined {
  if (start === undefined) return undefined;
  let last: Node | undefined;
  for (const child of topLevel(root)) {
    if (child.endIndex <= start || child.type === 'comment') continue;
    if (child.type !== 'import_statement' && child.type !== 'import_from_statement') break;
    const lineStart = text.lastIndexOf('\n', child.startIndex - 1) + 1;
    if (text.slice(lineStart, child.startIndex).trim() !== '') return undefined;
    if (child.type === 'import_from_statement' || importedModule(child).toLowerCase() > module.toLowerCase()) return lineStart;
    last = child;
  }
  if (!last) return start;
  const nl = text.indexOf('\n', last.endIndex);
  if (nl === -1 || !/^[ \t]*(#.*)?\r?$/.test(text.slice(last.endIndex, nl))) return undefined;
  return nl + 1;
}

/** `x.module` (an attribute name) and `from module import y` (a module path) never bind `module`. */
function notABinding(id: Node): boolean {
  const p = parentOf(id);
  const grand = p && parentOf(p);
  if (p?.type === 'attribute') return p.childForFieldName('attribute')?.id === id.id;
  if (p?.type === 'dotted_name' && grand?.type === 'import_from_statement') return grand.childForFieldName('module_name')?.id === p.id;
  if (p?.type === 'relative_import') return true;
  return false;
}

interface Known {
  /** Module-level imports that bind the name, in order: where each ends and how it spells the name. */
  bound: { end: number; ref: string }[];
  /** The import to add when none is visible, or undefined when the name `module` is taken. */
  edit?: Edit;
}

const CACHE = new WeakMap<Tree, Map<string, Known>>();

function know(root: Node, text: string, module: string, member: string): Known {
  let perTree = CACHE.get(root.tree);
  if (!perTree) CACHE.set(root.tree, (perTree = new Map()));
  const key = `${module}.${member}`;
  let known = perTree.get(key);
  if (known) return known;
  known = { bound: [] };
  // Module-level imports start a line; the word search finds the few that mention the module.
  const re = new RegExp(`^(?:import|from)\\b[^\\n]*\\b${module}\\b`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const node = nodeAt(root.tree, m.index, m.index + 1);
    const statement = parentOf(node);
    if (!statement || parentOf(statement)?.id !== root.id || statement.startIndex !== m.index) continue;
    let ref: string | undefined;
    if (statement.type === 'import_statement') {
      const bound = moduleBinding(statement, module);
      ref = bound && `${bound}.${member}`;
    } else if (statement.type === 'import_from_statement') {
      ref = memberBinding(statement, module, member);
    }
    if (ref) known.bound.push({ end: statement.endIndex, ref });
  }
  const clash = identifiersNamed(root, text, module).some((id) => !notABinding(id));
  const place = clash ? undefined : sortedPlace(root, text, module, importInsertionPoint(root, text));
  if (place !== undefined) known.edit = { start: place, end: place, text: `import ${module}${lineBreakOf(text)}` };
  perTree.set(key, known);
  return known;
}

/**
 * How a fix at `at` refers to `module.member` (`collections.deque`, `itertools.islice`): through an existing
 * module-level `import module` or `from module import member` visible there (before it, or anywhere for code in
 * a function), else by adding `import module`. Undefined when the file already uses the name `module` for
 * something of its own, which a new import would clobber.
 */
export function importedName(root: Node, text: string, at: Node, module: string, member: string): ImportedName | undefined {
  const known = know(root, text, module, member);
  const inFunction = scopeOf(at).type !== 'module';
  const visible = known.bound.find((b) => inFunction || b.end <= at.startIndex);
  if (visible) return { ref: visible.ref };
  if (known.bound.length > 0 || !known.edit) return undefined;
  return { ref: `${module}.${member}`, edit: known.edit };
}
