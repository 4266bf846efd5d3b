// Python modules as files: which file `from .sections import find` or `import helpers` names, found the way the
// interpreter would from a script's folder or its package's root, and the imports of a file read from its text
// (no parse), for the project index's "who imports this?".
import * as path from 'node:path';
import type { ProjectFiles } from '../../../core/project';

type Exists = (file: string) => boolean;

/** The folder holding the outermost package around `file` (where `import pkg.mod` starts), or the file's folder. */
function packageRoot(file: string, exists: Exists): string {
  let dir = path.dirname(file);
  while (exists(path.join(dir, '__init__.py'))) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

function moduleFile(base: string, parts: string[], exists: Exists): string | undefined {
  const stem = path.join(base, ...parts);
  for (const candidate of [`${stem}.py`, path.join(stem, '__init__.py')]) if (exists(candidate)) return candidate;
  return undefined;
}

/**
 * The file a module name means from `fromFile`: `.a.b` relative to its package, `a.b` from the script's folder or
 * the root of its package. Undefined for modules outside the project (the standard library, site-packages).
 */
export function resolveModule(fromFile: string, spec: string, exists: Exists): string | undefined {
  const level = /^\.*/.exec(spec)![0].length;
  const parts = spec.slice(level).split('.').filter(Boolean);
  if (level > 0) {
    let base = path.dirname(fromFile);
    for (let i = 1; i < level; i++) base = path.dirname(base);
    return parts.length ? moduleFile(base, parts, exists) : (exists(path.join(base, '__init__.py')) ? path.join(base, '__init__.py') : undefined);
  }
  if (parts.length === 0) return undefined;
  const roots = [path.dirname(fromFile), packageRoot(fromFile, exists)];
  for (const root of roots) {
    const found = moduleFile(root, parts, exists);
    if (found) return found;
  }
  return undefined;
}

/** `from . import helpers` names a module when `helpers` is one: the module's file, else the package's. */
export function resolveMember(fromFile: string, spec: string, member: string, exists: Exists): { file: string; isModule: boolean } | undefined {
  const sub = resolveModule(fromFile, spec.endsWith('.') ? spec + member : `${spec}.${member}`, exists);
  if (sub) return { file: sub, isModule: true };
  const file = resolveModule(fromFile, spec, exists);
  return file ? { file, isModule: false } : undefined;
}

const FROM_IMPORT = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(.*)$/;
const PLAIN_IMPORT = /^[ \t]*import[ \t]+(.*)$/;

/** The line of `text` starting at `start` (without its newline). */
function lineFrom(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The project files a module's import statements name, read line by line from its text: only the lines holding
 * `import` are looked at (found with indexOf, so a large module is not split into lines).
 */
export function importedFiles(text: string, file: string, files: ProjectFiles): string[] {
  const exists = (f: string) => files.exists(f);
  const out = new Set<string>();
  for (let at = text.indexOf('import'); at >= 0; ) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    at = newline < 0 ? -1 : text.indexOf('import', newline + 1);
    const line = text.slice(start, end);
    const from = FROM_IMPORT.exec(line);
    if (from) {
      let names = from[2];
      // `from x import (a,\n b)`: read on to the closing parenthesis (a few lines at most).
      for (let j = 1, next = end + 1; names.includes('(') && !names.includes(')') && next <= text.length && j < 50; j++) {
        const more = lineFrom(text, next);
        names += ' ' + more;
        next += more.length + 1;
      }
      const module = resolveModule(file, from[1], exists);
      if (module) out.add(module);
      for (const name of names.replace(/[()\\]|#.*$/g, ' ').split(',')) {
        const member = name.trim().split(/\s+/)[0];
        if (!member || member === '*' || !/^\w+$/.test(member)) continue;
        const sub = resolveModule(file, from[1].endsWith('.') ? from[1] + member : `${from[1]}.${member}`, exists);
        if (sub) out.add(sub);
      }
      continue;
    }
    const plain = PLAIN_IMPORT.exec(line);
    if (!plain) continue;
    for (const part of plain[1].replace(/#.*$/, '').split(',')) {
      const module = part.trim().split(/\s+/)[0];
      if (module && /^[\w.]+$/.test(module)) {
        const found = resolveModule(file, module, exists);
        if (found) out.add(found);
      }
    }
  }
  out.delete(file);
  return [...out];
}
