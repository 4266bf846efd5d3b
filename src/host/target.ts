// A host-side project fact: the hosts (CLI, language server, ESLint plugin, tests) compute it and pass it to the
// engine as LintOptions.iteratorHelpers; the engine itself never reads package.json or tsconfig.json.
// Does the project a file belongs to target ES2025 iterator helpers (`xs.values().map(f).toArray()`)?
// JavaScript: the nearest package.json's engines.node allows nothing older than Node 22 (whose V8 has
// them). TypeScript: also the nearest tsconfig.json's lib (or, without lib, its target) is es2025 or
// esnext, or the helpers would not type-check. Unknown (no package.json, unreadable, a file that is
// not on disk): false. Results are cached per folder; `extends` in tsconfig is not followed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../core/rule';

/** The lowest Node major a semver range admits (`>=22`, `^22.3`, `22.x`, `>=20 <23 || 24`), or 0. */
export function minNodeMajor(range: string): number {
  const alternatives = range.split('||').map((a) =>
    a
      .trim()
      .replace(/^(\S+)\s+-\s+\S+$/, '>=$1') // hyphen range "22 - 24"
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1'),
  );
  let lowest = Infinity;
  for (const alt of alternatives) {
    let floor = 0;
    for (const token of alt.split(/\s+/).filter(Boolean)) {
      const m = /^(>=|>|=|\^|~)?v?(\d+)/.exec(token);
      if (m) floor = Math.max(floor, Number(m[2]) + (m[1] === '>' && /^>v?\d+$/.test(token) ? 1 : 0));
    }
    lowest = Math.min(lowest, floor);
  }
  return Number.isFinite(lowest) ? lowest : 0;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const raw = fs.readFileSync(file, 'utf8');
    // tsconfig.json is JSONC: drop comments (outside strings) and trailing commas.
    const json = raw.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[^]*?\*\//g, (_m, str: string | undefined) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function nearest(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d || path.basename(d) === 'node_modules') return undefined;
  }
}

const ES2025 = /^(es2025|esnext)(\.iterator|\.full)?$/i;

function nodeTargets(dir: string): boolean | undefined {
  const pkg = nearest(dir, 'package.json');
  const engines = pkg ? readJson(pkg)?.engines : undefined;
  const node = engines && typeof engines === 'object' ? (engines as Record<string, unknown>).node : undefined;
  return typeof node === 'string' ? minNodeMajor(node) >= 22 : undefined;
}

function typesTarget(dir: string): boolean {
  const tsconfig = nearest(dir, 'tsconfig.json');
  const options = tsconfig ? readJson(tsconfig)?.compilerOptions : undefined;
  if (!options || typeof options !== 'object') return false;
  const { lib, target } = options as { lib?: unknown; target?: unknown };
  if (Array.isArray(lib)) return lib.some((l) => typeof l === 'string' && ES2025.test(l));
  return typeof target === 'string' && ES2025.test(target);
}

const cache = new Map<string, { js: boolean; ts: boolean }>();

export function iteratorHelpersTargeted(file: string, language: LanguageId): boolean {
  if (!path.isAbsolute(file)) return false;
  const dir = path.dirname(file);
  let known = cache.get(dir);
  if (!known) {
    const node = nodeTargets(dir);
    // TypeScript: the types must have them; the runtime too, when package.json says which it is.
    known = { js: node === true, ts: typesTarget(dir) && node !== false };
    cache.set(dir, known);
  }
  return language === 'typescript' || language === 'typescriptreact' ? known.ts : known.js;
}

/** Forget cached answers (tests that write package.json files). */
export function clearTargetCache(): void {
  cache.clear();
}
