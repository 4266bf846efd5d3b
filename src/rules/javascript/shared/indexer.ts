// JavaScript/TypeScript's part of the project index: summaries (parsed here) and the files a module imports.
import type { LanguageIndexer } from '../../../core/project';
import { languageOfPath } from '../../../core/languages';
import { parseJs } from '../../../core/parsers/javascript';
import { importedFiles, isJsFile } from './modules';
import { outlineOf, summaryOf } from './summary';
import { indexAst } from './walk';

export const javascriptIndexer: LanguageIndexer = {
  family: 'javascript',
  owns: isJsFile,
  summarize(text, file) {
    const parsed = parseJs(text, languageOfPath(file) ?? 'javascript');
    if (!parsed.ast) return null;
    indexAst(parsed.ast);
    return summaryOf(parsed.ast, text);
  },
  outline(text, file) {
    const parsed = parseJs(text, languageOfPath(file) ?? 'javascript');
    return parsed.ast ? outlineOf(parsed.ast) : null;
  },
  imports: importedFiles,
};
