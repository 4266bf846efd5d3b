// Names across modules: which function `load` or `helpers.load` means in a module (following imports and
// re-exports), and every call of a module's function in the project. This file's summary comes from its own
// tree, other files' from the project index.
import type { ProjectView } from '../../../core/project';
import type { PythonContext } from '../../../core/rule';
import { resolveMember, resolveModule } from './modules';
import { isModuleScope, scopeOf } from './scopes';
import { strongest, type PassedArg, type SizeEnv } from './size';
import { summaryOf, type CallFact, type FunctionFacts, type ModuleSummary, type Outline } from './summary';

export interface Module {
  file: string;
  summary: ModuleSummary;
}

/** A module as far as following names through it goes. */
interface Outlined {
  file: string;
  summary: Outline;
}

/** Resolving names across modules, with this file's summary from its own tree. */
export class Resolver {
  constructor(
    private readonly context: PythonContext,
    private readonly project: ProjectView,
  ) {}

  /** A module's summary; for this file, with its calls only when `withCalls` (they cost a walk of the tree). */
  module(file: string, withCalls = false): Module | undefined {
    if (file === this.project.file) {
      const inProject = (spec: string) => !!resolveModule(file, spec, (f) => this.project.exists(f));
      return { file, summary: summaryOf(this.context.root, this.context.text, withCalls ? inProject : undefined) };
    }
    const summary = this.project.summary(file) as ModuleSummary | undefined;
    return summary ? { file, summary } : undefined;
  }

  /** A module's outline (this file's, or another's summary when at hand, serve as well). */
  outline(file: string): Outlined | undefined {
    if (file === this.project.file || !this.project.outline) return this.module(file);
    const summary = this.project.outline(file) as Outline | undefined;
    return summary ? { file, summary } : undefined;
  }

  /** The function a callee spelled in `from` means: its module and facts (following re-exports a few times). */
  function(from: Module, callee: string, depth = 0): { module: Module; name: string; facts: FunctionFacts } | undefined {
    if (depth > 3) return undefined;
    const exists = (f: string) => this.project.exists(f);
    const [head, member, ...rest] = callee.split('.');
    if (rest.length) return undefined;
    if (!member) {
      const local = from.summary.functions[head];
      if (local) return { module: from, name: head, facts: local };
      const imported = from.summary.imports[head];
      if (!imported?.member) return undefined;
      const target = resolveMember(from.file, imported.module, imported.member, exists);
      const module = target && !target.isModule ? this.module(target.file) : undefined;
      return module && this.function(module, imported.member, depth + 1);
    }
    const imported = from.summary.imports[head];
    if (!imported) return undefined;
    const target = imported.member ? resolveMember(from.file, imported.module, imported.member, exists) : undefined;
    const file = imported.member ? (target?.isModule ? target.file : undefined) : resolveModule(from.file, imported.module, exists);
    const module = file ? this.module(file) : undefined;
    const facts = module?.summary.functions[member];
    return module && facts ? { module, name: member, facts } : undefined;
  }

  /**
   * Whether `callee`, spelled in `from`, means the function `name` of `file`: what `function()` says, without reading
   * a module that cannot be `file` (a call of `helpers.load` is not one of `sections.py`'s functions, whatever
   * helpers.py holds). Following a re-export (`from .api import load`, api.py importing it) reads only the outline of
   * the module in between.
   */
  means(from: Outlined, callee: string, file: string, name: string, depth = 0): boolean {
    if (depth > 3) return false;
    const exists = (f: string) => this.project.exists(f);
    const [head, member, ...rest] = callee.split('.');
    if (rest.length) return false;
    const imported = from.summary.imports[head];
    if (!member) {
      if (from.summary.functions[head]) return from.file === file && head === name;
      if (!imported?.member || depth === 3) return false;
      const target = resolveMember(from.file, imported.module, imported.member, exists);
      const module = target && !target.isModule ? this.outline(target.file) : undefined;
      return !!module && this.means(module, imported.member, file, name, depth + 1);
    }
    if (!imported) return false;
    const target = imported.member ? resolveMember(from.file, imported.module, imported.member, exists) : undefined;
    const found = imported.member ? (target?.isModule ? target.file : undefined) : resolveModule(from.file, imported.module, exists);
    return found === file && member === name && !!this.outline(found)?.summary.functions[member];
  }

  /** Every call of `name` (defined in `module`) in the project: this module's and its importers'. */
  callers(module: Module, name: string): { calls: { module: Module; call: CallFact }[]; complete: boolean } {
    const calls: { module: Module; call: CallFact }[] = [];
    const importers = this.project.importers(module.file);
    const self = module.file === this.project.file ? this.module(module.file, true)! : module;
    for (const m of [self, ...importers.files.map((f) => this.module(f)).filter((m): m is Module => !!m)]) {
      for (const call of m.summary.calls) if (this.means(m, call.callee, module.file, name)) calls.push({ module: m, call });
    }
    return { calls, complete: importers.complete };
  }
}

const ALONE = new WeakMap<object, ProjectView>();

/**
 * The project a rule sees: the host's index, or (ESLint, tests, a file with no path) the file alone, whose other
 * callers may be anywhere: calls within it resolve, "every caller" is never known.
 */
export function projectOf(context: PythonContext): ProjectView {
  if (context.project) return context.project;
  const key = context.root.tree as object;
  let view = ALONE.get(key);
  if (!view) {
    view = {
      file: context.file ?? '<this file>',
      dependencies: new Map(),
      summary: () => undefined,
      exists: () => false,
      importers: () => ({ files: [], complete: false }),
    };
    ALONE.set(key, view);
  }
  return view;
}

/**
 * What every caller of `fn` (in `module`) passes for `param`: an argument that is itself a parameter of the
 * caller's function is followed to that function's callers, a few levels deep. Undefined when a caller cannot
 * be seen or leaves the argument to a default we do not know.
 */
function passedArgs(resolver: Resolver, module: Module, fn: string, param: string, depth: number): PassedArg[] | undefined {
  const facts = module.summary.functions[fn];
  if (!facts) return undefined;
  const index = facts.params.indexOf(param);
  const { calls, complete } = resolver.callers(module, fn);
  if (!complete) return undefined;
  const out: PassedArg[] = [];
  for (const { module: m, call } of calls) {
    let size = call.args?.keywords[param] ?? (index >= 0 ? call.args?.positional[index] : undefined) ?? facts.defaults[param];
    if (!size) return undefined;
    if (size.param && depth < 3) {
      const deeper = passedArgs(resolver, m, size.param.fn, size.param.name, depth + 1);
      if (deeper?.length) size = { path: strongest(deeper.map((d) => d.size.path)), items: strongest(deeper.map((d) => d.size.items)) };
    }
    out.push({ size, caller: call.in, file: m.file, line: call.range.line });
  }
  return out;
}

/**
 * Size questions for a rule: with a project, a module-level function's parameter is as large as what its callers
 * pass (or its default, where a caller leaves it out), when every caller can be seen.
 */
export function sizeEnv(context: PythonContext): SizeEnv {
  const project = context.project;
  if (!project) return { text: context.text };
  return {
    text: context.text,
    project,
    callerArgs(fn, param) {
      if (fn.type !== 'function_definition' || !isModuleScope(scopeOf(fn))) return undefined;
      const resolver = new Resolver(context, project);
      const self = resolver.module(project.file);
      const name = fn.childForFieldName('name')?.text;
      return self && name ? passedArgs(resolver, self, name, param, 0) : undefined;
    },
  };
}
