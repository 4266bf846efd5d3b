// JavaScript and TypeScript through typescript-estree, loaded on first use (it costs ~0.25 s and ~70 MB).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as v8 from 'node:v8';
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
  /** Too deep or too large for the parser, not a syntax error. */
  limit?: boolean;
}

export type JsParse = { ast: TSESTree.Program; error?: undefined } | { ast?: undefined; error: JsParseError };

/** JSX is on for .js/.jsx (React code often lives in .js) and .tsx; off for .ts, where `<T>x` is a type assertion. */
export function jsxFor(language: LanguageId): boolean {
  return language !== 'typescript';
}

/**
 * The most V8 heap typescript-estree took per character, over dense shapes (`[{a},{a},…]` ~760 bytes; typical code
 * ~80). Running out of heap is a fatal crash, not an exception, so a text that could need more than is left is refused.
 */
const HEAP_PER_CHAR = 800;

function heapShortfall(chars: number): string | undefined {
  const { heap_size_limit: limit, used_heap_size: used } = v8.getHeapStatistics();
  const need = chars * HEAP_PER_CHAR;
  if (need <= limit - used) return undefined;
  const mb = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
  return `too large to parse safely: it could take up to ${mb(need)} of memory, and ${mb(limit - used)} is left (raise it with NODE_OPTIONS=--max-old-space-size)`;
}

/**
 * The comments of a parsed program that end by `end`, where only blanks and comments come before `end` (a program's
 * leading trivia): a parse of that much of the text rather than, for the program's comments, of all of it. Falls
 * back on the program's comments should that part not parse on its own.
 */
export function commentsBefore(ast: TSESTree.Program, text: string, end: number): TSESTree.Comment[] {
  try {
    return load().parse(text.slice(0, end), { range: true, loc: true, comment: true, errorOnUnknownASTType: false }).comments ?? [];
  } catch {
    return (ast.comments ?? []).filter((c) => c.range[1] <= end);
  }
}

/**
 * `withComments`: the caller will read the comments (a suppression comment is in the text), so they are taken in
 * this parse rather than by a second one on first use.
 */
export function parseJs(text: string, language: LanguageId, withComments = false): JsParse {
  const shortfall = heapShortfall(text.length);
  if (shortfall) return { error: { message: shortfall, line: 1, column: 1, limit: true } };
  const { parse } = load();
  try {
    // range and loc on: turning them off is slower in typescript-estree.
    const options = { range: true, loc: true, jsx: jsxFor(language), errorOnUnknownASTType: false };
    const ast = parse(text, { ...options, comment: withComments });
    if (withComments) return { ast };
    // Comments cost a second scan of the text (about a sixth of the parse) and are read only for suppression comments
    // and where a fix inserts code above the first statement: taken on first use, from a parse that keeps them.
    Object.defineProperty(ast, 'comments', {
      configurable: true,
      enumerable: false,
      get() {
        const comments = parse(text, { ...options, comment: true }).comments;
        Object.defineProperty(ast, 'comments', { value: comments, configurable: true, enumerable: false, writable: true });
        return comments;
      },
    });
    return { ast };
  } catch (err) {
    const e = err as { message?: string; lineNumber?: number; column?: number; location?: { start?: { line?: number; column?: number } } };
    if (e instanceof RangeError) return { error: { message: 'nesting too deep to parse', line: 1, column: 1, limit: true } };
    const line = e.lineNumber ?? e.location?.start?.line ?? 1;
    const column = (e.column ?? e.location?.start?.column ?? 0) + 1;
    return { error: { message: String(e.message ?? err).split('\n')[0].replace(/\.$/, ''), line, column } };
  }
}
