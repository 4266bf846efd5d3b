// What a name or expression stands for as far as Node's `fs` goes, through every usual import form:
//   const fs = require('fs')            import fs from 'node:fs'            import * as fs from 'fs'
//   const { readFileSync } = require('fs')   import { readFileSync as read } from 'fs'
//   const fsp = require('fs').promises  const { promises: fsp } = require('fs')   import { readFile } from 'fs/promises'
//   import fs = require('fs')  (TypeScript)          const fsp = fs.promises
// A local variable, parameter or function that happens to share a name resolves to itself and so is not `fs`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isIdentifier, propertyName, stringValue, unwrap, type Node } from './ast';
import { resolve, type Binding } from './scope';

/** The Node modules memlint follows: fs for reads, os for `os.EOL` as a line separator. */
export type FsModule = 'fs' | 'fs/promises' | 'os';

/** A module namespace (`member` undefined) or one of its exports. */
export interface FsValue {
  module: FsModule;
  member?: string;
}

export function fsModuleNamed(specifier: string | undefined): FsModule | undefined {
  const s = specifier?.replace(/^node:/, '');
  return s === 'fs' || s === 'fs/promises' || s === 'os' ? s : undefined;
}

/** Whether `require` here is Node's (a global, or made by `createRequire(...)`). */
function isNodeRequire(callee: Node, ancestors: readonly Node[]): boolean {
  if (!isIdentifier(callee, 'require')) return false;
  const b = resolve('require', ancestors);
  if (!b) return true;
  if (b.declarator.type !== 'VariableDeclarator' || !b.declarator.init) return false;
  const init = unwrap(b.declarator.init);
  if (init.type !== 'CallExpression') return false;
  const c = init.callee;
  return isIdentifier(c, 'createRequire') || (c.type === 'MemberExpression' && propertyName(c) === 'createRequire');
}

/** The module of `require('fs')` / `require('node:fs/promises')`. */
export function requiredModule(node: Node, ancestors: readonly Node[]): FsModule | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1 || !isNodeRequire(node.callee, ancestors)) return undefined;
  return fsModuleNamed(stringValue(node.arguments[0]));
}

function member(value: FsValue | undefined, name: string | undefined): FsValue | undefined {
  if (!value || value.member !== undefined || name === undefined) return undefined;
  if (value.module === 'fs' && name === 'promises') return { module: 'fs/promises' };
  return { module: value.module, member: name };
}

/** What the expression `node`, found under `ancestors`, evaluates to. */
export function fsValueOf(node: Node, ancestors: readonly Node[], depth = 0): FsValue | undefined {
  if (depth > 6) return undefined;
  node = unwrap(node);
  switch (node.type) {
    case 'Identifier': {
      const b = resolve(node.name, ancestors);
      return b ? fsValueOfBinding(b, depth + 1) : undefined;
    }
    case 'CallExpression': {
      const module = requiredModule(node, ancestors);
      return module ? { module } : undefined;
    }
    case 'MemberExpression':
      return member(fsValueOf(node.object, ancestors, depth + 1), propertyName(node));
    default:
      return undefined;
  }
}

/** Follow a destructuring pattern from `value` down to `id`: `{ promises: { readFile: read } }`. */
function throughPattern(pattern: Node, id: TSESTree.Identifier, value: FsValue | undefined): FsValue | undefined {
  if (!value) return undefined;
  if (pattern === id) return value;
  if (pattern.type === 'AssignmentPattern') return throughPattern(pattern.left, id, value);
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const p of pattern.properties) {
    if (p.type !== 'Property') continue;
    const key = p.computed ? stringValue(p.key) : p.key.type === 'Identifier' ? p.key.name : stringValue(p.key);
    const found = throughPattern(p.value, id, member(value, key));
    if (found) return found;
  }
  return undefined;
}

export function fsValueOfBinding(b: Binding, depth = 0): FsValue | undefined {
  const d = b.declarator;
  const at = [...(b.path ?? []), b.scope];
  switch (d.type) {
    case 'VariableDeclarator':
      if (!d.init) return undefined;
      return throughPattern(d.id, b.id, fsValueOf(d.init, at, depth));
    case 'ImportDeclaration': {
      const module = fsModuleNamed(d.source.value);
      const spec = d.specifiers.find((s) => s.local === b.id);
      if (!module || !spec) return undefined;
      if (spec.type !== 'ImportSpecifier') return { module };
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
      return imported === 'default' ? { module } : member({ module }, imported);
    }
    case 'TSImportEqualsDeclaration': {
      const ref = d.moduleReference;
      if (ref.type !== 'TSExternalModuleReference') return undefined;
      const module = fsModuleNamed(stringValue(ref.expression));
      return module ? { module } : undefined;
    }
    default:
      return undefined;
  }
}
