import * as path from 'node:path';
import type { LanguageId } from './rule';

const BY_EXTENSION: Record<string, LanguageId> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
};

export const LINTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** The language of a file by its extension, or undefined when memlint does not lint it. */
export function languageOfPath(file: string): LanguageId | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}
