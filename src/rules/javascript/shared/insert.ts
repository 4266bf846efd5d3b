// Inserting a generated helper once per file: after the imports / requires and 'use strict', in the file's
// module style (import vs require), line endings, indentation and quotes, with an `fs` import only when the
// file has no top-level binding of the module yet, and never under a name the file already uses.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Edit, LanguageId } from '../../../core/rule';
import { commentsBefore } from '../../../core/parsers/javascript';
import { lineBreakOf } from '../../../core/text';
import { unwrap, type Node } from './ast';
import { fsModuleNamed, fsValueOfBinding } from './fs-module';
import { helperDeps, helperName, helperSource, type HelperId, type IoMode } from './helpers';
import { patternIds, resolve } from './scope';
import { indexAst } from './walk';

export interface FileInfo {
  eol: string;
  /** One level of indentation. */
  indent: string;
  quote: "'" | '"';
  ts: boolean;
  /** Uses `import` (else `require`). */
  esm: boolean;
  /** 'node:' when the file imports core modules that way. */
  nodePrefix: string;
  /** Every identifier name in the file: a new name must be none of these. */
  names: Set<string>;
  /** Top-level function declarations (helpers inserted earlier are reused). */
  functions: Set<string>;
  /** Top-level names bound to the `fs` and `fs/promises` modules. */
  fsName?: string;
  fsPromisesName?: string;
  /**
   * Top-level names bound to `fs.readFileSync` and `fs/promises`' `readFile` (`import { readFileSync } from 'fs'`):
   * a helper's fallback read goes through them, so an import whose only use was the read a fix replaces stays in
   * use (`tsc --noUnusedLocals` and linters would reject it otherwise), whatever the order fixes are applied in.
   */
  readFileSyncName?: string;
  readFileName?: string;
  /** Where imports and helpers go: after `offset` (the end of the import block's last line) or before it (the first statement). */
  offset: number;
  after: boolean;
  /** The line after the insertion point has code: end the insertion with a blank line. */
  padAfter: boolean;
}

const cache = new WeakMap<TSESTree.Program, FileInfo>();

/** `require(...)`, `require(...).x`, `require(...)(...)`: a declaration that only imports. */
function isRequireChain(node: Node | null | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (n.type === 'CallExpression') {
    if (n.callee.type === 'Identifier' && n.callee.name === 'require') return true;
    return isRequireChain(n.callee);
  }
  if (n.type === 'MemberExpression') return isRequireChain(n.object);
  return false;
}

function isImportLike(s: Node): boolean {
  switch (s.type) {
    case 'ImportDeclaration':
    case 'TSImportEqualsDeclaration':
      return true;
    case 'VariableDeclaration':
      return s.declarations.every((d) => isRequireChain(d.init));
    case 'ExpressionStatement':
      return isRequireChain(s.expression);
    default:
      return false;
  }
}

function indentUnit(text: string): string {
  let min = Infinity;
  const re = /^([ \t]+)(\S)/gm;
  let seen = 0;
  for (let m = re.exec(text); m && seen < 400; m = re.exec(text), seen++) {
    if (m[1].startsWith('\t')) return '\t';
    if (m[2] === '*') continue; // the body of a /** */ comment
    if (m[1].length >= 2) min = Math.min(min, m[1].length);
  }
  return min === Infinity ? '  ' : ' '.repeat(min);
}

/** Where insertions go: after the directives and import block, or before the first statement (and the comments attached to it). */
function anchor(ast: TSESTree.Program, text: string): { offset: number; after: boolean; padAfter: boolean } {
  const body = ast.body;
  let i = 0;
  while (i < body.length && body[i].type === 'ExpressionStatement' && (body[i] as TSESTree.ExpressionStatement).directive) i++;
  while (i < body.length && isImportLike(body[i])) i++;
  if (i > 0) {
    const end = body[i - 1].range[1];
    const eol = text.indexOf('\n', end);
    const lineEnd = eol === -1 ? text.length : text[eol - 1] === '\r' ? eol - 1 : eol;
    // Keep a trailing comment on its line: insert after it.
    const rest = text.slice(end, lineEnd);
    const offset = /^\s*(?:\/\*(?:(?!\*\/)[^])*\*\/\s*)*(?:\/\/.*)?$/.test(rest) ? lineEnd : end;
    const next = eol === -1 ? '' : text.slice(eol + 1, text.indexOf('\n', eol + 1) === -1 ? text.length : text.indexOf('\n', eol + 1));
    return { offset, after: true, padAfter: next.trim() !== '' };
  }
  const first = body[0];
  const firstAt = first ? first.range[0] : text.length;
  let start = text.lastIndexOf('\n', firstAt - 1) + 1;
  // Comments directly above the first statement (no blank line between) belong to it.
  const comments = commentsBefore(ast, text, firstAt).filter((c) => c.range[1] <= start).sort((a, b) => b.range[0] - a.range[0]);
  for (const c of comments) {
    const between = text.slice(c.range[1], start);
    if (!/^[ \t]*\r?\n?$/.test(between)) break;
    start = text.lastIndexOf('\n', c.range[0] - 1) + 1;
  }
  return { offset: start, after: false, padAfter: false };
}

export function fileInfo(ast: TSESTree.Program, text: string, language: LanguageId): FileInfo {
  const cached = cache.get(ast);
  if (cached) return cached;
  const names = new Set<string>();
  for (const id of indexAst(ast).ofType('Identifier')) names.add(id.name);
  for (const id of indexAst(ast).ofType('JSXIdentifier')) names.add(id.name);
  const functions = new Set<string>();
  let esm = false;
  let fsName: string | undefined;
  let fsPromisesName: string | undefined;
  let readFileSyncName: string | undefined;
  let readFileName: string | undefined;
  for (const s of ast.body) {
    const locals: string[] = [];
    // Only declarations that can bind fs are resolved (a file may have thousands of top-level statements).
    if (s.type === 'ImportDeclaration') {
      esm = true;
      if (fsModuleNamed(s.source.value)) locals.push(...s.specifiers.map((x) => x.local.name));
    } else if (s.type === 'TSImportEqualsDeclaration') {
      esm = true;
      locals.push(s.id.name);
    } else if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration') {
      esm = true;
    } else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        if (d.init && /\bfs\b|promises|require/.test(text.slice(d.init.range[0], d.init.range[1]))) locals.push(...patternIds(d.id).map((id) => id.name));
      }
    } else if (s.type === 'FunctionDeclaration' && s.id) {
      functions.add(s.id.name);
    }
    for (const name of locals) {
      const b = resolve(name, [ast]);
      const v = b && fsValueOfBinding(b);
      if (v && v.member === undefined && v.module === 'fs') fsName ??= name;
      if (v && v.member === undefined && v.module === 'fs/promises') fsPromisesName ??= name;
      if (v?.module === 'fs' && v.member === 'readFileSync') readFileSyncName ??= name;
      if (v?.module === 'fs/promises' && v.member === 'readFile') readFileName ??= name;
    }
  }
  const quote = /(?:\brequire\s*\(\s*|\bfrom\s*)(["'])/.exec(text)?.[1] === '"' ? '"' : "'";
  const nodePrefix = /["']fs(?:\/promises)?["']/.test(text) && !/["']node:fs/.test(text) ? '' : 'node:';
  const info: FileInfo = {
    eol: lineBreakOf(text),
    indent: indentUnit(text),
    quote,
    ts: language === 'typescript' || language === 'typescriptreact',
    esm,
    nodePrefix,
    names,
    functions,
    fsName,
    fsPromisesName,
    readFileSyncName,
    readFileName,
    ...anchor(ast, text),
  };
  cache.set(ast, info);
  return info;
}

/** Canonical helper text (two-space indents, single quotes, '\n') in the file's style. */
function styled(source: string, info: FileInfo): string {
  const lines = source.split('\n').map((line) => {
    const m = /^( *)/.exec(line)!;
    return info.indent.repeat(m[1].length / 2) + line.slice(m[1].length);
  });
  const out = lines.join(info.eol);
  return info.quote === '"' ? out.replace(/'/g, '"') : out;
}

function freeName(info: FileInfo, candidates: string[]): string | undefined {
  return candidates.find((n) => !info.names.has(n));
}

/**
 * The edit that makes `helper` (and what it calls) available in the file, as one insertion; [] when it is
 * already there; undefined when its name is taken by something else.
 */
export function helperInsertion(info: FileInfo, helper: HelperId, mode: IoMode): Edit[] | undefined {
  const wanted = [...helperDeps(helper), helper];
  const missing: HelperId[] = [];
  for (const id of wanted) {
    const name = helperName(id, mode);
    if (info.functions.has(name)) continue;
    if (info.names.has(name)) return undefined;
    missing.push(id);
  }
  if (missing.length === 0) return [];

  const q = info.quote;
  const imports: string[] = [];
  let ns: string;
  const importLine = (name: string, module: string) =>
    info.esm ? `import * as ${name} from ${q}${info.nodePrefix}${module}${q};` : `const ${name} = require(${q}${info.nodePrefix}${module}${q});`;
  if (mode === 'sync') {
    if (info.fsName) ns = info.fsName;
    else {
      const name = freeName(info, ['fs', 'nodeFs', 'memlintFs']);
      if (!name) return undefined;
      imports.push(importLine(name, 'fs'));
      ns = name;
    }
  } else if (info.fsPromisesName) ns = info.fsPromisesName;
  else if (info.fsName) ns = `${info.fsName}.promises`;
  else {
    const name = freeName(info, ['fsPromises', 'fsp', 'memlintFsPromises']);
    if (!name) return undefined;
    imports.push(importLine(name, 'fs/promises'));
    ns = name;
  }

  const { eol } = info;
  const read = mode === 'sync' ? info.readFileSyncName : info.readFileName;
  const helpers = missing.map((id) => styled(helperSource(id, mode, { ts: info.ts, ns, read }), info));
  let inserted: string;
  if (info.after) {
    inserted = imports.map((l) => eol + l).join('') + helpers.map((h) => eol + eol + h).join('') + (info.padAfter ? eol : '');
  } else {
    inserted = imports.map((l) => l + eol).join('') + (imports.length ? eol : '') + helpers.map((h) => h + eol + eol).join('');
  }
  return [{ start: info.offset, end: info.offset, text: inserted }];
}

