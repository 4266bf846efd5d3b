// Python's part of the project index: summaries (parsed here) and the files a module imports.
import type { LanguageIndexer } from '../../../core/project';
import { parsePython } from '../../../core/parsers/python';
import { importedFiles, resolveModule } from './modules';
import { outlineOf, summaryOf } from './summary';

export const pythonIndexer: LanguageIndexer = {
  family: 'python',
  owns: (file) => file.endsWith('.py'),
  summarize(text, file, files) {
    const tree = parsePython(text);
    try {
      return summaryOf(tree.rootNode, text, (module) => !!resolveModule(file, module, (f) => files.exists(f)));
    } finally {
      tree.delete();
    }
  },
  outline(text) {
    const tree = parsePython(text);
    try {
      return outlineOf(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
  imports: importedFiles,
};
