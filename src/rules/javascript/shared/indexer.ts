// JavaScript/TypeScript's part of the project index: summaries (parsed here) and the files a module imports.
import type { LanguageIndexer } from '../../../core/project';
import { languageOfPath } from '../../../core/languages';
import { parseJs } from '../../../core/parsers/javascript';
import { importedFiles, isJsFile } from './modules';
import { indexAst } from './walk';

/** The summary machinery (most of the analysis): loaded when a summary is first asked for, not to scan imports. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const summaries = () => require('./summary') as typeof import('./summary');

export const javascriptIndexer: LanguageIndexer = {
  family: 'javascript',
  owns: isJsFile,
  summarize(text, file) {
    const parsed = parseJs(text, languageOfPath(file) ?? 'javascript');
    if (!parsed.ast) return null;
    indexAst(parsed.ast);
    return summaries().summaryOf(parsed.ast, text);
  },
  outline(text, file) {
    const parsed = parseJs(text, languageOfPath(file) ?? 'javascript');
    return parsed.ast ? summaries().outlineOf(parsed.ast) : null;
  },
  imports: importedFiles,
};
