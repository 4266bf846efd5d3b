// A JS/TS module's summary for the project index: what each module-level function does with its parameters'
// content ("splits its first argument into lines and loops over them"), whether it returns a whole file read, what
// the module exports and imports (ES modules and CommonJS), its exported literal constants, and every call of an
// imported or module-level function with what the result is used for and how large its arguments are. Plain JSON,
// positions as ranges, so another file's analysis (and the CLI's cache) can read it without this module's AST.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range, Size } from '../../../core/rule';
import type { LineIndex } from '../../../core/text';
import { siteOf, stringValue, type Site } from './ast';
import { analyzeReads } from './analysis';
import { lineIndexOf, localSizeEnv } from './callers';
import { exportTarget } from './exports';
import { isWrite } from './methods';
import { isFunction, propertyName, unwrap, type FunctionNode } from './nodes';
import { declaredIn, references, resolve, type Binding } from './scope';
import { calleeText } from './origins';
import { itemsSize, paramOf, pathSize, type SizeEnv } from './size';
import { followContent, type Kind, type Stop } from './usage';
import { indexAst, type Node } from './walk';

export type StreamKind = 'iterate' | 'search' | 'tail' | 'prefix';
/** What the content is when it reaches a use: the text, or its lines. */
export type As = 'text' | 'lines';

/** What is done with a value: a streamable use, handed to a call, returned, or anything else. */
export type UseFact =
  | { kind: StreamKind; range: Range }
  | { kind: 'passed'; callee: string; arg: number; as: As; range: Range }
  | { kind: 'returned'; as: As; range: Range }
  | { kind: 'other'; range: Range };

/** An argument's size as a path and as a collection; `param`: it is a parameter of the caller's module-level function. */
export interface ArgSize {
  path: Size;
  items: Size;
  param?: { fn: string; index: number };
}

export interface FunctionFacts {
  /** The function's name (or its `function` keyword, when anonymous). */
  range: Range;
  /** Per parameter index, per what it holds: every use of it, when each is known (absent when one is not). */
  consumes: Record<number, Partial<Record<As, UseFact[]>>>;
  /** Returns the whole content of a file read in its body; `param`: the path is that parameter. */
  returnsRead?: { range: Range; size: Size; as: As; param?: number };
}

export interface CallFact {
  /** As written: `load`, `store.load`; for a method call, the class the instance is made from (`Queryable`, `m.Queryable`). */
  callee: string;
  /** A call of this method on an instance of `callee`: `new C(...).m(...)`, or `x.m(...)` with `x` a local never reassigned after `new C(...)`. */
  method?: string;
  /** The module-level function the call is in. */
  in?: string;
  range: Range;
  /** What the caller does with the result, taken as text and as lines. */
  result: Partial<Record<As, UseFact[]>>;
  /** The sizes of its arguments, for the callee's parameters (absent after a spread). */
  args?: ArgSize[];
}

/** What following a name through a module needs: its functions (by name), exports, re-exports and imports. */
export interface Outline {
  functions: Record<string, unknown>;
  exports: ModuleSummary['exports'];
  reexports: ModuleSummary['reexports'];
  imports: ModuleSummary['imports'];
  constants: ModuleSummary['constants'];
  classes: ModuleSummary['classes'];
}

export interface ModuleSummary extends Outline {
  /** Module-level functions by local name (an anonymous default export is `default`). */
  functions: Record<string, FunctionFacts>;
  /** Exported name (`default` for the default export) → the local function's name. */
  exports: Record<string, string>;
  /** `export { a as b } from './x'` (names: exported → imported), `export * from './x'` (no names). */
  reexports: { module: string; names?: Record<string, string> }[];
  /** Local name → the module it comes from and the member (`default`, a name; none: the namespace or CommonJS exports). */
  imports: Record<string, { module: string; member?: string }>;
  /** Exported name → item count, for exports bound to a literal array or object. */
  constants: Record<string, number>;
  /** Exported name (`default` for the default export) → the local class's name. */
  classes: Record<string, string>;
  calls: CallFact[];
}

function rangeOf(lines: LineIndex, node: Node): Range {
  const a = lines.position(node.range[0]);
  const b = lines.position(node.range[1]);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

const SEARCHES = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'indexOf', 'lastIndexOf']);

/** The stream kind of what consumes the content. */
function streamKind(stop: Extract<Stop, { end: 'consumed' }>): StreamKind {
  const { found } = stop;
  if (found.rule === 'readlines-for-tail') return 'tail';
  if (found.rule === 'full-read-for-prefix') return 'prefix';
  return SEARCHES.has(found.op) ? 'search' : 'iterate';
}

/** `load`, `store.load`: a callee spelled as a name or `name.member`. */
export function calleeOf(call: TSESTree.CallExpression): string | undefined {
  const text = calleeText(call);
  return text && text.split('.').length <= 2 ? text : undefined;
}

const MAX_FANOUT = 4;

/** Every use of content of `kind` at `site`, following a name used several times to each of its uses (a few levels). */
export function useFacts(site: Site, kind: Kind, lines: LineIndex, depth = 0): UseFact[] {
  const stop = followContent(site, kind);
  switch (stop.end) {
    case 'consumed':
      return [{ kind: streamKind(stop), range: rangeOf(lines, stop.found.target.node) }];
    case 'passed': {
      const callee = calleeOf(stop.call);
      if (!callee || stop.kind === 'buffer') return [{ kind: 'other', range: rangeOf(lines, stop.call) }];
      return [{ kind: 'passed', callee, arg: stop.index, as: stop.kind, range: rangeOf(lines, stop.call) }];
    }
    case 'returned':
      return stop.kind === 'buffer' ? [{ kind: 'other', range: rangeOf(lines, stop.site.node) }] : [{ kind: 'returned', as: stop.kind, range: rangeOf(lines, stop.site.node) }];
    case 'refs':
      if (depth >= MAX_FANOUT || stop.refs.length === 0) return [{ kind: 'other', range: rangeOf(lines, site.node) }];
      return stop.refs.flatMap((r) => useFacts(r, stop.kind, lines, depth + 1));
    default:
      return [{ kind: 'other', range: rangeOf(lines, stop.site.node) }];
  }
}

/** The module-level function a node is in, by its summary name. */
function topFunction(node: Node, names: Map<FunctionNode, string>): string | undefined {
  let top: string | undefined;
  for (let p = node.parent; p; p = p.parent) if (isFunction(p) && names.has(p)) top = names.get(p);
  return top;
}

function functionFacts(fn: FunctionNode, lines: LineIndex): FunctionFacts {
  const consumes: FunctionFacts['consumes'] = {};
  const at = siteOf(fn).ancestors;
  fn.params.forEach((p, index) => {
    const id = p.type === 'AssignmentPattern' ? p.left : p;
    if (id.type !== 'Identifier') return;
    const b = declaredIn(fn, id.name);
    if (!b || b.id !== id) return;
    const refs = references({ ...b, path: at });
    if (refs.length === 0 || refs.length > MAX_FANOUT * 4) return;
    const entry: Partial<Record<As, UseFact[]>> = {};
    for (const as of ['text', 'lines'] as const) {
      const facts = refs.flatMap((r) => useFacts(r, as, lines));
      if (facts.every((f) => f.kind !== 'other')) entry[as] = facts;
    }
    if (entry.text || entry.lines) consumes[index] = entry;
  });
  const name = fn.id ?? (fn.parent?.type === 'VariableDeclarator' ? fn.parent.id : fn);
  return { range: rangeOf(lines, name), consumes };
}

const FUNCTIONS = new WeakMap<TSESTree.Program, Map<FunctionNode, string>>();

/** The summary name of the module-level function holding `node`, if any. */
export function moduleFunctionOf(node: Node, program: TSESTree.Program): string | undefined {
  return topFunction(node, moduleFunctions(program));
}

/** `const f = () => ...`, `function f() {}`, with or without `export`, `exports.f = function`: the module's own functions. */
function moduleFunctions(program: TSESTree.Program): Map<FunctionNode, string> {
  const known = FUNCTIONS.get(program);
  if (known) return known;
  const out = new Map<FunctionNode, string>();
  FUNCTIONS.set(program, out);
  for (let s of program.body as Node[]) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) {
      const d = s.declaration as Node;
      if (s.type === 'ExportDefaultDeclaration' && isFunction(d) && !d.id) {
        out.set(d, 'default');
        continue;
      }
      s = d;
    }
    if (s.type === 'FunctionDeclaration' && s.id) out.set(s, s.id.name);
    else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init && isFunction(unwrap(d.init))) out.set(unwrap(d.init) as FunctionNode, d.id.name);
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      // `exports.load = function (p) {...}`, `module.exports = (p) => ...`
      const target = exportTarget(s.expression.left);
      const value = unwrap(s.expression.right);
      if (target && isFunction(value)) out.set(value, target);
    }
  }
  return out;
}

function literalCount(node: Node): number | undefined {
  const n = unwrap(node);
  if (n.type === 'ArrayExpression' && n.elements.every((e) => e?.type !== 'SpreadElement')) return n.elements.length;
  if (n.type === 'ObjectExpression' && n.properties.every((p) => p.type !== 'SpreadElement')) return n.properties.length;
  return undefined;
}

function requireSpec(node: Node | null | undefined): string | undefined {
  const n = node && unwrap(node);
  if (n?.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require' || n.arguments.length !== 1) return undefined;
  return stringValue(n.arguments[0]);
}

/** Imports, exports, re-exports and exported constants, from the module's top-level statements. */
function moduleInterface(program: TSESTree.Program, functions: Map<FunctionNode, string>, summary: Outline): void {
  const names = new Set(functions.values());
  const literals = new Map<string, number>();
  const classes = new Set<string>();
  for (let s of program.body as Node[]) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration as Node;
    if (s.type === 'ClassDeclaration' && s.id) classes.add(s.id.name);
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init && s.kind === 'const' && literalCount(d.init) !== undefined) literals.set(d.id.name, literalCount(d.init)!);
      for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init?.type === 'ClassExpression') classes.add(d.id.name);
    }
  }
  const exportValue = (exported: string, value: Node) => {
    const v = unwrap(value);
    if (v.type === 'Identifier') {
      if (names.has(v.name)) summary.exports[exported] = v.name;
      if (classes.has(v.name)) summary.classes[exported] = v.name;
      if (literals.has(v.name)) summary.constants[exported] = literals.get(v.name)!;
    } else if (isFunction(v) && functions.has(v)) summary.exports[exported] = functions.get(v)!;
    else if (literalCount(v) !== undefined) summary.constants[exported] = literalCount(v)!;
    else if (!(v.type === 'UnaryExpression' && v.operator === 'void')) delete summary.constants[exported];
  };
  for (const s of program.body) {
    switch (s.type) {
      case 'ImportDeclaration':
        if (s.importKind === 'type') break;
        for (const spec of s.specifiers) {
          if (spec.type === 'ImportSpecifier' && spec.importKind === 'type') continue;
          const member = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value)) : undefined;
          summary.imports[spec.local.name] = { module: s.source.value, member };
        }
        break;
      case 'TSImportEqualsDeclaration':
        if (s.moduleReference.type === 'TSExternalModuleReference') {
          const spec = stringValue(s.moduleReference.expression);
          if (spec) summary.imports[s.id.name] = { module: spec };
        }
        break;
      case 'VariableDeclaration':
        for (const d of s.declarations) {
          const spec = requireSpec(d.init);
          const member = d.init && unwrap(d.init).type === 'MemberExpression' ? propertyName(unwrap(d.init) as TSESTree.MemberExpression) : undefined;
          const memberSpec = member !== undefined ? requireSpec((unwrap(d.init!) as TSESTree.MemberExpression).object) : undefined;
          if (d.id.type === 'Identifier' && spec) summary.imports[d.id.name] = { module: spec };
          else if (d.id.type === 'Identifier' && memberSpec) summary.imports[d.id.name] = { module: memberSpec, member };
          else if (d.id.type === 'ObjectPattern' && spec) {
            for (const p of d.id.properties) {
              if (p.type !== 'Property' || p.computed || p.value.type !== 'Identifier') continue;
              const key = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key);
              if (key) summary.imports[p.value.name] = { module: spec, member: key };
            }
          }
        }
        break;
      case 'ExportNamedDeclaration':
        if (s.exportKind === 'type') break;
        if (s.source) {
          const names: Record<string, string> = {};
          for (const spec of s.specifiers) {
            const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
            names[spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value)] = local;
          }
          summary.reexports.push({ module: s.source.value, names });
        } else if (s.declaration?.type === 'FunctionDeclaration' && s.declaration.id) {
          summary.exports[s.declaration.id.name] = s.declaration.id.name;
        } else if (s.declaration?.type === 'ClassDeclaration' && s.declaration.id) {
          summary.classes[s.declaration.id.name] = s.declaration.id.name;
        } else if (s.declaration?.type === 'VariableDeclaration') {
          for (const d of s.declaration.declarations) if (d.id.type === 'Identifier' && d.init) exportValue(d.id.name, d.init);
          for (const d of s.declaration.declarations) if (d.id.type === 'Identifier' && d.init?.type === 'ClassExpression') summary.classes[d.id.name] = d.id.name;
        } else {
          for (const spec of s.specifiers) {
            if (spec.local.type !== 'Identifier') continue;
            exportValue(spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value), spec.local);
          }
        }
        break;
      case 'ExportDefaultDeclaration': {
        const d = s.declaration as Node;
        if (isFunction(d)) summary.exports.default = functions.get(d) ?? 'default';
        else if (d.type === 'ClassDeclaration' && d.id) summary.classes.default = d.id.name;
        else exportValue('default', d);
        break;
      }
      case 'ExportAllDeclaration':
        if (!s.exported) summary.reexports.push({ module: s.source.value });
        break;
      case 'ExpressionStatement': {
        const e = s.expression;
        if (e.type !== 'AssignmentExpression' || e.operator !== '=') break;
        const target = exportTarget(e.left);
        if (!target) break;
        const value = unwrap(e.right);
        const spec = requireSpec(value);
        if (target === 'default' && spec) summary.reexports.push({ module: spec });
        else if (target === 'default' && value.type === 'ObjectExpression') {
          for (const p of value.properties) {
            if (p.type !== 'Property' || p.computed) continue;
            const key = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key);
            if (key) exportValue(key, p.value as Node);
          }
        } else exportValue(target, value);
        break;
      }
    }
  }
}

/** What a call passes, each argument sized on this file alone. */
function argSizes(call: TSESTree.CallExpression, env: SizeEnv, functions: Map<FunctionNode, string>): ArgSize[] | undefined {
  if (call.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  return call.arguments.map((a) => {
    const size: ArgSize = { path: pathSize(a, env), items: itemsSize(a, env) };
    const u = unwrap(a);
    if (u.type === 'Identifier') {
      const b = resolve(u.name, siteOf(u).ancestors);
      const param = b && paramOf(b);
      const fn = param && !param.part ? functions.get(param.fn) : undefined;
      if (fn) size.param = { fn, index: param!.index };
    }
    return size;
  });
}

/**
 * A method call on an instance of an imported class: `new C(...).m(...)`, `new ns.C(...).m(...)`, or `x.m(...)`
 * with `x` a local never reassigned after `const x = new C(...)`. The class as written, the method, and the `new`.
 */
function methodCall(call: TSESTree.CallExpression, imports: ModuleSummary['imports'], reassigned: Map<Node, boolean>): { cls: string; name: string; made: TSESTree.NewExpression } | undefined {
  const callee = unwrap(call.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (callee.type !== 'MemberExpression' || name === undefined) return undefined;
  let object = unwrap(callee.object);
  let holder: Binding | undefined;
  if (object.type === 'Identifier') {
    holder = resolve(object.name, siteOf(object).ancestors);
    const d = holder?.declarator;
    if (d?.type !== 'VariableDeclarator' || d.id !== holder!.id || !d.init) return undefined;
    object = unwrap(d.init);
  }
  if (object.type !== 'NewExpression') return undefined;
  const cls = calleeText(object);
  if (!cls || cls.split('.').length > 2 || !imports[cls.split('.')[0]]) return undefined;
  if (holder) {
    let written = reassigned.get(holder.declarator);
    if (written === undefined) reassigned.set(holder.declarator, (written = references(holder).some((r) => isWrite(r.node))));
    if (written) return undefined;
  }
  return { cls, name, made: object };
}

function summarize(program: TSESTree.Program, text: string): ModuleSummary {
  const lines = lineIndexOf(program, text);
  const summary: ModuleSummary = { functions: {}, exports: {}, reexports: [], imports: {}, constants: {}, classes: {}, calls: [] };
  const functions = moduleFunctions(program);
  const index = indexAst(program);
  for (const [fn, name] of functions) summary.functions[name] = functionFacts(fn, lines);
  moduleInterface(program, functions, summary);

  // Reads returned whole: `return fs.readFileSync(p, 'utf8')`, `const text = await readFile(p); return text`.
  const env = localSizeEnv({ ast: program, text });
  for (const read of analyzeReads(program, text).others) {
    if (!read.value || read.content !== 'text') continue;
    const stop = followContent(read.value, 'text');
    if (stop.end !== 'returned' || stop.kind === 'buffer') continue;
    let own: Node | undefined = stop.site.node.parent;
    while (own && !isFunction(own)) own = own.parent;
    const name = own && functions.get(own as FunctionNode);
    if (!name) continue;
    const path = unwrap(read.path);
    const b = path.type === 'Identifier' ? resolve(path.name, siteOf(path).ancestors) : undefined;
    const param = b && paramOf(b);
    summary.functions[name].returnsRead = {
      range: rangeOf(lines, read.call.node),
      size: pathSize(read.path, env),
      as: stop.kind,
      ...(param && param.fn === own && !param.part ? { param: param.index } : {}),
    };
  }

  const wanted = new Set([...functions.values(), ...Object.keys(summary.imports)]);
  const reassigned = new Map<Node, boolean>();
  for (const call of index.ofType('CallExpression')) {
    const method = methodCall(call, summary.imports, reassigned);
    const callee = method?.cls ?? calleeOf(call);
    if (!callee || !wanted.has(callee.split('.')[0])) continue;
    // A call of a local name that a nested scope redeclares is not the module's.
    const head = callee.split('.')[0];
    const b = resolve(head, siteOf(method?.made ?? call).ancestors);
    if (!b || b.scope.type !== 'Program') continue;
    const site = siteOf(call);
    const fact: CallFact = { callee, range: rangeOf(lines, call), result: {} };
    if (method) fact.method = method.name;
    for (const as of ['text', 'lines'] as const) fact.result[as] = useFacts(site, as, lines);
    const args = argSizes(call, env, functions);
    if (args) fact.args = args;
    const within = topFunction(call, functions);
    if (within) fact.in = within;
    summary.calls.push(fact);
  }
  return summary;
}

/** The functions, imports and exports of a module, as its summary has them, without the analysis. */
export function outlineOf(program: TSESTree.Program): Outline {
  const outline: Outline = { functions: {}, exports: {}, reexports: [], imports: {}, constants: {}, classes: {} };
  const functions = moduleFunctions(program);
  for (const name of functions.values()) outline.functions[name] = true;
  moduleInterface(program, functions, outline);
  return outline;
}

const CACHE = new WeakMap<TSESTree.Program, ModuleSummary>();

/** The summary of a parsed module, computed once per AST. */
export function summaryOf(program: TSESTree.Program, text: string): ModuleSummary {
  let s = CACHE.get(program);
  if (!s) CACHE.set(program, (s = summarize(program, text)));
  return s;
}
