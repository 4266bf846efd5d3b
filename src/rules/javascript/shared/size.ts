// Size provenance for the JS rules: where the size of the file a read names, or of a collection a chain copies,
// comes from. A path from a parameter, `process.argv`, `process.env`, a request or a directory walk grows with the
// program's input, and so does a collection iterated from a file, a stream, a command's output or a parsed
// document, or handed to a function generic in its items; a config file, a package resource next to `__dirname`,
// a literal of three items, a module constant, `s.split(sep, 2)`, `process.argv` as a list are bounded by
// construction; anything else is unknown. The rules attach the answer to their findings; the linter turns it
// into a severity. Callers' arguments come from `SizeEnv` (this file's calls, or the project's: callers.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Growth, Size } from '../../../core/rule';
import { smallByNature } from '../../../core/smallFiles';
import { numberValue, stringValue } from './ast';
import { isFunction, methodOf, propertyName, returnedValues, unwrap, type FunctionNode } from './nodes';
import {
  bindingOf,
  calleeName,
  calleeText,
  commandLine,
  COMMANDS,
  filledLater,
  isArgv,
  isJsonParse,
  isModuleLevel,
  isProcessMember,
  isRequire,
  ITEM_PASSES,
  loopIterable,
  mentionsModuleDir,
  OUTPUTS,
  READDIR,
  readPath,
  recursive,
  REQUEST,
  rootIdentifier,
  STREAMS,
  TEXT_PASSES,
  valueOf,
  WALKERS,
} from './origins';
import { patternIds, type Binding } from './scope';
import type { Node } from './walk';

export type Subject = 'path' | 'items';

/** One caller's argument for a parameter: its size as a path or as a collection, and where the call is. */
export interface PassedArg {
  size(subject: Subject): Size;
  /** The module-level function the call is in. */
  caller?: string;
  /** The file of the call, when it is another one than the file being linted. */
  file?: string;
  line: number;
}

/** What a function's callers pass for one parameter; `complete`: no other caller can exist (a module-private function). */
export interface Passed {
  args: PassedArg[];
  complete: boolean;
}

/** What size questions may look at beyond the AST: callers' arguments, other modules' constants. */
export interface SizeEnv {
  text: string;
  /** The project the answers depend on (a cached answer holds for one project view only). */
  project?: object;
  /** How many callers up this question already is: callers are followed a few levels, no further. */
  hops?: number;
  /** `remote`: also the calls in other modules (they can only show that it grows: not asked when it does anyway). */
  callerArgs?(fn: FunctionNode, index: number, hops: number, remote: boolean): Passed | undefined;
  /** The item count of a module-level literal another module exports (`TOP_LEVEL_ROLE_NAMES`). */
  importedConstant?(binding: Binding, member: string | undefined): { count: number; file: string } | undefined;
  /** The called function (of another module) returns a whole read: of its parameter `param`, or of a path of `size`. */
  returnedRead?(call: TSESTree.CallExpression): { param?: number; size: Size } | undefined;
}

const UNKNOWN: Size = { growth: 'unknown' };
/** Steps within one expression's provenance (`const`s, calls, joins). */
const MAX_DEPTH = 10;
/** Callers followed up from a parameter: its function's callers, theirs, and theirs. */
const MAX_HOPS = 3;
const ORDER: Growth[] = ['grows', 'unknown', 'bounded'];

function grows(why: string): Size {
  return { growth: 'grows', why };
}
function bounded(why: string): Size {
  return { growth: 'bounded', why };
}

/** The strongest of several: grows over unknown over bounded (none: unknown). */
export function strongest(sizes: readonly Size[]): Size {
  let best: Size | undefined;
  for (const s of sizes) if (!best || ORDER.indexOf(s.growth) < ORDER.indexOf(best.growth)) best = s;
  return best ?? UNKNOWN;
}

/** Bounded only when every part is; grows when one does; else unknown. */
function allOf(sizes: readonly Size[], whenBounded: Size): Size {
  if (sizes.length === 0 || sizes.every((s) => s.growth === 'bounded')) return whenBounded;
  return strongest(sizes).growth === 'grows' ? strongest(sizes) : UNKNOWN;
}

export const code = (s: string) => `\`${s.length > 40 ? s.slice(0, 37) + '...' : s}\``;

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

interface Walk {
  env: SizeEnv;
  depth: number;
}

const deeper = (w: Walk): Walk => ({ env: w.env, depth: w.depth + 1 });

function sourceOf(w: Walk, node: Node): string {
  return w.env.text.slice(node.range[0], node.range[1]);
}

// ---- parameters ------------------------------------------------------------------------------------------------

export interface ParamRef {
  fn: FunctionNode;
  index: number;
  name: string;
  /** The name is part of the parameter (`{ file }`, `[a, b]`), or the parameter is a rest (`...args`). */
  part: boolean;
}

export function paramOf(b: Binding): ParamRef | undefined {
  if (b.kind !== 'param' || !isFunction(b.declarator)) return undefined;
  const fn = b.declarator;
  const index = fn.params.findIndex((p) => patternIds(p).includes(b.id));
  if (index < 0) return undefined;
  const p = fn.params[index];
  const whole = p === b.id || (p.type === 'AssignmentPattern' && p.left === b.id) || (p.type === 'TSParameterProperty' && (p.parameter === b.id || (p.parameter.type === 'AssignmentPattern' && p.parameter.left === b.id)));
  return { fn, index, name: b.name, part: !whole };
}

/** A function's name for messages: its own, or the variable, property or method it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const p = fn.parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if ((p?.type === 'MethodDefinition' || p?.type === 'Property' || p?.type === 'PropertyDefinition') && !p.computed) {
    return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'PrivateIdentifier' ? `#${p.key.name}` : stringValue(p.key);
  }
  if (p?.type === 'AssignmentExpression' && p.left.type === 'MemberExpression') return propertyName(p.left);
  return undefined;
}

/** ` of \`f()\``, or nothing for an anonymous function. */
const ofFunction = (fn: FunctionNode) => {
  const name = functionName(fn);
  return name ? ` of ${code(`${name}()`)}` : '';
};

function where(arg: PassedArg): string {
  const file = arg.file ? `${arg.file.replace(/^.*[\\/]/, '')}:` : 'line ';
  return `${file}${arg.line}`;
}

/**
 * A parameter is as large as what its callers pass. A caller seen passing something that grows decides; when
 * every caller is known (a function private to its module) and each passes something bounded, it is bounded;
 * callers seen passing anything else leave it unknown (an exported function may have callers the project does not
 * show, so it is never bounded by its callers). With no caller in sight: a path parameter grows (a caller names a
 * file, usually data), and any other collection parameter is unknown (most are a few fields of one record). An
 * exported function's parameter typed as a collection generic in its items (`Iterable<T>`, `T[]`) grows whatever
 * the project's own calls pass: the type is the library's promise to take any caller's collection.
 */
function parameterSize(param: ParamRef, subject: Subject, w: Walk): Size {
  const of = ofFunction(param.fn);
  const generic = !param.part && subject === 'items' ? genericCollection(param, w) : undefined;
  if (!param.part && (w.env.hops ?? 0) < MAX_HOPS) {
    const passed = w.env.callerArgs?.(param.fn, param.index, (w.env.hops ?? 0) + 1, !generic);
    if (passed && passed.args.length > 0) {
      const sizes = passed.args.map((a) => a.size(subject));
      const at = sizes.findIndex((s) => s.growth === 'grows');
      if (at >= 0) {
        const a = passed.args[at];
        const who = a.caller ? code(`${a.caller}()`) : 'a caller';
        return grows(`${code(param.name)} is a parameter${of}; ${who} passes one that grows (${where(a)}): ${lowerFirst(sizes[at].why ?? '')}`.trimEnd());
      }
      if (passed.complete && sizes.every((s) => s.growth === 'bounded')) {
        const what = subject === 'path' ? 'path' : 'collection';
        return bounded(`Every caller${of} passes a ${what} fixed in size: ${lowerFirst(sizes[0].why ?? '')}`.trimEnd());
      }
      // Callers are seen and none passes something that grows: what they pass, not a guess, says how large it is;
      // but a type generic in its items is the function's promise to take any caller's collection.
      if (passed.complete || subject === 'path') return UNKNOWN;
    }
  }
  if (subject === 'path') {
    return grows(param.part
      ? `${code(param.name)} comes from a parameter${of}: the file is as large as the caller's.`
      : `${code(param.name)} is a parameter${of}: the file is as large as the caller's.`);
  }
  return generic ? grows(`${code(param.name)} is a parameter${of} typed ${code(generic)}, generic in its items: as large as the caller's collection.`) : UNKNOWN;
}

const COLLECTION_TYPES = new Set(['Iterable', 'AsyncIterable', 'IterableIterator', 'Array', 'ReadonlyArray', 'ArrayLike', 'Set', 'ReadonlySet', 'Map', 'ReadonlyMap']);

/** Type parameter names in scope at a function: its own and those of enclosing functions, classes and interfaces. */
function typeParameters(fn: Node): Set<string> {
  const names = new Set<string>();
  for (let n: Node | undefined = fn; n; n = n.parent) {
    const declared = (n as { typeParameters?: TSESTree.TSTypeParameterDeclaration }).typeParameters;
    for (const p of declared?.params ?? []) names.add(p.name.name);
  }
  return names;
}

/** The parameter's annotation when it is a collection of a type parameter: `Iterable<A>`, `readonly A[]`, `Map<K, V>`. */
function genericCollection(param: ParamRef, w: Walk): string | undefined {
  let p: Node = param.fn.params[param.index];
  if (p.type === 'AssignmentPattern') p = p.left;
  const annotation = (p as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (!annotation) return undefined;
  const params = typeParameters(param.fn);
  const isParam = (t: Node | undefined) => t?.type === 'TSTypeReference' && t.typeName.type === 'Identifier' && params.has(t.typeName.name);
  let t: Node = annotation;
  if (t.type === 'TSTypeOperator' && t.operator === 'readonly' && t.typeAnnotation) t = t.typeAnnotation;
  const generic =
    (t.type === 'TSArrayType' && isParam(t.elementType)) ||
    (t.type === 'TSTypeReference' && t.typeName.type === 'Identifier' && COLLECTION_TYPES.has(t.typeName.name) && (t.typeArguments?.params ?? []).some(isParam));
  return generic ? sourceOf(w, annotation) : undefined;
}

const PACKAGE_RESOURCE = 'It is a file shipped with the package (next to the module), fixed in size.';

function byName(name: string | undefined): Size | undefined {
  const what = name !== undefined ? smallByNature(name) : undefined;
  return what ? bounded(`${code(name!.replace(/^.*[\\/]/, ''))} is ${what}, small by nature.`) : undefined;
}

// ---- paths ---------------------------------------------------------------------------------------------------------

/** The size of the file a path expression names. */
export function pathSize(path: Node | undefined, env: SizeEnv): Size {
  if (!path) return UNKNOWN;
  return cached(path, 'path', env, () => pathOf(path, { env, depth: 0 }));
}

function pathOf(node: Node, w: Walk): Size {
  if (w.depth > MAX_DEPTH) return UNKNOWN;
  const n = unwrap(node);
  const next = (x: Node | null | undefined) => (x ? pathOf(x, deeper(w)) : UNKNOWN);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'string' ? byName(n.value) ?? UNKNOWN : UNKNOWN;
    case 'TemplateLiteral': {
      const tail = n.quasis[n.quasis.length - 1].value.cooked ?? '';
      if (n.expressions.length === 0 || tail.includes('/')) {
        const named = byName(n.expressions.length === 0 ? tail : tail.slice(tail.lastIndexOf('/') + 1));
        if (named) return named;
      }
      if (n.expressions.some((e) => mentionsModuleDir(e))) return bounded(PACKAGE_RESOURCE);
      return strongest(n.expressions.map(next).filter((s) => s.growth === 'grows'));
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return UNKNOWN;
      const literal = stringValue(n.right);
      if (literal !== undefined) return byName(literal) ?? (mentionsModuleDir(n.left) ? bounded(PACKAGE_RESOURCE) : growsOr(next(n.left as Node)));
      return strongest([next(n.left as Node), next(n.right)]);
    }
    case 'ConditionalExpression':
    case 'LogicalExpression':
    case 'AwaitExpression':
      return either(n, next);
    case 'CallExpression':
    case 'NewExpression':
      return callPath(n, w, next);
    case 'MemberExpression':
      return memberPath(n, w);
    case 'Identifier':
      return namePath(n, w, next);
    default:
      return UNKNOWN;
  }
}

/** `c ? a : b`, `a || b`: bounded when each value it can take is; `await a`: what `a` is. */
function either(n: TSESTree.ConditionalExpression | TSESTree.LogicalExpression | TSESTree.AwaitExpression, next: (x: Node | null | undefined) => Size): Size {
  if (n.type === 'AwaitExpression') return next(n.argument);
  const [a, b] = n.type === 'ConditionalExpression' ? [n.consequent, n.alternate] : [n.left, n.right];
  const first = next(a);
  return allOf([first, next(b)], first);
}

/** What an unknown-looking part says, kept only when it grows (a directory from a parameter, joined with a literal name). */
function growsOr(size: Size): Size {
  return size.growth === 'grows' ? size : UNKNOWN;
}

const JOIN = /^(?:\w*path\w*\.)?(?:posix\.|win32\.)?(?:join|resolve|normalize)$/i;
const PATH_PASSES = /^(?:(?:url\.)?fileURLToPath|String|(?:\w*path\w*\.)?(?:posix\.)?(?:toNamespacedPath))$/i;

function callPath(n: TSESTree.CallExpression | TSESTree.NewExpression, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const name = calleeText(n) ?? '';
  const args = n.arguments.filter((a): a is TSESTree.Expression => a.type !== 'SpreadElement');
  if (n.type === 'NewExpression') {
    if (name !== 'URL') return UNKNOWN;
    if (args.length > 1 && mentionsModuleDir(args[1])) return byName(stringValue(args[0])) ?? bounded(PACKAGE_RESOURCE);
    return next(args[0]);
  }
  if (JOIN.test(name)) {
    if (args.length === 0) return UNKNOWN;
    const last = stringValue(args[args.length - 1]);
    const named = last !== undefined ? byName(last) : undefined;
    if (named) return named;
    const parts = args.map(next);
    const growing = parts.find((s) => s.growth === 'grows');
    if (args.some((a) => mentionsModuleDir(a))) return growing ?? bounded(PACKAGE_RESOURCE);
    if (last !== undefined) return growsOr(strongest(parts.slice(0, -1)));
    return strongest(parts);
  }
  if (PATH_PASSES.test(name)) return next(args[0]);
  if (name === 'require.resolve') return byName(stringValue(args[0])) ?? bounded('It is a module of the program or its dependencies, fixed in size.');
  const m = n.type === 'CallExpression' ? methodOf(n) : undefined;
  if (m && ['toString', 'trim', 'normalize'].includes(m.name)) return next(m.member.object);
  return UNKNOWN;
}

function memberPath(n: TSESTree.MemberExpression, w: Walk): Size {
  const object = unwrap(n.object);
  if (isArgv(object) || (object.type === 'Identifier' && isArgvName(object))) return grows('The path comes from the command line: the file is whatever the user names.');
  if (isProcessMember(object, 'env')) return grows('The path comes from the environment: the file is whatever it names.');
  if (object.type === 'MetaProperty' || (object.type === 'Identifier' && object.name === 'module' && propertyName(n) === 'filename')) return bounded('It is a module of the program itself, fixed in size.');
  if (REQUEST.test(sourceOf(w, object))) return grows('The file comes from a request or an upload: it is as large as the client sends.');
  const root = rootIdentifier(object);
  const b = root && bindingOf(root);
  if (!b) return UNKNOWN;
  const param = paramOf(b);
  if (param) return parameterSize({ ...param, name: sourceOf(w, n), part: true }, 'path', w);
  const value = valueOf(b);
  if (value && commandLine(value.value)) return grows(`The path is a command-line argument (${code(sourceOf(w, n))}): the file is whatever the user names.`);
  return UNKNOWN;
}

/** `const argv = process.argv` */
function isArgvName(id: TSESTree.Identifier): boolean {
  const b = bindingOf(id);
  const v = b && valueOf(b);
  return !!v && !v.part && isArgv(v.value);
}

function namePath(n: TSESTree.Identifier, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  if (n.name === '__filename') return bounded('It is a module of the program itself, fixed in size.');
  const b = bindingOf(n);
  if (!b) return UNKNOWN;
  const param = paramOf(b);
  const items = param && !param.part ? callbackItems(param) : undefined;
  if (items) return loopPath(items, n, w);
  if (param) return parameterSize(param, 'path', w);
  const iterable = loopIterable(b);
  if (iterable) return loopPath(iterable, n, w);
  const value = valueOf(b);
  if (!value) return UNKNOWN;
  if (!value.part) return next(value.value);
  // `const [, , file] = process.argv`, `const { file } = opts`, `const { log } = yargs.argv`.
  const from = unwrap(value.value);
  if (isArgv(from) || commandLine(from)) return grows(`The path is a command-line argument (${code(n.name)}): the file is whatever the user names.`);
  if (isProcessMember(from, 'env')) return grows('The path comes from the environment: the file is whatever it names.');
  if (REQUEST.test(sourceOf(w, from))) return grows('The file comes from a request or an upload: it is as large as the client sends.');
  const root = from.type === 'Identifier' ? bindingOf(from) : undefined;
  const whole = root && paramOf(root);
  return whole ? parameterSize({ ...whole, name: n.name, part: true }, 'path', w) : UNKNOWN;
}

const ITEM_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
const COLLECTION_MAPPERS = /(?:^|\.)(?:\w*[mM]ap|\w*[eE]ach)$/;

/**
 * A callback's parameter is an item of the collection it is called over, as a loop variable is: the element of
 * `files.forEach((f) => ...)`, the second parameter of `files.reduce((acc, f) => ...)`, the item of
 * `pMap(files, (f) => ...)`. The collection, when `param` is that.
 */
function callbackItems(param: ParamRef): Node | undefined {
  const call = param.fn.parent;
  if (call?.type !== 'CallExpression') return undefined;
  const m = methodOf(call);
  if (m && call.arguments[0] === param.fn) {
    if (ITEM_CALLBACKS.has(m.name) && param.index === 0) return m.member.object;
    if ((m.name === 'reduce' || m.name === 'reduceRight') && param.index === 1) return m.member.object;
  }
  const first = call.arguments[0];
  if (call.arguments[1] === param.fn && param.index === 0 && first && first.type !== 'SpreadElement' && COLLECTION_MAPPERS.test(calleeName(call))) return first;
  return undefined;
}

/** `for (const name of fs.readdirSync(d))`, `for (const f of files)` (a parameter), `for (const p of ['a.cfg', 'b.cfg'])`. */
function loopPath(iterable: Node, n: TSESTree.Identifier, w: Walk): Size {
  let it = unwrap(iterable);
  if (it.type === 'AwaitExpression') it = unwrap(it.argument);
  const walked = walkSource(it);
  if (walked) return grows(`${code(n.name)} comes from a directory walk: any file found there.`);
  if (isArgv(it)) return grows(`${code(n.name)} comes from the command line: the file is whatever the user names.`);
  if (it.type === 'ArrayExpression' && it.elements.length > 0 && it.elements.every((e) => e && e.type !== 'SpreadElement')) {
    const sizes = it.elements.map((e) => pathOf(e as Node, deeper(w)));
    return allOf(sizes, sizes[0]);
  }
  if (it.type === 'Identifier') {
    const b = bindingOf(it);
    const param = b && paramOf(b);
    if (param) return grows(`${code(n.name)} is one of ${code(it.name)}, a parameter${ofFunction(param.fn)}: the files are the caller's.`);
  }
  return UNKNOWN;
}

/** A directory listing: `fs.readdirSync(d)`, `glob.sync(p)`, `await readdir(d)`, through `.filter`/`.map`/a `const`. */
function walkSource(node: Node, depth = 0): boolean {
  if (depth > 6) return false;
  let n = unwrap(node);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    if (WALKERS.test(name) || READDIR.test(name)) return true;
    const m = methodOf(n);
    return !!m && ITEM_PASSES.has(m.name) && walkSource(m.member.object, depth + 1);
  }
  if (n.type === 'Identifier') {
    const b = bindingOf(n);
    const v = b && valueOf(b);
    return !!v && !v.part && walkSource(v.value, depth + 1);
  }
  return false;
}

// ---- collections -------------------------------------------------------------------------------------------------

/** How many items a collection (or a text split into items) holds: the size of a copy of it, or of a loop over it. */
export function itemsSize(node: Node, env: SizeEnv): Size {
  return cached(node, 'items', env, () => itemsOf(node, { env, depth: 0 }));
}

const FILE_LINES = 'It splits the content of a file: as many items as the file has lines.';

function itemsOf(node: Node, w: Walk): Size {
  if (w.depth > MAX_DEPTH) return UNKNOWN;
  const n = unwrap(node);
  const next = (x: Node | null | undefined) => (x ? itemsOf(x, deeper(w)) : UNKNOWN);
  switch (n.type) {
    case 'ArrayExpression':
    case 'ObjectExpression': {
      const parts = n.type === 'ArrayExpression' ? n.elements : n.properties;
      const spreads = parts.filter((p): p is TSESTree.SpreadElement => p?.type === 'SpreadElement').map((p) => next(p.argument));
      const count = parts.length - spreads.length;
      const literal = bounded(`It is a literal of ${count} item${count === 1 ? '' : 's'}.`);
      return spreads.length ? allOf(spreads, literal) : literal;
    }
    case 'Literal':
      return typeof n.value === 'string' ? bounded('It is a string literal.') : UNKNOWN;
    case 'TemplateLiteral':
      return n.expressions.length === 0 ? bounded('It is a string literal.') : UNKNOWN;
    case 'ConditionalExpression':
    case 'LogicalExpression':
    case 'AwaitExpression':
      return either(n, next);
    case 'ChainExpression':
      return next(n.expression);
    case 'ThisExpression':
      return collectionItself(n) ?? UNKNOWN;
    case 'NewExpression': {
      const name = calleeText(n);
      if (name && ['Set', 'Map', 'WeakSet', 'WeakMap', 'Array'].includes(name) && n.arguments.length === 1 && n.arguments[0].type !== 'SpreadElement') {
        return name === 'Array' ? UNKNOWN : next(n.arguments[0]);
      }
      return UNKNOWN;
    }
    case 'CallExpression':
      return callItems(n, w, next);
    case 'MemberExpression':
      return memberItems(n, w, next);
    case 'Identifier':
      return nameItems(n, w, next);
    default:
      return UNKNOWN;
  }
}

function callItems(n: TSESTree.CallExpression, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const name = calleeName(n);
  const first = n.arguments[0]?.type === 'SpreadElement' ? undefined : n.arguments[0];
  const read = readPath(n) ?? calledRead(n, w);
  const returned = read ? undefined : w.env.returnedRead?.(n);
  if (read || returned) {
    const arg = returned?.param !== undefined ? n.arguments[returned.param] : undefined;
    const path = read ? pathOf(read, deeper(w)) : arg && arg.type !== 'SpreadElement' ? pathOf(arg, deeper(w)) : returned!.size;
    return path.growth === 'bounded' ? path : grows(FILE_LINES);
  }
  if (/^Object\.(?:keys|values|entries|getOwnPropertyNames)$/.test(name) || name === 'Array.from') return next(first);
  if (name === 'Array.of') return bounded(`It is a list of ${n.arguments.length} item${n.arguments.length === 1 ? '' : 's'}.`);
  if (name === 'JSON.parse') return documentSize(first, w);
  if (WALKERS.test(name) || (READDIR.test(name) && recursive(n))) return grows('It walks a directory tree: as many items as files there.');
  if (READDIR.test(name)) return UNKNOWN;
  if (STREAMS.test(name)) return grows('It iterates a stream: as many items as the input has.');
  if (COMMANDS.test(name)) return grows("It is a command's output: as many items as the command prints.");
  const m = methodOf(n);
  if (!m) return UNKNOWN;
  const receiver = m.member.object;
  if (m.name === 'split') {
    const limit = numberValue(n.arguments[1] as Node | undefined);
    if (limit !== undefined && limit >= 0) return bounded(`\`split()\` with a limit of ${limit} gives at most ${limit} item${limit === 1 ? '' : 's'}.`);
    return next(receiver);
  }
  if (m.name === 'concat') return strongest([next(receiver), ...n.arguments.map((a) => next(a.type === 'SpreadElement' ? a.argument : a))]);
  if (ITEM_PASSES.has(m.name) || TEXT_PASSES.has(m.name) || m.name === 'match' || m.name === 'matchAll') return next(receiver);
  return UNKNOWN;
}

/**
 * A call of a function of this file that returns a whole read (`const read = (p) => fs.readFileSync(p, 'utf8')`):
 * the path it reads, as the call names it (the argument, when the function reads its parameter).
 */
function calledRead(call: TSESTree.CallExpression, w: Walk): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier') return undefined;
  const b = bindingOf(callee);
  const fn = b?.kind === 'function' ? b.declarator : b && valueOf(b)?.value;
  if (!fn || !isFunction(fn)) return undefined;
  const paths = returnedValues(fn).map(readPath);
  if (paths.length === 0 || paths.some((p) => !p)) return undefined;
  const path = unwrap(paths[0]!);
  const own = path.type === 'Identifier' ? bindingOf(path) : undefined;
  if (own) {
    const param = paramOf(own);
    if (param?.fn === fn && !param.part) {
      const arg = call.arguments[param.index];
      return arg && arg.type !== 'SpreadElement' ? arg : undefined;
    }
  }
  return paths[0];
}

/** A parsed JSON document is as large as its text: a config file is bounded, anything else grows. */
function documentSize(text: Node | undefined, w: Walk): Size {
  if (!text) return UNKNOWN;
  const source = itemsOf(text, deeper(w));
  if (source.growth === 'bounded') return source;
  return grows('It is a parsed JSON document: as large as its input.');
}

function memberItems(n: TSESTree.MemberExpression, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  if (isArgv(n)) return bounded('`process.argv` holds the few arguments of the command line.');
  if (isProcessMember(n, 'env')) return bounded('`process.env` holds the environment, a few variables.');
  const name = propertyName(n);
  if (name && OUTPUTS.has(name)) return grows("It is a command's output: as many items as the command prints.");
  const object = unwrap(n.object);
  if (object.type === 'ThisExpression') return collectionItself(object, name) ?? UNKNOWN;
  if ((name === 'body' || name === 'files') && REQUEST.test(sourceOf(w, object))) return grows('It comes from a request: as large as the client sends.');
  // A field of a parsed document: as large as the document.
  const root = rootIdentifier(object);
  const b = root && bindingOf(root);
  if (!b) return UNKNOWN;
  const value = valueOf(b);
  if (value && isJsonParse(value.value)) return documentSize((unwrap(value.value) as TSESTree.CallExpression).arguments[0], w);
  if (b.kind === 'import' || (value && !value.part && isRequire(value.value))) {
    // `roles.TOP_LEVEL_ROLE_NAMES` of `const roles = require('./role')`.
    const member = root === object ? name : undefined;
    return importedConstant(b, member, sourceOf(w, n), w) ?? UNKNOWN;
  }
  return UNKNOWN;
}

function importedConstant(b: Binding, member: string | undefined, shown: string, w: Walk): Size | undefined {
  const found = w.env.importedConstant?.(b, member);
  if (!found) return undefined;
  const file = found.file.replace(/^.*[\\/]/, '');
  return bounded(`${code(shown)} is a constant of ${file}: a literal of ${found.count} item${found.count === 1 ? '' : 's'}.`);
}

/**
 * `this` (or one of its fields) in a class or object that defines `[Symbol.iterator]`: the collection itself,
 * holding as many items as its users put in.
 */
function collectionItself(self: Node, field?: string): Size | undefined {
  let fn: Node | undefined = self.parent;
  while (fn && !(isFunction(fn) && fn.type !== 'ArrowFunctionExpression')) fn = fn.parent;
  const member = fn?.parent;
  const container = member?.type === 'MethodDefinition' || member?.type === 'PropertyDefinition' ? member.parent : member?.type === 'Property' ? member.parent : undefined;
  const members: readonly Node[] = container?.type === 'ClassBody' ? container.body : container?.type === 'ObjectExpression' ? container.properties : [];
  const iterable = members.some((m) => {
    if ((m.type !== 'MethodDefinition' && m.type !== 'Property') || !m.computed) return false;
    const key = unwrap(m.key);
    return key.type === 'MemberExpression' && unwrap(key.object).type === 'Identifier' && (unwrap(key.object) as TSESTree.Identifier).name === 'Symbol' && ['iterator', 'asyncIterator'].includes(propertyName(key) ?? '');
  });
  if (!iterable) return undefined;
  const what = field ? `\`this.${field}\` holds the collection's own items` : '`this` is the collection itself';
  return grows(`${what} (its class defines \`[Symbol.iterator]\`): as many as its users put in.`);
}

function nameItems(n: TSESTree.Identifier, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const b = bindingOf(n);
  if (!b) return UNKNOWN;
  const param = paramOf(b);
  if (param) return parameterSize(param, 'items', w);
  if (b.kind === 'import') return importedConstant(b, undefined, n.name, w) ?? UNKNOWN;
  const value = valueOf(b);
  if (!value) return UNKNOWN;
  if (value.part) {
    // `const { stdout } = await exec(cmd)`: a command's output.
    if (OUTPUTS.has(n.name)) return grows("It is a command's output: as many items as the command prints.");
    // `const { NAMES } = require('./names')`
    if (isRequire(value.value)) return importedConstant(b, undefined, n.name, w) ?? UNKNOWN;
    return isJsonParse(value.value) ? documentSize((unwrap(value.value) as TSESTree.CallExpression).arguments[0], w) : UNKNOWN;
  }
  const v = unwrap(value.value);
  if ((v.type === 'ArrayExpression' || v.type === 'ObjectExpression' || v.type === 'NewExpression') && filledLater(b)) return UNKNOWN;
  const inner = next(v);
  if (inner.growth === 'bounded' && isModuleLevel(b) && b.kind === 'const' && (v.type === 'ArrayExpression' || v.type === 'ObjectExpression')) {
    return bounded(`${code(n.name)} is a module-level constant: ${lowerFirst(inner.why ?? 'fixed in size.')}`);
  }
  return inner;
}

// ---- cache -------------------------------------------------------------------------------------------------------

const CACHE = new WeakMap<Node, Map<string, Size>>();
const VIEWS = new WeakMap<object, number>();
let views = 0;

function cached(node: Node, kind: Subject, env: SizeEnv, compute: () => Size): Size {
  let byNode = CACHE.get(node);
  if (!byNode) CACHE.set(node, (byNode = new Map()));
  let view = 0;
  if (env.project) view = VIEWS.get(env.project) ?? VIEWS.set(env.project, ++views).get(env.project)!;
  // An answer a few callers up sees fewer callers above it: one per level.
  const key = `${kind}:${view}:${env.hops ?? 0}`;
  let size = byNode.get(key);
  if (!size) byNode.set(key, (size = compute()));
  return size;
}
