// JavaScript/TypeScript modules as files: which file `import { load } from './store'` or `require('../lib')` names,
// found the way Node and TypeScript resolve a relative specifier (the file itself, with an extension added, a
// `.js` written for a `.ts` source, or the folder's index file), and the relative imports of a file read from its
// text (no parse), for the project index's "who imports this?". Bare specifiers (packages) are not followed.
import * as path from 'node:path';
import type { ProjectFiles } from '../../../core/project';

type Exists = (file: string) => boolean;

/** Files the JS family owns (declaration files hold no code). */
export const JS_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

export function isJsFile(file: string): boolean {
  return JS_FILE.test(file) && !DECLARATION.test(file);
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** TypeScript sources imported by their output's name: `./a.js` is `./a.ts`. */
const EMITTED: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

/** The file a relative specifier names from `fromFile`, or undefined (a package, or nothing there). */
export function resolveModule(fromFile: string, spec: string, exists: Exists): string | undefined {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return undefined;
  const base = path.resolve(path.dirname(fromFile), spec);
  const ext = path.extname(base);
  const candidates = [base];
  for (const alt of EMITTED[ext] ?? []) candidates.push(base.slice(0, -ext.length) + alt);
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(path.join(base, `index${e}`));
  return candidates.find((c) => isJsFile(c) && exists(c));
}

// `import x from './a'`, `import './a'`, `export * from './a'`, `require('./a')`, `import('./a')`: the specifier of
// each, when relative. One pass over the text: the whitespace before an optional `(` cannot also be the
// whitespace after it, so a failed match backtracks over one run of blanks only.
const SPECIFIER = /\b(?:from|import|require)\s*(?:\(\s*)?(['"])(\.{1,2}(?:\/[^'"\r\n]*)?)\1/g;

/** The project files a module's import statements and `require` calls name. */
export function importedFiles(text: string, file: string, files: ProjectFiles): string[] {
  const exists = (f: string) => files.exists(f);
  const out = new Set<string>();
  SPECIFIER.lastIndex = 0;
  for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) {
    const found = resolveModule(file, m[2], exists);
    if (found) out.add(found);
  }
  out.delete(file);
  return [...out];
}
