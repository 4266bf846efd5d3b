// A module's summary for the project index: what each module-level function does with its parameters ("splits
// its first argument into lines and loops over them"), whether it returns a whole file read, and what every call
// to a function of this module or an imported one does with the result. Plain JSON, positions as ranges, so
// another file's analysis (and the CLI's cache) can read it without this module's tree.
import type { Node, Tree } from 'web-tree-sitter';
import { parentOf } from '../../../core/parsers/pythonTree';
import type { Range, Size } from '../../../core/rule';
import { LineIndex } from '../../../core/text';
import { lazyQuery } from '../../../core/parsers/python';
import { definitionOf, parameterNames } from './bindings';
import { callArguments, unparenthesized } from './calls';
import { loadsOf, assignmentOf } from './flow';
import { identifiersNamed } from './identifiers';
import { iteratesOnce } from './iteration';
import { stringValue } from './literals';
import { classifyUse, readSites, siteSize, type LinesKind } from './read-sites';
import { isModuleScope, scopeOf } from './scopes';
import { iterableSize, pathSize, type ArgSize } from './size';

/** What is done with a value: a streamable use (as read-sites classifies them), or handed on. */
export type UseFact =
  | { kind: 'iterate' | 'search' | 'count' | 'tail' | 'prefix'; lines?: LinesKind; range: Range }
  | { kind: 'passed'; callee: string; arg: number | string; range: Range }
  | { kind: 'returned'; range: Range }
  | { kind: 'other'; range: Range };

export interface FunctionFacts {
  range: Range;
  params: string[];
  /** Per parameter (by index): every use of its value, when each is known; absent when any is not. */
  consumes: Record<number, UseFact[]>;
  /** Sizes of the parameters' default values, for callers that leave them out. */
  defaults: Record<string, ArgSize>;
  /** Returns the whole content of a file read in its body (`return f.read()`). */
  returnsRead?: { range: Range; size: Size; lines?: LinesKind };
  /** A name in `__all__`, or a docstring / annotation promising a list: callers may live outside the project. */
  promised: boolean;
}

export interface CallFact {
  /** As written: `load`, `helpers.load`. */
  callee: string;
  /** The module-level function the call is in, if any. */
  in?: string;
  range: Range;
  /** What the caller does with the result. */
  result: UseFact[];
  iteratesOnce: boolean;
  /** The sizes of its arguments (as a path, as a collection), for the callee's parameters. */
  args?: { positional: ArgSize[]; keywords: Record<string, ArgSize> };
}

/** What following a name through a module needs: its module-level functions (by name) and its imports. */
export interface Outline {
  functions: Record<string, unknown>;
  imports: ModuleSummary['imports'];
}

export interface ModuleSummary extends Outline {
  functions: Record<string, FunctionFacts>;
  /** Module-level names bound once to a literal collection, with its item count. */
  constants: Record<string, number>;
  /** Local name → the module it comes from (`.helpers`, `os.path`) and the member, for `from m import x`. */
  imports: Record<string, { module: string; member?: string }>;
  calls: CallFact[];
  /** Imported or local function names (as written, `load` / `helpers.load`) also mentioned other than as a call. */
  references: string[];
}

function rangeOf(lines: LineIndex, node: Node): Range {
  const a = lines.position(node.startIndex);
  const b = lines.position(node.endIndex);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** A use of `value` as one fact: a streamable use, an argument of a call, a return, or other. */
export function useFact(value: Node, isLines: boolean, text: string, lines: LineIndex): UseFact {
  const use = classifyUse(value, isLines, text);
  if (use.kind !== 'other') return { kind: use.kind, lines: use.lines?.kind ?? (isLines ? 'readlines' : undefined), range: rangeOf(lines, use.node) };
  const { parent, child } = outer(value);
  if (parent?.type === 'return_statement') return { kind: 'returned', range: rangeOf(lines, parent) };
  const call = parent && parentOf(parent);
  if (parent?.type === 'argument_list' && call?.type === 'call') {
    const callee = calleeText(call);
    const args = callArguments(parent);
    const index = args.positional.findIndex((a) => a.id === child.id);
    if (callee && !args.splat && index >= 0) return { kind: 'passed', callee, arg: index, range: rangeOf(lines, call) };
  }
  const keywordCall = call && parentOf(call);
  if (parent?.type === 'keyword_argument' && keywordCall?.type === 'call') {
    const callee = calleeText(keywordCall);
    const name = parent.childForFieldName('name')?.text;
    if (callee && name) return { kind: 'passed', callee, arg: name, range: rangeOf(lines, keywordCall) };
  }
  return { kind: 'other', range: rangeOf(lines, use.node) };
}

function outer(node: Node): { parent: Node | null; child: Node } {
  let child = node;
  let parent = parentOf(node);
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parentOf(parent);
  }
  return { parent, child };
}

/** `load`, `helpers.load`: a callee spelled as a name or a dotted name. */
export function calleeText(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute' && fn.childForFieldName('object')?.type === 'identifier') return fn.text.replace(/\s+/g, '');
  return undefined;
}

/** Every use of a value, following one `name = value` (a value bound to a name used elsewhere: each load). */
export function valueFacts(value: Node, isLines: boolean, text: string, lines: LineIndex): UseFact[] {
  const assigned = assignmentOf(value);
  if (!assigned) return [useFact(value, isLines, text, lines)];
  const loads = loadsOf(assigned, text);
  if (!loads) return [{ kind: 'other', range: rangeOf(lines, value) }];
  return loads.map((id) => useFact(id, isLines, text, lines));
}

const ALL = /^__all__[ \t]*(?::[^=\n]*)?\+?=/m;
const MENTIONS_LIST = /(?<![\p{L}\p{N}_])(?:list|List)s?(?![\p{L}\p{N}_])/u;

function promised(fn: Node, name: string, all: Set<string>): boolean {
  if (all.has(name)) return true;
  let first = fn.childForFieldName('body')?.firstNamedChild;
  while (first?.type === 'comment') first = first.nextNamedSibling;
  const docstring = first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string' ? first.text : '';
  return MENTIONS_LIST.test(docstring) || MENTIONS_LIST.test(fn.childForFieldName('return_type')?.text ?? '');
}

/** Names listed in `__all__` (literal lists and tuples only). */
function exported(root: Node, text: string): Set<string> {
  const out = new Set<string>();
  if (!ALL.test(text)) return out;
  for (const statement of root.namedChildren) {
    const a = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (a?.type !== 'assignment' && a?.type !== 'augmented_assignment') continue;
    if (a.childForFieldName('left')?.text !== '__all__') continue;
    for (const item of a.childForFieldName('right')?.namedChildren ?? []) {
      const v = item && stringValue(item);
      if (v) out.add(v.value);
    }
  }
  return out;
}

function functionFacts(fn: Node, name: string, all: Set<string>, text: string, lines: LineIndex): FunctionFacts {
  const params = parameterNames(fn);
  const consumes: Record<number, UseFact[]> = {};
  const paramList = fn.childForFieldName('parameters');
  params.forEach((param, index) => {
    const binding = paramList?.namedChildren
      .map((p) => (p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier')))
      .find((id) => id?.type === 'identifier' && id.text === param);
    if (!binding) return;
    const loads = loadsOf({ name: param, target: binding, statement: binding, scope: fn }, text);
    if (!loads || loads.length === 0) return;
    const facts = loads.map((id) => useFact(id, false, text, lines));
    if (facts.every((f) => f.kind !== 'other')) consumes[index] = facts;
  });
  const defaults: Record<string, ArgSize> = {};
  for (const p of paramList?.namedChildren ?? []) {
    if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') continue;
    const value = p.childForFieldName('value');
    const key = p.childForFieldName('name')?.text;
    if (value && key) defaults[key] = { path: pathSize(value, { text }), items: iterableSize(value, { text }) };
  }
  return { range: rangeOf(lines, fn.childForFieldName('name')!), params, consumes, defaults, promised: promised(fn, name, all) };
}

const CALLS = lazyQuery('(call function: [(identifier) (attribute object: (identifier))] @fn) @call');

/** The module's top-level statements, each with the function it defines (decorated or not), if any. */
function* topLevel(root: Node): Generator<{ statement: Node; def?: Node }> {
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    yield { statement, def: def?.type === 'function_definition' ? def : undefined };
  }
}

const isImport = (statement: Node) => statement.type === 'import_from_statement' || statement.type === 'import_statement';

/** The functions and imports of a module, as its summary has them, without the analysis. */
export function outlineOf(root: Node): Outline {
  const outline: Outline = { functions: {}, imports: {} };
  for (const { statement, def } of topLevel(root)) {
    if (def) outline.functions[def.childForFieldName('name')!.text] = true;
    else if (isImport(statement)) importsOf(statement, outline.imports);
  }
  return outline;
}

/** Module-level functions, constants and imports: what resolving a callee needs. */
function moduleFacts(root: Node, text: string, lines: LineIndex): { summary: ModuleSummary; defs: Map<string, Node> } {
  const all = exported(root, text);
  const summary: ModuleSummary = { functions: {}, constants: {}, imports: {}, calls: [], references: [] };
  const defs = new Map<string, Node>();
  for (const { statement, def } of topLevel(root)) {
    if (def) {
      const name = def.childForFieldName('name')!.text;
      defs.set(name, def);
      summary.functions[name] = functionFacts(def, name, all, text, lines);
    } else if (isImport(statement)) {
      importsOf(statement, summary.imports);
    } else if (statement.type === 'expression_statement') {
      const a = statement.firstNamedChild;
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : null;
      const left = a?.childForFieldName('left');
      if (left?.type === 'identifier' && right && ['list', 'tuple', 'set', 'dictionary'].includes(unparenthesized(right).type)) {
        summary.constants[left.text] = unparenthesized(right).namedChildren.filter((c) => c && c.type !== 'comment').length;
      }
    }
  }
  // Reads returned whole: `return f.read()`, `text = f.read() ... return text`.
  for (const site of readSites(root, text, ['other'])) {
    const fn = scopeOf(site.read);
    const name = fn.type === 'function_definition' ? fn.childForFieldName('name')!.text : undefined;
    if (!name || defs.get(name)?.id !== fn.id || site.uses.length !== 1) continue;
    const fact = useFact(site.uses[0].value, !!site.lines, text, lines);
    if (fact.kind === 'returned') summary.functions[name].returnsRead = { range: rangeOf(lines, site.read), size: siteSize(site, { text }), lines: site.lines?.kind };
  }
  return { summary, defs };
}

/**
 * Calls of this module's functions and of names imported from the project (`inProject` says which module names
 * are the project's: the standard library's are not followed), with what each caller does with the result.
 */
function callFacts(root: Node, text: string, lines: LineIndex, summary: ModuleSummary, defs: Map<string, Node>, inProject: (module: string) => boolean): void {
  const wanted = new Set(defs.keys());
  for (const [local, imported] of Object.entries(summary.imports)) if (inProject(imported.module)) wanted.add(local);
  for (const match of CALLS().matches(root)) {
    const call = match.captures.find((c) => c.name === 'call')!.node;
    const callee = calleeText(call);
    if (!callee || !wanted.has(callee.split('.')[0])) continue;
    const fact: CallFact = { callee, range: rangeOf(lines, call), result: valueFacts(call, false, text, lines), iteratesOnce: iteratesOnce(call, text) };
    fact.args = argSizes(call, text);
    const within = topLevelFunction(call);
    if (within) fact.in = within;
    summary.calls.push(fact);
  }
  summary.references = references(root, text, wanted);
}

/** What a call passes, sized on its own (parameters of the caller stay what the file alone says). */
function argSizes(call: Node, text: string): CallFact['args'] {
  const args = callArguments(call.childForFieldName('arguments'));
  if (args.splat) return undefined;
  const env = { text };
  const size = (n: Node): ArgSize => {
    const a: ArgSize = { path: pathSize(n, env), items: iterableSize(n, env) };
    const def = unparenthesized(n).type === 'identifier' ? definitionOf(unparenthesized(n), text) : undefined;
    if (def?.kind === 'parameter' && def.fn.type === 'function_definition' && isModuleScope(scopeOf(def.fn))) {
      a.param = { fn: def.fn.childForFieldName('name')!.text, name: def.name };
    }
    return a;
  };
  const keywords: Record<string, ArgSize> = {};
  for (const [k, v] of args.keywords) keywords[k] = size(v);
  return { positional: args.positional.map(size), keywords };
}

/** The module-level function (or method's class) holding `node`, by name. */
function topLevelFunction(node: Node): string | undefined {
  let top: Node | undefined;
  for (let p = parentOf(node); p && parentOf(p); p = parentOf(p)) if (p.type === 'function_definition') top = p;
  return top?.childForFieldName('name')?.text;
}

/** Names in `wanted` (and `module.attr` of imported modules) mentioned other than as a call or in an import. */
function references(root: Node, text: string, wanted: Set<string>): string[] {
  const out = new Set<string>();
  for (const name of wanted) {
    for (const id of identifiersNamed(root, text, name)) {
      const p = parentOf(id)!;
      if (p.type === 'function_definition' || p.type.startsWith('import') || p.type === 'dotted_name' || p.type === 'aliased_import') continue;
      if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id) continue;
      if (p.type === 'call' && p.childForFieldName('function')?.id === id.id) continue;
      if (p.type === 'attribute' && p.childForFieldName('object')?.id === id.id) {
        const attr = p.childForFieldName('attribute')?.text;
        const up = parentOf(p);
        if (up?.type === 'call' && up.childForFieldName('function')?.id === p.id) continue;
        if (attr) out.add(`${name}.${attr}`);
        continue;
      }
      if (p.type === 'attribute') continue;
      out.add(name);
    }
  }
  return [...out].sort();
}

function importsOf(statement: Node, into: ModuleSummary['imports']): void {
  if (statement.type === 'import_statement') {
    for (const item of statement.namedChildren) {
      if (item?.type === 'dotted_name') into[item.text.split('.')[0]] = { module: item.text.split('.')[0] };
      else if (item?.type === 'aliased_import') into[item.childForFieldName('alias')!.text] = { module: item.childForFieldName('name')!.text };
    }
    return;
  }
  const module = statement.childForFieldName('module_name')?.text.replace(/\s+/g, '');
  if (!module) return;
  for (const item of statement.childrenForFieldName('name')) {
    if (item?.type === 'dotted_name') into[item.text] = { module, member: item.text };
    else if (item?.type === 'aliased_import') into[item.childForFieldName('alias')!.text] = { module, member: item.childForFieldName('name')!.text };
  }
}

interface Cached {
  summary: ModuleSummary;
  defs: Map<string, Node>;
  lines: LineIndex;
  calls: boolean;
}

const CACHE = new WeakMap<Tree, Cached>();

/**
 * The summary of a parsed module, computed once per tree. `inProject` given: with its calls and references too
 * (what "who calls this?" needs); without: functions, constants and imports only, the cheap part.
 */
export function summaryOf(root: Node, text: string, inProject?: (module: string) => boolean): ModuleSummary {
  let c = CACHE.get(root.tree);
  if (!c) {
    const lines = new LineIndex(text);
    c = { ...moduleFacts(root, text, lines), lines, calls: false };
    CACHE.set(root.tree, c);
  }
  if (inProject && !c.calls) {
    callFacts(root, text, c.lines, c.summary, c.defs, inProject);
    c.calls = true;
  }
  return c.summary;
}
