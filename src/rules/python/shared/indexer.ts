// Python's part of the project index: summaries (parsed here) and the files a module imports.
import type { LanguageIndexer } from '../../../core/project';
import { parsePython } from '../../../core/parsers/python';
import { importedFiles } from './modules';
import { summaryOf } from './summary';

export const pythonIndexer: LanguageIndexer = {
  family: 'python',
  owns: (file) => file.endsWith('.py'),
  summarize(text) {
    const tree = parsePython(text);
    try {
      return summaryOf(tree.rootNode, text);
    } finally {
      tree.delete();
    }
  },
  imports: importedFiles,
};
