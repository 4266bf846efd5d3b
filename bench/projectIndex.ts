// The project index on the standard library: how long reading every module's imports and summarising every
// module takes, against the bare parse of the same files in the same run, and what the index holds in memory.
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { prepare } from '../src/core/linter';
import { parsePython } from '../src/core/parsers/python';
import { ProjectIndex } from '../src/core/project';
import { DiskProject } from '../src/cli/project';
import { INDEXERS } from '../src/rules';
import { stdlibDir } from './python';
import { fmt, ratio, table, timeMs, walk } from './measure';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

export async function benchIndex(): Promise<string> {
  await prepare('python');
  const dir = stdlibDir();
  const files = walk(dir, (f) => f.endsWith('.py'), (d) => path.basename(d) === 'site-packages').map((f) => path.resolve(f));
  const texts = new Map(files.map((f) => [f, new DiskProject([dir]).read(f)]));
  const parse = timeMs(() => texts.forEach((t) => t !== undefined && parsePython(t).delete()));

  const before = heapMb();
  const index = new ProjectIndex(new DiskProject([dir]), INDEXERS);
  const scan = timeMs(() => index.scanSome());
  const afterScan = heapMb();
  const summarize = timeMs(() => files.forEach((f) => index.summary(f)));
  const afterSummaries = heapMb();

  return [
    `Project index over the standard library (${files.length.toLocaleString('en-US')} files): imports read from every file's text (no parse), then every file summarised (parsed once).`,
    '',
    table(
      ['step', 'time (ms)', 'vs bare parse of every file', 'heap held (MB)'],
      [
        ['bare tree-sitter parse (baseline)', fmt(parse), '1.00x', '–'],
        ['imports of every file ("who imports this?")', fmt(scan), ratio(scan, parse), (afterScan - before).toFixed(1)],
        ['summaries of every file', fmt(summarize), ratio(summarize, parse), (afterSummaries - afterScan).toFixed(1)],
      ],
    ),
    '',
    'A check reads imports once per run and summarises only the modules a finding looks into; the editor does the same in the background.',
  ].join('\n');
}
