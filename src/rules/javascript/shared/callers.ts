// Who calls a module-level function or a class's method (methods.ts), and with what: its calls in this file and,
// with a project index, in the modules that import it or its class (resolver.ts). What `SizeEnv.callerArgs` answers. A function only this file can call
// (not exported, never handed on as a value) has all its callers here; an exported one may have callers the
// project does not show (a library's users), so its callers can only show that a parameter grows.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { JsContext } from '../../../core/rule';
import { LineIndex } from '../../../core/text';
import { exportedName } from './exports';
import { classMethod } from './methods';
import { isFunction, type FunctionNode } from './nodes';
import { references, resolve, type Binding } from './scope';
import { itemsSize, pathSize, type PassedArg, type Passed, type SizeEnv, type Subject } from './size';
import type { Node } from './walk';

export interface ModuleFunction {
  /** Its name in the module (a method's key in its class: `m`, `#m`, `static m`). */
  name: string;
  /** A method's class, by its name in the module. */
  of?: string;
  /** Names other modules import it by (`default` for a default export). */
  exportedAs: string[];
  /** Handed on as a value somewhere (a callback, stored): callers cannot all be seen. */
  escapes: boolean;
  /** Its calls in this file. */
  calls: TSESTree.CallExpression[];
}

/** The module-level name a function is declared under, when it is one (`function f`, `const f = () => ...`). */
function declaredName(fn: FunctionNode): { name: string; exported: boolean } | undefined {
  const p = fn.parent;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    if (p?.type === 'Program') return { name: fn.id.name, exported: false };
    if (p?.type === 'ExportNamedDeclaration' || p?.type === 'ExportDefaultDeclaration') return { name: fn.id.name, exported: true };
    return undefined;
  }
  if (p?.type !== 'VariableDeclarator' || p.init !== fn || p.id.type !== 'Identifier') return undefined;
  const decl = p.parent;
  const top = decl?.parent;
  if (top?.type === 'Program') return { name: p.id.name, exported: false };
  if (top?.type === 'ExportNamedDeclaration') return { name: p.id.name, exported: true };
  return undefined;
}

const CACHE = new WeakMap<FunctionNode, ModuleFunction | null>();

/** What this file shows of a module-level function's callers. Undefined for any other function. */
export function moduleFunction(fn: FunctionNode, program: TSESTree.Program): ModuleFunction | undefined {
  const known = CACHE.get(fn);
  if (known !== undefined) return known ?? undefined;
  let found: ModuleFunction | undefined;
  const declared = declaredName(fn);
  const binding = declared && resolve(declared.name, [program]);
  if (declared && binding && (binding.id === fn.id || binding.declarator === fn.parent)) {
    found = { name: declared.name, exportedAs: [], escapes: false, calls: [] };
    if (declared.exported) found.exportedAs.push(fn.parent?.type === 'ExportDefaultDeclaration' ? 'default' : declared.name);
    for (const ref of references(binding)) classifyReference(ref.node, ref.ancestors, found);
  }
  CACHE.set(fn, found ?? null);
  return found;
}

function classifyReference(ref: Node, ancestors: readonly Node[], into: ModuleFunction): void {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'CallExpression' && parent.callee === ref) {
    into.calls.push(parent);
    return;
  }
  const exported = exportedName(ref, ancestors);
  if (exported !== undefined) into.exportedAs.push(exported);
  else into.escapes = true;
}

/** The name of the module-level function (or method's class) a node is in, for messages. */
export function enclosingFunctionName(node: Node): string | undefined {
  let top: FunctionNode | undefined;
  for (let p = node.parent; p; p = p.parent) if (isFunction(p)) top = p;
  if (!top) return undefined;
  if (top.id) return top.id.name;
  const d = top.parent;
  return d?.type === 'VariableDeclarator' && d.id.type === 'Identifier' ? d.id.name : undefined;
}

/** One call's argument for parameter `index`: the argument, or the parameter's default when the call leaves it out. */
function argumentFor(call: TSESTree.CallExpression, fn: FunctionNode, index: number): Node | 'spread' | undefined {
  for (let i = 0; i <= index && i < call.arguments.length; i++) if (call.arguments[i].type === 'SpreadElement') return 'spread';
  const arg = call.arguments[index];
  if (arg) return arg;
  const param = fn.params[index];
  return param?.type === 'AssignmentPattern' ? param.right : undefined;
}

/** A passed argument sized lazily, as a path or as a collection. */
export function passedArg(node: Node, env: SizeEnv, hops: number, line: number, caller: string | undefined): PassedArg {
  const memo: Partial<Record<Subject, ReturnType<PassedArg['size']>>> = {};
  const inner: SizeEnv = { ...env, hops };
  return {
    caller,
    line,
    size: (subject) => (memo[subject] ??= subject === 'path' ? pathSize(node, inner) : itemsSize(node, inner)),
  };
}

/** What this file shows of the callers of a module-level function or of a class's method. */
export function calledFunction(fn: FunctionNode, program: TSESTree.Program): ModuleFunction | undefined {
  return moduleFunction(fn, program) ?? classMethod(fn, program);
}

/** Callers of `fn` in this file, for parameter `index`. */
export function localCallers(fn: FunctionNode, index: number, hops: number, env: SizeEnv, program: TSESTree.Program, lines: LineIndex): Passed | undefined {
  const m = calledFunction(fn, program);
  if (!m) return undefined;
  const args: PassedArg[] = [];
  let complete = !m.escapes && m.exportedAs.length === 0;
  for (const call of m.calls) {
    const arg = argumentFor(call, fn, index);
    if (arg === 'spread') {
      complete = false;
      continue;
    }
    if (!arg) continue;
    args.push(passedArg(arg, env, hops, lines.position(call.range[0]).line, enclosingFunctionName(call)));
  }
  return { args, complete };
}

const LINES = new WeakMap<TSESTree.Program, LineIndex>();

export function lineIndexOf(program: TSESTree.Program, text: string): LineIndex {
  let lines = LINES.get(program);
  if (!lines) LINES.set(program, (lines = new LineIndex(text)));
  return lines;
}

/** Size questions for a rule without a project index: a parameter is as large as what this file's calls pass. */
export function localSizeEnv(context: Pick<JsContext, 'ast' | 'text'>): SizeEnv {
  const env: SizeEnv = {
    text: context.text,
    callerArgs: (fn, index, hops) => localCallers(fn, index, hops, env, context.ast, lineIndexOf(context.ast, context.text)),
  };
  return env;
}

export type { Binding };
