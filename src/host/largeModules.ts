// Node reads a module's source into one native block (TypeScript's 9 MB compiler: a 16 MB block, once per thread),
// and freeing it raises glibc's mmap threshold to 16 MB and its trim threshold to 32 MB for the whole process: from
// then on memory freed by any thread stays in it. memlint check on the JS/TS tree peaked at 424 MB, 330 MB with
// large modules read in pieces (pieces.ts). This thread's CommonJS modules of 128 KB or more are read that way.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { readText } from './pieces';

const LARGE = 128 * 1024;

type Compiled = NodeModule & { _compile?(content: string, filename: string): unknown };
type Loader = (this: unknown, module: Compiled, filename: string) => unknown;

/** Whether `file` is CommonJS: `.cjs`, or `.js` whose nearest package.json does not say `"type": "module"`. */
function isCommonJs(file: string): boolean {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: unknown }).type !== 'module';
    if (path.dirname(dir) === dir) return true;
  }
}

/** The text of `file` if it is a large CommonJS module, read in pieces; else undefined (Node's own loader reads it). */
export function largeModuleText(file: string): string | undefined {
  try {
    return fs.statSync(file).size >= LARGE && isCommonJs(file) ? readText(file) : undefined;
  } catch {
    return undefined;
  }
}

let installed = false;

/**
 * From now on, this thread's `require` reads large CommonJS modules in pieces; anything else, as Node does. For
 * memlint's own processes (the CLI, its workers, the language server), which load only its CommonJS dependencies.
 */
export function readLargeModulesInPieces(): void {
  const extensions = (Module as unknown as { _extensions?: Record<string, Loader> })._extensions;
  const js = extensions?.['.js'];
  if (installed || !extensions || typeof js !== 'function') return;
  installed = true;
  extensions['.js'] = function (module, filename) {
    const text = typeof module._compile === 'function' ? largeModuleText(filename) : undefined;
    return text === undefined ? js.call(this, module, filename) : module._compile!(text, filename);
  };
}
