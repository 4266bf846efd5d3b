// Python's part of the project index: summaries (parsed here) and the files a module imports.
import type { LanguageIndexer } from '../../../core/project';
import { parsePython } from '../../../core/parsers/python';
import { importedFiles, resolveModule } from './modules';

/** The summary machinery (most of the analysis): loaded when a summary is first asked for, not to scan imports. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const summaries = () => require('./summary') as typeof import('./summary');

export const pythonIndexer: LanguageIndexer = {
  family: 'python',
  owns: (file) => file.endsWith('.py'),
  summarize(text, file, files) {
    const tree = parsePython(text);
    try {
      return summaries().summaryOf(tree.rootNode, text, (module) => !!resolveModule(file, module, (f) => files.exists(f)));
    } finally {
      tree.delete();
    }
  },
  outline(text) {
    const tree = parsePython(text);
    try {
      return summaries().outlineOf(tree.rootNode);
    } finally {
      tree.delete();
    }
  },
  imports: importedFiles,
};
