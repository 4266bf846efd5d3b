// JavaScript and TypeScript through typescript-estree, loaded on first use (it costs ~0.25 s and ~70 MB).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { LanguageId } from '../rule';

type Estree = typeof import('@typescript-eslint/typescript-estree');
let estree: Estree | undefined;

function load(): Estree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  estree ??= require('@typescript-eslint/typescript-estree') as Estree;
  return estree;
}

export interface JsParseError {
  message: string;
  line: number;
  column: number;
}

export type JsParse = { ast: TSESTree.Program; error?: undefined } | { ast?: undefined; error: JsParseError };

/** JSX is on for .js/.jsx (React code often lives in .js) and .tsx; off for .ts, where `<T>x` is a type assertion. */
export function jsxFor(language: LanguageId): boolean {
  return language !== 'typescript';
}

export function parseJs(text: string, language: LanguageId): JsParse {
  const { parse } = load();
  try {
    // range and loc on: turning them off is slower in typescript-estree.
    const ast = parse(text, { range: true, loc: true, comment: true, jsx: jsxFor(language), errorOnUnknownASTType: false });
    return { ast };
  } catch (err) {
    const e = err as { message?: string; lineNumber?: number; column?: number; location?: { start?: { line?: number; column?: number } } };
    if (e instanceof RangeError) return { error: { message: 'nesting too deep to parse', line: 1, column: 1 } };
    const line = e.lineNumber ?? e.location?.start?.line ?? 1;
    const column = (e.column ?? e.location?.start?.column ?? 0) + 1;
    return { error: { message: String(e.message ?? err).split('\n')[0].replace(/\.$/, ''), line, column } };
  }
}
