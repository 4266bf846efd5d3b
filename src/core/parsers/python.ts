// Python through web-tree-sitter and the grammar wasm shipped in the npm package tree-sitter-python.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query, type Edit as TsEdit, type Node, type Point, type Tree } from 'web-tree-sitter';
import { minimalEdit } from '../textDiff';

let ready: Promise<Language> | undefined;
let language: Language | undefined;
let parser: Parser | undefined;

/** The wasm files sit next to the bundle in the packaged extension, in node_modules otherwise. */
function wasmPath(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

/** The wasm runtime prints "Aborted()" before it throws; the throw is reported (ParserFailure), the print is noise. */
function printErr(text: string): void {
  if (!text.startsWith('Aborted(')) console.error(text);
}

/** Load the Python grammar once; later calls return the same promise. */
export function loadPython(): Promise<Language> {
  ready ??= (async () => {
    const runtime = wasmPath('tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime, printErr });
    const lang = await Language.load(wasmPath('tree-sitter-python.wasm', 'tree-sitter-python'));
    language = lang;
    parser = newParser();
    return lang;
  })();
  ready.catch(() => (ready = undefined));
  return ready;
}

export function pythonLanguage(): Language {
  if (!language) throw new Error('the Python grammar is not loaded yet (await loadPython())');
  return language;
}

/** Compile a query against the Python grammar (compile once, at rule load). */
export function pythonQuery(source: string): Query {
  return new Query(pythonLanguage(), source);
}

function newParser(): Parser {
  const p = new Parser();
  p.setLanguage(pythonLanguage());
  return p;
}

/** The parser failed on a document (the wasm runtime aborted: out of memory, mostly). The next parse uses a fresh parser. */
export class ParserFailure extends Error {}

/** Parse `text`; pass the previous tree (already edited) to re-parse incrementally. */
export function parsePython(text: string, old?: Tree): Tree {
  if (!parser) throw new Error('the Python grammar is not loaded yet (await loadPython())');
  let tree: Tree | null;
  try {
    tree = parser.parse(text, old ?? null);
  } catch (err) {
    // An abort leaves this parser mid-parse. Deleting it releases what that parse held (the wasm memory is reused);
    // a new parser on the same runtime works again (test/cli-hostile.test.ts, on a real abort: MEMLINT_HEAVY_TESTS=1).
    const dead = parser;
    parser = undefined;
    try {
      dead.delete();
    } catch {
      // It may be too broken to free; the new parser does not depend on it.
    }
    parser = newParser();
    const what = (err instanceof Error ? err.message : String(err)).replace(/\. Build with -sASSERTIONS.*$/s, '');
    throw new ParserFailure(`the Python parser failed (${what}), most likely out of memory`);
  }
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function pointAt(text: string, offset: number): Point {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - lineStart };
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept), in tree-sitter's terms. */
export function diffEdit(before: string, after: string): TsEdit | undefined {
  const edit = minimalEdit(before, after);
  if (!edit) return undefined;
  // web-tree-sitter indexes UTF-16 code units, as JS strings do.
  const newEnd = edit.start + edit.text.length;
  return {
    startIndex: edit.start,
    oldEndIndex: edit.end,
    newEndIndex: newEnd,
    startPosition: pointAt(before, edit.start),
    oldEndPosition: pointAt(before, edit.end),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** A document's text and tree, re-parsed incrementally as it changes. Call dispose() when the document closes. */
export class PythonDocument {
  private tree: Tree | undefined;
  private text = '';

  update(text: string): Tree {
    if (this.tree && text === this.text) return this.tree;
    let old: Tree | undefined;
    if (this.tree) {
      const edit = diffEdit(this.text, text);
      if (edit) this.tree.edit(edit);
      old = this.tree;
    }
    let tree: Tree;
    try {
      tree = parsePython(text, old);
    } catch (err) {
      this.dispose(); // the old tree is already edited: the next update parses from scratch
      throw err;
    }
    old?.delete();
    this.tree = tree;
    this.text = text;
    return tree;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.text = '';
  }
}

/** First syntax error in the tree, if any (1-based line). */
export function firstSyntaxError(root: Node): { line: number; column: number } | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && child.hasError) stack.push(child);
      else if (child && child.isMissing) return { line: child.startPosition.row + 1, column: child.startPosition.column + 1 };
    }
  }
  return undefined;
}

/** A query compiled on first use (rules load before the grammar does). */
export function lazyQuery(source: string): () => Query {
  let compiled: Query | undefined;
  return () => (compiled ??= pythonQuery(source));
}
