// Python: memlint vs the bare tree-sitter parse vs Ruff's wasm build, on a ~10k-line file and the standard library.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { lintPrepared, prepare } from '../src/core/linter';
import { parsePython, PythonDocument } from '../src/core/parsers/python';
import { DEFAULTS } from '../src/core/settings';
import { DiskProject } from '../src/cli/project';
import { ProjectIndex } from '../src/core/project';
import { INDEXERS, RULES } from '../src/rules';
import { fmt, interleaved, lineCount, ratio, table, timeMs, walk } from './measure';

export function stdlibDir(): string {
  return execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** Standard-library modules concatenated (in name order) until the text has at least 10,000 lines. */
function tenThousandLines(files: string[]): string {
  let text = '';
  for (const f of files) {
    text += fs.readFileSync(f, 'utf8') + '\n';
    if (lineCount(text) >= 10_000) break;
  }
  return text;
}

export async function benchPython(): Promise<string> {
  await prepare('python');
  const dir = stdlibDir();
  const files = walk(dir, (f) => f.endsWith('.py'), (d) => path.basename(d) === 'site-packages');
  const top = files.filter((f) => path.dirname(f) === dir);
  const text = tenThousandLines(top);
  const ruff = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);

  const parse = (t: string) => parsePython(t).delete();
  const lint = (t: string) => lintPrepared(t, 'python', DEFAULTS, { rules: RULES });
  const one = interleaved({ parse: () => parse(text), memlint: () => lint(text), ruff: () => ruff.check(text) });

  // One-character edits in the middle of the file, re-analysed incrementally (the editor's case).
  const doc = new PythonDocument();
  lintPrepared(text, 'python', DEFAULTS, { rules: RULES, document: doc });
  const mid = text.indexOf('\n', text.length >> 1) + 1;
  const edited = [text.slice(0, mid) + '#' + text.slice(mid), text];
  let i = 0;
  const incremental = interleaved({ edit: () => lintPrepared(edited[i++ % 2], 'python', DEFAULTS, { rules: RULES, document: doc }) }, 31, 5).edit;
  doc.dispose();
  // The same with the project index warm: the file stands in the standard library's folder, every module scanned.
  const index = new ProjectIndex(new DiskProject([dir]), INDEXERS);
  index.scanSome();
  const file = path.join(dir, '__memlint_bench__.py');
  const indexed = new PythonDocument();
  const withIndex = (t: string) => lintPrepared(t, 'python', DEFAULTS, { rules: RULES, document: indexed, file, project: index.view(file) });
  withIndex(text);
  let j = 0;
  const incrementalIndexed = interleaved({ edit: () => withIndex(edited[j++ % 2]) }, 31, 5).edit;
  indexed.dispose();

  // The whole standard library, one pass each (files read beforehand).
  const sources = files.map((f) => fs.readFileSync(f, 'utf8'));
  const lines = sources.reduce((n, s) => n + lineCount(s), 0);
  const tree = {
    parse: timeMs(() => sources.forEach(parse)),
    memlint: timeMs(() => sources.forEach(lint)),
    ruff: timeMs(() => sources.forEach((s) => ruff.check(s))),
  };
  let findings = 0;
  sources.forEach((s) => (findings += lint(s).findings.length));
  ruff.free();

  return [
    `Python: ${lineCount(text).toLocaleString('en-US')}-line file (stdlib modules concatenated) and the standard library (${files.length.toLocaleString('en-US')} files, ${lines.toLocaleString('en-US')} lines, ${findings} findings), Ruff ${Workspace.version()} wasm with its default rules.`,
    '',
    table(
      ['input', 'tree-sitter parse (ms)', 'memlint (ms)', 'memlint / parse', 'Ruff wasm (ms)', 'memlint / Ruff'],
      [
        ['10k-line file', fmt(one.parse), fmt(one.memlint), ratio(one.memlint, one.parse), fmt(one.ruff), ratio(one.memlint, one.ruff)],
        ['standard library', fmt(tree.parse), fmt(tree.memlint), ratio(tree.memlint, tree.parse), fmt(tree.ruff), ratio(tree.memlint, tree.ruff)],
      ],
    ),
    '',
    `Re-analysis after a one-character edit of the 10k-line file (incremental parse + all rules): ${fmt(incremental)} ms (median of 31); ` +
      `with the project index warm (the file placed in the standard library's folder): ${fmt(incrementalIndexed)} ms.`,
  ].join('\n');
}
