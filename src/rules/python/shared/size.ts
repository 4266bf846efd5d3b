// Size provenance: where the size of a file read or of a collection comes from. A path from a parameter, the
// command line, the environment, a request or a directory walk grows with the program's input; a config file, a
// package resource next to `__file__`, a literal list of three items is bounded by construction; anything else is
// unknown. The rules attach the answer to their findings; the linter turns it into a severity.
import type { Node, Tree } from 'web-tree-sitter';
import type { Growth, Size } from '../../../core/rule';
import { smallByNature } from '../../../core/smallFiles';
import { definitionOf, functionName, resourceFunction, type Definition } from './bindings';
import { callArguments, unparenthesized } from './calls';
import { intValue, stringValue } from './literals';
import { isModuleScope, scopeOf } from './scopes';

const UNKNOWN: Size = { growth: 'unknown' };

/** The sizes a function's callers pass for one of its parameters, as a path and as a collection. */
export interface ArgSize {
  path: Size;
  items: Size;
  /** The argument is a parameter of the caller's own module-level function: its callers decide. */
  param?: { fn: string; name: string };
}

/** One caller's argument for a parameter: its size, and where the call is. */
export interface PassedArg {
  size: ArgSize;
  /** The module-level function the call is in. */
  caller?: string;
  file: string;
  line: number;
}

/**
 * What size questions may look at beyond the file's text: the arguments every caller in the project passes to a
 * function (undefined when the callers cannot all be seen: a method, no project).
 */
export interface SizeEnv {
  text: string;
  /** The project the answers depend on (a cached answer holds for one project view only). */
  project?: object;
  callerArgs?: (fn: Node, param: string) => PassedArg[] | undefined;
}
const MAX_DEPTH = 8;

/** What a file read holds, for messages: `the file`, or what a collection is (`the list`). */
type Subject = 'file' | 'items';

function grows(why: string): Size {
  return { growth: 'grows', why };
}
function bounded(why: string): Size {
  return { growth: 'bounded', why };
}

/** The strongest of several: grows over unknown over bounded (none: unknown). */
export function strongest(sizes: Size[]): Size {
  const order: Growth[] = ['grows', 'unknown', 'bounded'];
  let best: Size | undefined;
  for (const s of sizes) if (!best || order.indexOf(s.growth) < order.indexOf(best.growth)) best = s;
  return best ?? UNKNOWN;
}

const code = (s: string) => `\`${s.length > 40 ? s.slice(0, 37) + '...' : s}\``;

/** The callee of a call as a dotted name (`os.path.join`), or undefined. */
function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute' && /^[\w.]+$/.test(fn.text)) return fn.text;
  return undefined;
}

function methodName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
}

const WALKERS = /(?:^|\.)(?:walk|listdir|scandir|glob|iglob|rglob|iterdir|fwalk)$/;
const ENVIRONMENT = /^os\.(?:getenv|environ\.get|environ\.__getitem__)$/;
const REQUEST = /(?:^|\.|_)(?:request|req|upload|uploaded|files)(?:$|\.)/i;

/**
 * A parameter is as large as what its callers pass. When every caller in the project can be seen, their arguments
 * decide; otherwise a path parameter grows (a caller names a file, usually data) and a collection parameter is
 * unknown (most are a few fields of one record).
 */
function parameterSize(def: Extract<Definition, { kind: 'parameter' }>, subject: Subject, w: Walk): Size {
  const fn = code(functionName(def.fn));
  // pytest hands a test its fixtures as parameters: data the test suite fixes.
  if (/^test/.test(functionName(def.fn))) return UNKNOWN;
  const passed = w.env.callerArgs?.(def.fn, def.name);
  if (passed && passed.length > 0) {
    const sizeOf = (a: PassedArg) => (subject === 'file' ? a.size.path : a.size.items);
    const growing = passed.find((a) => sizeOf(a).growth === 'grows');
    if (growing) {
      const who = growing.caller ? `\`${growing.caller}()\`` : 'a caller';
      const where = `${growing.file.replace(/^.*[\\/]/, '')}:${growing.line}`;
      return grows(`${code(def.name)} is a parameter of ${fn}; ${who} passes one that grows (${where}): ${lowerFirst(sizeOf(growing).why ?? '')}`.trimEnd());
    }
    if (passed.every((a) => sizeOf(a).growth === 'bounded')) {
      return bounded(`Every caller of ${fn} passes a ${subject === 'file' ? 'path' : 'collection'} fixed in size: ${lowerFirst(sizeOf(passed[0]).why ?? '')}`.trimEnd());
    }
    return UNKNOWN;
  }
  if (subject === 'file') return grows(`${code(def.name)} is a parameter of ${fn}: the file is as large as the caller's.`);
  return UNKNOWN;
}

// ---- paths ----------------------------------------------------------------------------------------------------

interface Walk {
  text: string;
  env: SizeEnv;
  depth: number;
}

/** The size of the file a path expression names. */
export function pathSize(path: Node | undefined, env: SizeEnv): Size {
  if (!path) return UNKNOWN;
  return cached(path, 'path', env, () => pathOf(path, { text: env.text, env, depth: 0 }));
}

function byName(name: string | undefined): Size | undefined {
  const what = name !== undefined ? smallByNature(name) : undefined;
  return what ? bounded(`${code(name!.replace(/^.*[\\/]/, ''))} is ${what}, small by nature.`) : undefined;
}

function mentionsFile(node: Node): boolean {
  return /\b__file__\b/.test(node.text) || /\bimportlib\.resources\b|\bresources\.files\b|\bfiles\(__(?:name|package)__\)/.test(node.text);
}

function pathOf(node: Node, w: Walk): Size {
  if (w.depth > MAX_DEPTH) return UNKNOWN;
  const n = unparenthesized(node);
  const next = (x: Node | null | undefined) => (x ? pathOf(x, { ...w, depth: w.depth + 1 }) : UNKNOWN);
  if (n.type === 'call' && resourceFunction(n.childForFieldName('function'), w.text)) {
    return bounded('It is a resource shipped with the package (`importlib.resources`), fixed in size.');
  }
  if (mentionsFile(n)) return bounded('It is a file shipped with the package (next to `__file__`), fixed in size.');
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const v = stringValue(n);
      if (v) return byName(v.value) ?? UNKNOWN;
      return interpolated(n, w);
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const right = n.childForFieldName('right')!;
      if (op === '/' || op === '+') {
        const literal = stringValue(unparenthesized(right));
        if (literal) return byName(literal.value) ?? strongestExcept(next(n.childForFieldName('left')), UNKNOWN);
        return strongest([next(n.childForFieldName('left')), next(right)]);
      }
      if (op === '%') return next(n.childForFieldName('right'));
      return UNKNOWN;
    }
    case 'call':
      return callPath(n, w, next);
    case 'conditional_expression': {
      // `sys.argv[1] if len(sys.argv) > 1 else "big.log"`: as large as the larger of the two.
      const [then, , otherwise] = n.namedChildren;
      return strongest([next(then), next(otherwise)]);
    }
    case 'boolean_operator':
      return strongest([next(n.childForFieldName('left')), next(n.childForFieldName('right'))]);
    case 'subscript':
      return subscriptOrigin(n) ?? UNKNOWN;
    case 'attribute':
      return attributeOrigin(n, w) ?? UNKNOWN;
    case 'identifier':
      return namePath(n, w, next);
    default:
      return UNKNOWN;
  }
}

/** `a / "x"` with an unknown `a`: the literal decides when it is small by nature; otherwise what `a` says, but no stronger than `fallback`. */
function strongestExcept(size: Size, fallback: Size): Size {
  return size.growth === 'grows' ? size : fallback;
}

/** f-strings: the text after the last interpolation names the file when it holds a `/`; else any part that grows. */
function interpolated(n: Node, w: Walk): Size {
  const parts = n.namedChildren.filter((c): c is Node => !!c);
  const tail = parts.filter((c) => c.type === 'string_content').pop();
  const last = parts.filter((c) => c.type === 'interpolation').pop();
  if (tail && (!last || tail.startIndex > last.startIndex) && tail.text.includes('/')) {
    const named = byName(tail.text);
    if (named) return named;
  }
  const sizes = parts.filter((c) => c.type === 'interpolation').map((c) => pathOf(c.namedChild(0)!, { ...w, depth: w.depth + 1 }));
  const g = sizes.find((s) => s.growth === 'grows');
  return g ?? UNKNOWN;
}

const PASS_THROUGH = /^(?:os\.path\.(?:abspath|realpath|normpath|expanduser|expandvars)|os\.fspath|str|Path|pathlib\.Path|PurePath|PosixPath|os\.path\.join)$/;

function callPath(n: Node, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const name = calleeName(n);
  const args = callArguments(n.childForFieldName('arguments'));
  const method = methodName(n);
  if (name && ENVIRONMENT.test(name)) return grows('The path comes from the environment: the file is whatever it names.');
  if (name === 'input') return grows('The path is typed in by the user.');
  if (name && PASS_THROUGH.test(name)) {
    const parts = args.positional;
    if (parts.length === 0) return UNKNOWN;
    const lastLiteral = stringValue(unparenthesized(parts[parts.length - 1]));
    if (lastLiteral) return byName(lastLiteral.value) ?? strongestExcept(strongest(parts.slice(0, -1).map(next)), UNKNOWN);
    return strongest(parts.map(next));
  }
  if (method === 'joinpath' || method === 'with_name' || method === 'with_suffix') {
    const last = args.positional[args.positional.length - 1];
    const literal = last && stringValue(unparenthesized(last));
    if (literal) return byName(method === 'with_suffix' ? `x${literal.value}` : literal.value) ?? next(n.childForFieldName('function')!.childForFieldName('object'));
    return next(n.childForFieldName('function')!.childForFieldName('object'));
  }
  if (method && ['resolve', 'absolute', 'expanduser', 'strip', 'rstrip'].includes(method)) {
    return next(n.childForFieldName('function')!.childForFieldName('object'));
  }
  return UNKNOWN;
}

/** `sys.argv[1]`, `os.environ["LOG"]`, `request.FILES["log"]`. */
function subscriptOrigin(n: Node): Size | undefined {
  const value = n.childForFieldName('value')?.text ?? '';
  if (value === 'sys.argv' || value === 'argv') return grows('The path comes from the command line: the file is whatever the user names.');
  if (value === 'os.environ' || value === 'environ') return grows('The path comes from the environment: the file is whatever it names.');
  if (REQUEST.test(value)) return grows('The file comes from a request or an upload: it is as large as the client sends.');
  return undefined;
}

/** `args.log` of `argparse`, `request.files`, `upload.path`. */
function attributeOrigin(n: Node, w: Walk): Size | undefined {
  const object = n.childForFieldName('object');
  if (!object) return undefined;
  if (REQUEST.test(object.text)) return grows('The file comes from a request or an upload: it is as large as the client sends.');
  if (object.type === 'identifier') {
    const def = definitionOf(object, w.text);
    if (def?.kind === 'value') {
      const v = unparenthesized(def.value);
      if (v.type === 'call' && methodName(v) === 'parse_args') return grows(`The path is a command-line argument (${code(n.text)}): the file is whatever the user names.`);
    }
  }
  return undefined;
}

/** A name that says what file it holds: `config_h`, `makefile_path`, `setup_cfg`, `readme`, `license_file`. */
const CONFIG_NAME = /(?:^|_)(?:config|conf|cfg|ini|init|toml|makefile|manifest|readme|license|licence|version|setup|pyproject|requirements)(?:_|$)/i;

/** Bounded when a name says it holds a configuration or metadata file. */
export function namedLikeConfig(name: string): Size | undefined {
  return CONFIG_NAME.test(name) ? bounded(`${code(name)} names a configuration or metadata file, small by nature.`) : undefined;
}

function namePath(n: Node, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  if (n.text === '__file__') return bounded('It is a module of the program itself, fixed in size.');
  if (CONFIG_NAME.test(n.text)) return namedLikeConfig(n.text)!;
  const def = definitionOf(n, w.text);
  if (!def) return UNKNOWN;
  switch (def.kind) {
    case 'parameter':
      return parameterSize(def, 'file', w);
    case 'value':
      return next(def.value);
    case 'loop':
      return loopPath(def, w, n);
    default:
      return UNKNOWN;
  }
}

/** `for name in os.listdir(d)`, `for p in root.glob("*.log")`, `for path in paths` (a parameter). */
function loopPath(def: Extract<Definition, { kind: 'loop' }>, w: Walk, n: Node): Size {
  const iterable = unparenthesized(def.iterable);
  if (iterable.type === 'call') {
    const name = calleeName(iterable) ?? methodName(iterable) ?? '';
    if (WALKERS.test(name) || WALKERS.test(methodName(iterable) ?? '')) return grows(`${code(n.text)} comes from a directory walk: any file found there.`);
  }
  if (iterable.type === 'identifier') {
    // `for dirpath, dirs, files in os.walk(root)` ... `for name in files`.
    const inner = definitionOf(iterable, w.text);
    if (inner?.kind === 'loop') {
      const walked = unparenthesized(inner.iterable);
      if (walked.type === 'call' && WALKERS.test(calleeName(walked) ?? methodName(walked) ?? '')) {
        return grows(`${code(n.text)} comes from a directory walk: any file found there.`);
      }
    }
    if (inner?.kind === 'parameter') return grows(`${code(n.text)} is one of ${code(inner.name)}, a parameter of ${code(functionName(inner.fn))}: the files are the caller's.`);
  }
  if (iterable.type === 'list' || iterable.type === 'tuple' || iterable.type === 'set') {
    const names = iterable.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const sizes = names.map((c) => pathOf(c, { ...w, depth: w.depth + 1 }));
    if (sizes.length > 0 && sizes.every((s) => s.growth === 'bounded')) return sizes[0];
    return strongest(sizes);
  }
  return UNKNOWN;
}

// ---- collections -------------------------------------------------------------------------------------------------

/** How many items an iterable can hand out: the size of a list built from it, or of a loop over it. */
export function iterableSize(node: Node, env: SizeEnv): Size {
  return cached(node, 'items', env, () => itemsOf(node, { text: env.text, env, depth: 0 }));
}

const LINE_SOURCES = /(?:^|\.)(?:readlines|reader|DictReader|fetchall|fetchmany|iterrows|itertuples|execute|find|scan|stream)$/;
const SMALL_NAMESPACES = new Set(['dir', 'vars', 'globals', 'locals']);
const PASS_ITEMS = new Set(['enumerate', 'reversed', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'iter', 'filter']);

function itemsOf(node: Node, w: Walk): Size {
  if (w.depth > MAX_DEPTH) return UNKNOWN;
  const n = unparenthesized(node);
  // Each step's answer is kept, so nested copies (`sorted(list(sorted(...)))`) are not followed again from every
  // level; past MAX_DEPTH steps a kept answer may say unknown where a walk from nearer would not.
  const next = (x: Node | null | undefined) => (x ? cached(x, 'items', w.env, () => itemsOf(x, { ...w, depth: w.depth + 1 })) : UNKNOWN);
  switch (n.type) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'dictionary': {
      const items = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return UNKNOWN;
      return bounded(`It is a literal of ${items.length} item${items.length === 1 ? '' : 's'}.`);
    }
    case 'string':
    case 'concatenated_string':
      return stringValue(n) ? bounded('It is a string literal.') : UNKNOWN;
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression': {
      const clauses = n.namedChildren.filter((c): c is Node => c?.type === 'for_in_clause');
      return strongest(clauses.map((c) => next(c.childForFieldName('right'))));
    }
    case 'conditional_expression': {
      const [then, , otherwise] = n.namedChildren;
      return strongest([next(then), next(otherwise)]);
    }
    case 'boolean_operator':
      return strongest([next(n.childForFieldName('left')), next(n.childForFieldName('right'))]);
    case 'call':
      return callItems(n, w, next);
    case 'attribute':
      if (n.text === 'sys.argv') return bounded('`sys.argv` holds the few arguments of the command line.');
      if (n.text === 'os.environ') return bounded('`os.environ` holds the environment, a few variables.');
      return UNKNOWN;
    case 'identifier':
      return nameItems(n, w, next);
    default:
      return UNKNOWN;
  }
}

function callItems(n: Node, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const name = calleeName(n);
  const method = methodName(n);
  const args = callArguments(n.childForFieldName('arguments'));
  const receiver = n.childForFieldName('function')?.childForFieldName('object') ?? null;
  if (name === 'range') {
    const ints = args.positional.map((a) => intValue(unparenthesized(a)));
    if (ints.length > 0 && ints.every((v) => v !== undefined)) return bounded('It is a `range()` of literal bounds.');
    return strongest(args.positional.map((a) => boundSize(a, w)));
  }
  if (name && SMALL_NAMESPACES.has(name)) return bounded(`\`${name}()\` lists the names of one namespace, a few.`);
  if (name === 'open' || (name && /(?:^|\.)open$/.test(name))) return grows('It iterates a file: one item per line, as many as the file has.');
  if (name && WALKERS.test(name)) return grows('It walks a directory: as many items as files there.');
  if (name === 'zip') return strongest(args.positional.map(next));
  if (name === 'map') return strongest(args.positional.slice(1).map(next));
  if (name && PASS_ITEMS.has(name)) return next(args.positional[name === 'filter' ? 1 : 0]);
  if (method === 'split' || method === 'rsplit') {
    const limit = args.positional[1] ?? args.keywords.get('maxsplit');
    const k = limit ? intValue(unparenthesized(limit)) : undefined;
    if (k !== undefined && k >= 0) return bounded(`\`${method}()\` with a limit of ${k} gives at most ${k + 1} items.`);
    return receiver ? textSize(receiver, w) : UNKNOWN;
  }
  if (method === 'splitlines') return receiver ? textSize(receiver, w) : UNKNOWN;
  if (method && ['items', 'keys', 'values', 'copy'].includes(method)) {
    if (receiver?.text === 'os.environ') return bounded('`os.environ` holds the environment, a few variables.');
    return receiver ? next(receiver) : UNKNOWN;
  }
  if (method && LINE_SOURCES.test(method)) return grows(`It comes from \`${method}()\`: one item per record of its source.`);
  if (name && LINE_SOURCES.test(name)) return grows(`It comes from \`${name}()\`: one item per record of its source.`);
  return UNKNOWN;
}

/** A bound like `range(n)`: what `n` is. */
function boundSize(node: Node, w: Walk): Size {
  const n = unparenthesized(node);
  if (intValue(n) !== undefined) return bounded('It is a `range()` of literal bounds.');
  if (n.type === 'identifier') {
    const def = definitionOf(n, w.text);
    if (def?.kind === 'parameter') return UNKNOWN;
  }
  if (n.type === 'call' && calleeName(n) === 'len') return iterableSizeOf(callArguments(n.childForFieldName('arguments')).positional[0], w);
  return UNKNOWN;
}

function iterableSizeOf(node: Node | undefined, w: Walk): Size {
  return node ? itemsOf(node, { ...w, depth: w.depth + 1 }) : UNKNOWN;
}

/** A text split into items: a literal is bounded; a read of a file grows like the file. */
function textSize(node: Node, w: Walk): Size {
  const n = unparenthesized(node);
  if (stringValue(n)) return bounded('It splits a string literal.');
  if (n.type === 'call' && /^(?:read|read_text|read_bytes|readline)$/.test(methodName(n) ?? '')) {
    return grows('It splits the content of a file: as many items as the file has lines.');
  }
  if (n.type === 'identifier') {
    const def = definitionOf(n, w.text);
    if (def?.kind === 'parameter') return parameterSize(def, 'items', w);
    if (def?.kind === 'value') return textSize(def.value, { ...w, depth: w.depth + 1 });
  }
  return UNKNOWN;
}

function nameItems(n: Node, w: Walk, next: (x: Node | null | undefined) => Size): Size {
  const def = definitionOf(n, w.text);
  if (!def) return UNKNOWN;
  switch (def.kind) {
    case 'parameter':
      return parameterSize(def, 'items', w);
    case 'value': {
      const inner = next(def.value);
      if (inner.growth === 'bounded' && isModuleScope(scopeOf(def.binding)) && !isModuleScope(scopeOf(n))) {
        return bounded(`${code(n.text)} is a module-level constant: ${lowerFirst(inner.why ?? 'fixed in size.')}`);
      }
      return inner;
    }
    case 'with': {
      const v = unparenthesized(def.value);
      const callee = v.type === 'call' ? calleeName(v) : undefined;
      if (callee && /(?:^|\.)open$/.test(callee)) return grows('It iterates a file: one item per line, as many as the file has.');
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// ---- cache -----------------------------------------------------------------------------------------------------

const CACHE = new WeakMap<Tree, Map<string, Size>>();

const VIEWS = new WeakMap<object, number>();
let views = 0;

function cached(node: Node, kind: 'path' | 'items', env: SizeEnv, compute: () => Size): Size {
  let byNode = CACHE.get(node.tree);
  if (!byNode) CACHE.set(node.tree, (byNode = new Map()));
  let view = 0;
  if (env.project) {
    view = VIEWS.get(env.project) ?? VIEWS.set(env.project, ++views).get(env.project)!;
  }
  const key = `${kind}:${node.id}:${view}`;
  let size = byNode.get(key);
  if (!size) byNode.set(key, (size = compute()));
  return size;
}
