// TypeScript on a Node without type stripping: the tracker transpiles the entry and the .ts files it imports (relative
// imports, followed transitively) with the `typescript` package memlint ships for its JS parser, writes them
// to the run directory, and the preload compiles them from there. The compiler never enters the measured process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { TrackerError } from './errors';
import { SourceMap } from './sourcemap';

export const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];

export interface TranspiledFile {
  /** The JavaScript V8 runs for this .ts file (positions in profiles refer to it). */
  js: string;
  map: SourceMap;
}

export interface TsBuild {
  manifestFile: string;
  files: Map<string, TranspiledFile>;
}

let typescript: typeof TS | null | undefined;

/**
 * The `typescript` module, loaded on first use (~0.4 s), or null. The extension bundle keeps it out of
 * dist/extension.js, in dist/estree.js with typescript-estree, which exposes it as `.typescript`.
 */
export function loadTypeScript(): typeof TS | null {
  if (typescript === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('typescript') as typeof TS & { typescript?: typeof TS };
      typescript = typeof m.transpileModule === 'function' ? m : (m.typescript ?? null);
    } catch {
      typescript = null;
    }
  }
  return typescript;
}

/** compilerOptions of the nearest tsconfig.json, made fit for a CommonJS run with source maps. */
function compilerOptions(ts: typeof TS, entry: string): TS.CompilerOptions {
  let options: TS.CompilerOptions = {};
  const config = ts.findConfigFile(path.dirname(entry), ts.sys.fileExists);
  if (config) {
    const read = ts.readConfigFile(config, ts.sys.readFile);
    if (!read.error) options = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(config)).options;
  }
  return {
    ...options,
    target: options.target ?? ts.ScriptTarget.ES2022,
    esModuleInterop: options.esModuleInterop ?? true,
    jsx: options.jsx ?? ts.JsxEmit.React,
    module: ts.ModuleKind.CommonJS,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    declaration: false,
    noEmit: false,
    emitDeclarationOnly: false,
  };
}

/** The .ts file a relative import names, if any: exact, with an added extension, a .js name for a .ts file, or an index. */
function resolveImport(from: string, spec: string): string | null {
  if (!/^\.\.?(\/|$)/.test(spec)) return null;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, ...TS_EXTENSIONS.map((e) => base + e), base.replace(/\.(c|m)?js(x?)$/, '.$1ts$2'), ...TS_EXTENSIONS.map((e) => path.join(base, 'index' + e))];
  for (const c of candidates) {
    if (TS_EXTENSIONS.includes(path.extname(c)) && fs.statSync(c, { throwIfNoEntry: false })?.isFile()) return c;
  }
  return null;
}

/** Transpile `entry` and the TypeScript it imports into `outDir`; write the manifest the preload reads. */
export function buildTypeScript(entry: string, outDir: string): TsBuild {
  const ts = loadTypeScript();
  if (!ts) throw new TrackerError('running TypeScript on this Node (no type stripping before 22.6) needs the typescript package, and it is not installed');
  const options = compilerOptions(ts, entry);
  const files = new Map<string, TranspiledFile>();
  const outputs: Record<string, string> = {};
  const queue = [entry];
  fs.mkdirSync(outDir, { recursive: true });
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new TrackerError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const out = ts.transpileModule(text, { compilerOptions: options, fileName: file, reportDiagnostics: false });
    const mapJson = out.sourceMapText ?? '{"mappings":""}';
    const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(mapJson).toString('base64')}\n`;
    const outFile = path.join(outDir, `${files.size}.js`);
    fs.writeFileSync(outFile, js + inline);
    files.set(file, { js, map: SourceMap.fromJson(mapJson) });
    outputs[file] = outFile;
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = resolveImport(file, imported.fileName);
      if (resolved && !files.has(resolved)) queue.push(resolved);
    }
  }
  const manifestFile = path.join(outDir, 'manifest.json');
  fs.writeFileSync(manifestFile, JSON.stringify({ files: outputs }));
  return { manifestFile, files };
}
