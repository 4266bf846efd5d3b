// Names across modules: which function `load` or `store.load` means in a module (following imports, CommonJS
// exports and re-exports), every call of a module's function in the project, and the size questions that need
// them: a parameter as large as what callers in other modules pass, an imported constant, an imported function
// that returns a whole read. This file's summary comes from its own AST, other files' from the project index.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ProjectView } from '../../../core/project';
import type { JsContext, Size } from '../../../core/rule';
import { calledFunction, lineIndexOf, localCallers } from './callers';
import { resolveModule } from './modules';
import { propertyName, unwrap, type FunctionNode } from './nodes';
import { siteOf } from './ast';
import { resolve, type Binding } from './scope';
import { strongest, type Passed, type PassedArg, type SizeEnv } from './size';
import { calleeOf, summaryOf, type ArgSize, type CallFact, type FunctionFacts, type ModuleSummary, type Outline } from './summary';

export interface Module {
  file: string;
  summary: ModuleSummary;
}

/** A module as far as following names through it goes. */
interface Outlined {
  file: string;
  summary: Outline;
}

export interface Target {
  module: Module;
  name: string;
  facts: FunctionFacts;
}

/** What a module re-exporting another without naming what it re-exports holds. */
const BARREL = ['export *', 'module.exports = require('];

/** Resolving names across modules (without a project: within this file only). */
export class Resolver {
  private own: Module | undefined;
  private readonly callersOf = new Map<string, ReturnType<Resolver['callers']>>();
  private readonly methodCallersOf = new Map<string, ReturnType<Resolver['methodCallers']>>();

  constructor(
    private readonly context: Pick<JsContext, 'ast' | 'text'>,
    private readonly project: ProjectView | undefined,
    private readonly file: string | undefined,
  ) {}

  /** This file, summarised from its own AST (on first use), and offered to the index for other files' lints. */
  get self(): Module {
    if (!this.own) {
      this.own = { file: this.file ?? '', summary: summaryOf(this.context.ast, this.context.text) };
      this.project?.remember?.(this.context.text, this.own.summary);
    }
    return this.own;
  }

  module(file: string): Module | undefined {
    if (file === this.file) return this.self;
    const summary = this.project?.summary(file) as ModuleSummary | undefined;
    return summary ? { file, summary } : undefined;
  }

  private moduleAt(from: Outlined, spec: string): Module | undefined {
    const file = this.fileAt(from, spec);
    return file ? this.module(file) : undefined;
  }

  private fileAt(from: Outlined, spec: string): string | undefined {
    if (!this.project || !from.file) return undefined;
    return resolveModule(from.file, spec, (f) => this.project!.exists(f));
  }

  /** A module's outline (this file's, or another's summary when at hand, serve as well). */
  private outlineAt(from: Outlined, spec: string): Outlined | undefined {
    const file = this.fileAt(from, spec);
    if (!file || file === this.file || !this.project?.outline) return file ? this.module(file) : undefined;
    const summary = this.project.outline(file) as Outline | undefined;
    return summary ? { file, summary } : undefined;
  }

  /** The function a module exports as `name`, following re-exports a few times. */
  exported(module: Module, name: string): Target | undefined {
    return this.throughReexports(
      module,
      name,
      (m, n) => {
        const local = m.summary.exports[n];
        const facts = local !== undefined ? m.summary.functions[local] : undefined;
        return local !== undefined && facts ? { module: m, name: local, facts } : undefined;
      },
      this.summaryAt,
    );
  }

  /** The item count of the literal a module exports as `name`, following re-exports a few times. */
  constant(module: Module, name: string): { count: number; file: string } | undefined {
    return this.throughReexports(
      module,
      name,
      (m, n) => {
        const count = m.summary.constants[n];
        return count !== undefined ? { count, file: m.file } : undefined;
      },
      this.summaryAt,
    );
  }

  /**
   * What `find` says of the export `name` of `module`, or of the modules it re-exports it from (`export * from`),
   * each read by `at`.
   */
  private throughReexports<M extends Outlined, T>(module: M, name: string, find: (m: M, name: string) => T | undefined, at: (from: M, spec: string) => M | undefined, depth = 0): T | undefined {
    const here = find(module, name);
    if (here !== undefined || depth > 4) return here;
    for (const re of module.summary.reexports) {
      const imported = re.names ? re.names[name] : name === 'default' ? undefined : name;
      const target = imported === undefined ? undefined : at(module, re.module);
      const found = target && this.throughReexports(target, imported!, find, at, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private readonly summaryAt = (from: Module, spec: string) => this.moduleAt(from, spec);
  private readonly outlinedAt = (from: Outlined, spec: string) => this.outlineAt(from, spec);

  /**
   * Whether `callee`, spelled in `from`, means the function (or, with `classes`, the class) `name` of `file`: what
   * `function()` says, reading only the outlines (functions, classes, exports, re-exports) of the modules the name
   * passes through.
   */
  means(from: Outlined, callee: string, file: string, name: string, classes = false): boolean {
    const [head, member] = callee.split('.');
    const imported = from.summary.imports[head];
    const exportsOf = (o: Outline, n: string) => (classes ? o.classes?.[n] : o.exports[n] !== undefined && o.functions[o.exports[n]] ? o.exports[n] : undefined);
    if (member === undefined && !imported) return !classes && from.file === file && head === name && !!from.summary.functions[head];
    if (member !== undefined && (!imported || (imported.member !== undefined && imported.member !== 'default'))) return false;
    const target = this.outlineAt(from, imported!.module);
    const found =
      target &&
      this.throughReexports(
        target,
        member ?? imported!.member ?? 'default',
        (m, n) => {
          const local = exportsOf(m.summary, n);
          return local !== undefined ? { file: m.file, name: local } : undefined;
        },
        this.outlinedAt,
      );
    return !!found && found.file === file && found.name === name;
  }

  /** The function a callee spelled in `from` means (`load`, `store.load`). */
  function(from: Module, callee: string): Target | undefined {
    const [head, member] = callee.split('.');
    const imported = from.summary.imports[head];
    if (member === undefined) {
      if (!imported) {
        const facts = from.summary.functions[head];
        return facts ? { module: from, name: head, facts } : undefined;
      }
      const target = this.moduleAt(from, imported.module);
      return target && this.exported(target, imported.member ?? 'default');
    }
    if (!imported || (imported.member !== undefined && imported.member !== 'default')) return undefined;
    const target = this.moduleAt(from, imported.module);
    return target && this.exported(target, member);
  }

  /** Every call of `name` (a function of `module`) in the project: its module's and its importers'. */
  callers(module: Module, name: string): { calls: { module: Module; call: CallFact }[]; complete: boolean } {
    const key = `${module.file}\u0000${name}`;
    let found = this.callersOf.get(key);
    if (!found) this.callersOf.set(key, (found = this.findCallers(module, name)));
    return found;
  }

  /** Every call, in the modules importing it, of the method `method` on instances of `cls` (a class `module` exports). */
  methodCallers(module: Module, cls: string, method: string): { module: Module; call: CallFact }[] {
    const key = `${module.file}\u0000${cls}\u0000${method}`;
    let found = this.methodCallersOf.get(key);
    if (!found) {
      found = [];
      const names = Object.entries(module.summary.classes ?? {}).filter(([, local]) => local === cls).map(([as]) => as);
      const importers = names.length > 0 ? this.importersOf(module, names.includes('default') ? undefined : names).modules : [];
      for (const m of importers) {
        for (const call of m.summary.calls) if (call.method === method && this.means(m, call.callee, module.file, cls, true)) found.push({ module: m, call });
      }
      this.methodCallersOf.set(key, found);
    }
    return found;
  }

  private findCallers(module: Module, name: string): { calls: { module: Module; call: CallFact }[]; complete: boolean } {
    const calls: { module: Module; call: CallFact }[] = [];
    // A module calling the function names it (`load(...)`, `store.load(...)`, `{ load }`): others need no summary.
    const names = Object.entries(module.summary.exports).filter(([, local]) => local === name).map(([as]) => as);
    const exported = names.length > 0;
    const wanted = names.includes('default') ? undefined : names;
    const importers = exported ? this.importersOf(module, wanted) : { modules: [], complete: true };
    for (const m of [module, ...importers.modules]) {
      for (const call of m.summary.calls) if (this.means(m, call.callee, module.file, name)) calls.push({ module: m, call });
    }
    return { calls, complete: importers.complete };
  }

  /**
   * Modules importing `module`, also through the modules that re-export it (`index.ts` barrels), a few levels;
   * with `names`, only those whose text mentions one of them or re-exports wholesale (`export * from`).
   */
  private importersOf(module: Module, names?: string[]): { modules: Module[]; complete: boolean } {
    if (!this.project || !module.file) return { modules: [], complete: false };
    const seen = new Set<string>([module.file]);
    const modules: Module[] = [];
    let complete = true;
    let frontier = [module.file];
    for (let level = 0; level < 3 && frontier.length; level++) {
      const next: string[] = [];
      for (const target of frontier) {
        const found = this.project.importers(target);
        complete &&= found.complete;
        for (const file of found.files) {
          if (seen.has(file)) continue;
          seen.add(file);
          const project = this.project;
          if (names && project.mentions && !names.some((n) => project.mentions!(file, n)) && !BARREL.some((b) => project.mentions!(file, b))) continue;
          const m = this.module(file);
          if (!m) continue;
          modules.push(m);
          if (m.summary.reexports.some((re) => this.moduleAt(m, re.module)?.file === target)) next.push(file);
        }
      }
      frontier = next;
    }
    return { modules, complete };
  }
}

/** What `calls` (of a function or method, in other modules) pass for parameter `index`, following parameters a few callers up. */
function remoteArgs(resolver: Resolver, calls: { module: Module; call: CallFact }[], index: number, depth: number): PassedArg[] {
  const out: PassedArg[] = [];
  for (const { module: m, call } of calls) {
    if (m === resolver.self) continue; // this file's calls come from its AST
    let size: ArgSize | undefined = call.args?.[index];
    if (!size) continue;
    if (size.param && depth < 3) {
      const deeper = remoteArgs(resolver, resolver.callers(m, size.param.fn).calls, size.param.index, depth + 1);
      if (deeper.length) size = { path: strongest(deeper.map((d) => d.size('path'))), items: strongest(deeper.map((d) => d.size('items'))) };
    }
    const s = size;
    out.push({ size: (subject) => (subject === 'path' ? s.path : s.items), caller: call.in, file: m.file, line: call.range.line });
  }
  return out;
}

/** The specifier and member an imported binding names: `import { X } from './m'`, `const m = require('./m')` + `m.X`. */
function importOf(b: Binding, member: string | undefined): { spec: string; name: string } | undefined {
  const d = b.declarator;
  if (d.type === 'ImportDeclaration') {
    const spec = d.specifiers.find((s) => s.local === b.id);
    if (!spec) return undefined;
    if (spec.type === 'ImportSpecifier') return { spec: d.source.value, name: spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value) };
    return member !== undefined ? { spec: d.source.value, name: member } : undefined;
  }
  if (d.type === 'VariableDeclarator' && d.init && d.id.type === 'ObjectPattern') {
    // `const { NAMES: names } = require('./m')`
    const init = unwrap(d.init);
    const arg = init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments[0] : undefined;
    const p = d.id.properties.find((x) => x.type === 'Property' && x.value === b.id);
    const key = p?.type === 'Property' && !p.computed ? (p.key.type === 'Identifier' ? p.key.name : String((p.key as TSESTree.Literal).value)) : undefined;
    return arg?.type === 'Literal' && typeof arg.value === 'string' && key ? { spec: arg.value, name: key } : undefined;
  }
  if (d.type === 'VariableDeclarator' && d.init && d.id === b.id) {
    const init = unwrap(d.init);
    if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && member !== undefined) {
      const arg = init.arguments[0];
      if (arg?.type === 'Literal' && typeof arg.value === 'string') return { spec: arg.value, name: member };
    }
    if (init.type === 'MemberExpression') {
      const object = unwrap(init.object);
      const arg = object.type === 'CallExpression' && object.callee.type === 'Identifier' && object.callee.name === 'require' ? object.arguments[0] : undefined;
      const name = propertyName(init);
      if (arg?.type === 'Literal' && typeof arg.value === 'string' && name) return { spec: arg.value, name };
    }
  }
  return undefined;
}

/**
 * Size questions for a rule: a module-level function's parameter is as large as what its callers pass, in this
 * file and, with a project index, in the modules that import it; imported constants and imported functions that
 * return a whole read are looked up in their modules.
 */
export function sizeEnv(context: JsContext): SizeEnv {
  return shared(context).env;
}

/** The resolver for a rule's file and project (shared by the rules that lint it). */
export function resolverFor(context: JsContext): Resolver {
  return shared(context).resolver();
}

const SHARED = new WeakMap<TSESTree.Program, Map<object | undefined, { env: SizeEnv; resolver: () => Resolver }>>();

function shared(context: JsContext): { env: SizeEnv; resolver: () => Resolver } {
  let byProject = SHARED.get(context.ast);
  if (!byProject) SHARED.set(context.ast, (byProject = new Map()));
  let entry = byProject.get(context.project);
  if (!entry) byProject.set(context.project, (entry = build(context)));
  return entry;
}

function build(context: JsContext): { env: SizeEnv; resolver: () => Resolver } {
  const { ast, text, project, file } = context;
  const lines = lineIndexOf(ast, text);
  let resolver: Resolver | undefined;
  const get = () => (resolver ??= new Resolver(context, project, file));
  const env: SizeEnv = {
    text,
    project,
    callerArgs(fn: FunctionNode, index: number, hops: number, others: boolean): Passed | undefined {
      const local = localCallers(fn, index, hops, env, ast, lines);
      if (!local || !project || !file || !others) return local;
      const m = calledFunction(fn, ast);
      if (!m || m.exportedAs.length === 0) return local;
      const self = get().self;
      const calls = m.of !== undefined ? get().methodCallers(self, m.of, m.name) : get().callers(self, m.name).calls;
      const remote = remoteArgs(get(), calls, index, 0);
      return { args: [...local.args, ...remote], complete: false };
    },
    importedConstant(b, member) {
      const found = project && file ? importOf(b, member) : undefined;
      const target = found && resolveModule(file!, found.spec, (f) => project!.exists(f));
      const module = target ? get().module(target) : undefined;
      return module && get().constant(module, found!.name);
    },
    returnedRead(call: TSESTree.CallExpression): { param?: number; size: Size } | undefined {
      // Functions of this file are read from the AST (size.ts); only an imported name needs other modules.
      const callee = project && file ? calleeOf(call) : undefined;
      const head = callee && resolve(callee.split('.')[0], siteOf(call).ancestors);
      if (!head || (head.kind !== 'import' && !(head.declarator.type === 'VariableDeclarator' && /^require\b/.test(text.slice(head.declarator.init?.range[0] ?? 0, head.declarator.init?.range[1] ?? 0))))) return undefined;
      return get().function(get().self, callee!)?.facts.returnsRead;
    },
  };
  return { env, resolver: get };
}

