// Recognising file objects: calls that open a file (open, io.open, Path(...).open, gzip/bz2/lzma.open), the
// mode they open it in, names bound to them, and pathlib-like paths. Anything else (sockets, HTTP responses,
// pipes, io.StringIO, parameters of unknown type) is not a file here: rules stay quiet about what they cannot see.
import type { Node } from 'web-tree-sitter';
import { inherited, memoised, parentOf } from '../../../core/parsers/pythonTree';
import { isBuiltin } from './builtins';
import { argument, callArguments, unparenthesized, type CallArguments, inField } from './calls';
import { bindingsIn, reachingAssignment, soleBinding } from './flow';
import { within } from './identifiers';
import { statementOf } from './layout';
import { stringValue } from './literals';

/**
 * Where lines end when the file is iterated (and so where `readline()` stops):
 * `lf` at `\n` only (binary files; text files with `newline` None or '\n', after translating `\r\n` and `\r`);
 * `any` at `\r`, `\n` or `\r\n`, untranslated (`newline=''`); `cr` at `\r`; `crlf` at `\r\n`; `unknown` otherwise.
 */
export type NewlineMode = 'lf' | 'any' | 'cr' | 'crlf' | 'unknown';

export interface FileMode {
  /** True for bytes, false for str, undefined when the mode is not a literal. */
  binary: boolean | undefined;
  newline: NewlineMode;
  /** Whether reading may raise UnicodeDecodeError: not for bytes, nor for text whose `errors` never raises or whose encoding decodes every byte. */
  decodeMayRaise: boolean;
}

export interface OpenedFile {
  /** The call that opens the file. */
  call: Node;
  mode: FileMode;
  /** The path: the first argument of open(), or the receiver of Path.open(). */
  path?: Node;
}

interface Opener {
  /** Positional index of `mode`, `encoding`, `errors` and `newline` (-1: keyword only). */
  modeAt: number;
  encodingAt: number;
  errorsAt: number;
  newlineAt: number;
  /** gzip, bz2 and lzma open in binary unless the mode has a `t`. */
  binaryByDefault: boolean;
}

const BUILTIN_OPEN: Opener = { modeAt: 1, encodingAt: 3, errorsAt: 4, newlineAt: 5, binaryByDefault: false };
const PATH_OPEN: Opener = { modeAt: 0, encodingAt: 2, errorsAt: 3, newlineAt: 4, binaryByDefault: false };
const MODULE_OPENERS: Record<string, Opener> = {
  io: BUILTIN_OPEN,
  gzip: { modeAt: 1, encodingAt: 3, errorsAt: 4, newlineAt: 5, binaryByDefault: true },
  bz2: { modeAt: 1, encodingAt: 3, errorsAt: 4, newlineAt: 5, binaryByDefault: true },
  lzma: { modeAt: 1, encodingAt: -1, errorsAt: -1, newlineAt: -1, binaryByDefault: true },
};

/** Error handlers under which decoding never raises (`xmlcharrefreplace` and `namereplace` only encode). */
const LENIENT_ERRORS = new Set(['ignore', 'replace', 'surrogateescape', 'backslashreplace']);
/** Latin-1 under the names Python accepts, lowercased without `-`, `_` and spaces: it decodes every byte. */
const EVERY_BYTE = new Set(['latin1', 'latin', 'l1', 'iso88591', '8859', 'cp819']);

/** Whether decoding text opened with these `encoding` and `errors` arguments may raise UnicodeDecodeError. */
export function decodingMayRaise(encoding: Node | undefined, errors: Node | undefined): boolean {
  const handler = errors && errors.type !== 'none' ? stringValue(errors) : undefined;
  if (handler && !handler.bytes && LENIENT_ERRORS.has(handler.value)) return false;
  const codec = encoding && encoding.type !== 'none' ? stringValue(encoding) : undefined;
  return !(codec && !codec.bytes && EVERY_BYTE.has(codec.value.toLowerCase().replace(/[-_ ]/g, '')));
}

const NEWLINES: Record<string, NewlineMode> = { '': 'any', '\n': 'lf', '\r': 'cr', '\r\n': 'crlf' };

function modeOf(args: CallArguments, opener: Opener): FileMode {
  if (args.splat) return { binary: undefined, newline: 'unknown', decodeMayRaise: true };
  const modeArg = argument(args, opener.modeAt, 'mode');
  let binary: boolean | undefined = opener.binaryByDefault;
  if (modeArg) {
    const mode = stringValue(modeArg);
    binary = mode && !mode.bytes ? (opener.binaryByDefault ? !mode.value.includes('t') : mode.value.includes('b')) : undefined;
  }
  if (binary) return { binary, newline: 'lf', decodeMayRaise: false };
  const newlineArg = argument(args, opener.newlineAt, 'newline');
  let newline: NewlineMode = 'lf';
  if (newlineArg && newlineArg.type !== 'none') {
    const value = stringValue(newlineArg);
    newline = value && !value.bytes ? (NEWLINES[value.value] ?? 'unknown') : 'unknown';
  }
  // An unknown mode may be binary, where lines end at \n whatever `newline` says; text needs `newline` known.
  const decoding = decodingMayRaise(argument(args, opener.encodingAt, 'encoding'), argument(args, opener.errorsAt, 'errors'));
  return { binary, newline, decodeMayRaise: decoding };
}

/** A path argument that names a pipe or a descriptor rather than a regular file: `open(0)`, `open(fd.fileno())`, `/dev/stdin`. */
function notARegularFile(path: Node | undefined): boolean {
  if (!path) return true;
  const p = unparenthesized(path);
  if (p.type === 'integer') return true;
  if (p.type === 'call' && /\.fileno$/.test(p.childForFieldName('function')?.text ?? '')) return true;
  const literal = stringValue(p);
  return !!literal && /^\/(dev|proc\/self\/fd)\//.test(literal.value);
}

const OPEN_CALL = {};

/** `open(...)`, `io.open(...)`, `gzip.open(...)` (and bz2, lzma), `<path>.open(...)`: the file it opens, if it is one (once per node). */
export function openCall(node: Node, text: string): OpenedFile | undefined {
  return memoised(OPEN_CALL, node, () => opening(node, text));
}

function opening(node: Node, text: string): OpenedFile | undefined {
  const call = unparenthesized(node);
  if (call.type !== 'call') return undefined;
  const fn = call.childForFieldName('function');
  const args = callArguments(call.childForFieldName('arguments'));
  if (fn?.type === 'identifier' && fn.text === 'open' && isBuiltin(fn, text)) {
    const path = args.positional[0] ?? args.keywords.get('file');
    if (notARegularFile(path)) return undefined;
    return { call, mode: modeOf(args, BUILTIN_OPEN), path };
  }
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'open') {
    const object = fn.childForFieldName('object')!;
    const opener = object.type === 'identifier' ? MODULE_OPENERS[object.text] : undefined;
    if (opener) {
      const path = args.positional[0] ?? args.keywords.get(object.text === 'io' ? 'file' : 'filename');
      if (notARegularFile(path)) return undefined;
      return { call, mode: modeOf(args, opener), path };
    }
    if (isPathLike(object, text)) return { call, mode: modeOf(args, PATH_OPEN), path: object };
  }
  return undefined;
}

const PATH_CLASSES = new Set(['Path', 'PurePath', 'PosixPath', 'WindowsPath', 'PurePosixPath', 'PureWindowsPath']);
/** Path methods that return a path. */
const PATH_METHODS = new Set(['joinpath', 'with_name', 'with_suffix', 'with_stem', 'resolve', 'absolute', 'expanduser', 'relative_to', 'with_segments']);
/** Path methods that yield paths, for `for p in root.glob(...)`. */
const PATH_ITERATORS = new Set(['glob', 'rglob', 'iterdir']);

function isPathClass(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return PATH_CLASSES.has(node.text);
  if (node.type === 'attribute') return node.childForFieldName('object')?.text === 'pathlib' && PATH_CLASSES.has(node.childForFieldName('attribute')?.text ?? '');
  return false;
}

/** A type annotation naming a path class (`Path`, `pathlib.Path`). */
function isPathAnnotation(type: Node | null): boolean {
  const inner = type?.type === 'type' ? type.namedChild(0) : type;
  return isPathClass(inner ?? null);
}

/**
 * Whether `node` evaluates to a pathlib path: `Path(...)`, `Path.home()`, `p / "x"`, `p.parent`, `p.with_suffix(...)`,
 * or a name bound once in its scope to one of those (or annotated as one, or looping over `p.glob(...)`).
 */
export function isPathLike(node: Node, text: string, depth = 0): boolean {
  if (depth > 6) return false;
  const n = unparenthesized(node);
  switch (n.type) {
    case 'call': {
      const fn = n.childForFieldName('function');
      if (isPathClass(fn)) return true;
      if (fn?.type !== 'attribute') return false;
      const object = fn.childForFieldName('object')!;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (isPathClass(object)) return method === 'home' || method === 'cwd';
      return PATH_METHODS.has(method) && isPathLike(object, text, depth + 1);
    }
    case 'binary_operator':
      return n.childForFieldName('operator')?.text === '/' && isPathLike(n.childForFieldName('left')!, text, depth + 1);
    case 'attribute':
      return n.childForFieldName('attribute')?.text === 'parent' && isPathLike(n.childForFieldName('object')!, text, depth + 1);
    case 'identifier': {
      const binding = soleBinding(n, text);
      if (!binding) return false;
      const p = parentOf(binding)!;
      if (p.type === 'assignment' && inField(p, 'left', binding)) return isPathLike(p.childForFieldName('right')!, text, depth + 1);
      if (p.type === 'typed_parameter') return isPathAnnotation(p.childForFieldName('type'));
      if (p.type === 'typed_default_parameter' && inField(p, 'name', binding)) return isPathAnnotation(p.childForFieldName('type'));
      if ((p.type === 'for_statement' || p.type === 'for_in_clause') && inField(p, 'left', binding)) {
        const iterable = unparenthesized(p.childForFieldName('right')!);
        const fn = iterable.type === 'call' ? iterable.childForFieldName('function') : null;
        return fn?.type === 'attribute' && PATH_ITERATORS.has(fn.childForFieldName('attribute')?.text ?? '') && isPathLike(fn.childForFieldName('object')!, text, depth + 1);
      }
      return false;
    }
    default:
      return false;
  }
}

/** An open file object the code names: inline (`open(p).read()`) or through a variable (`f.read()`). */
export interface FileHandle {
  opened: OpenedFile;
  /** How generated code refers to the file object: `f`, or the `open(p)` call itself when opened inline. */
  expr: string;
  /**
   * For a variable: its name, the identifier that binds it, and where that binding holds: the block (or `with`
   * body, or scope) around it, up to `until` (the next binding of the name, or the block's end).
   */
  variable?: { name: string; binding: Node; region: Node; until: number };
}

const DEFINITIONS = new Set(['function_definition', 'lambda', 'class_definition']);
const NEAREST_DEFINITION = {};

/** The nearest function, lambda or class around `node` (once per node). */
function nearestDefinition(node: Node): Node | null {
  return inherited<Node | null>(NEAREST_DEFINITION, node, (_n, p) => (!p ? { value: null } : DEFINITIONS.has(p.type) ? { value: p } : { from: p }));
}

/** `as f` in `with open(p) as f:` (also parenthesised): the opening call it binds, if any. */
function withItemBinding(item: Node, name: string): { value: Node; alias: Node } | undefined {
  const v = item.childForFieldName('value');
  const pattern = v ? unparenthesized(v) : null;
  if (pattern?.type !== 'as_pattern') return undefined;
  const alias = pattern.childForFieldName('alias');
  const id = alias?.type === 'as_pattern_target' ? alias.namedChild(0) : alias;
  if (id?.type !== 'identifier' || id.text !== name) return undefined;
  return { value: pattern.namedChild(0)!, alias: id };
}

const WITH_BINDINGS = new Map<string, object>();

/**
 * What `with ...:` (its body `body`) binds `name` to: `unbound` when none of its items binds the name, else the
 * file it opens (undefined when it is not a file, or the body rebinds the name). Once per statement and name.
 */
function withBinding(statement: Node, body: Node, name: string, text: string): FileHandle | undefined | 'unbound' {
  let key = WITH_BINDINGS.get(name);
  if (!key) WITH_BINDINGS.set(name, (key = {}));
  return memoised<FileHandle | undefined | 'unbound'>(key, statement, () => {
    const clause = statement.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      const bound = item?.type === 'with_item' ? withItemBinding(item, name) : undefined;
      if (!bound) continue;
      const opened = openCall(bound.value, text);
      if (!opened) return undefined;
      const rebound = bindingsIn(statement.tree.rootNode, text, name, body.startIndex, body.endIndex).length > 0;
      return rebound ? undefined : { opened, expr: name, variable: { name, binding: bound.alias, region: body, until: body.endIndex } };
    }
    return 'unbound';
  });
}

/**
 * The file `receiver` (the `f` of `f.read()`) is, if it is one: an opening call, a name bound by the innermost
 * `with open(...) as name:` around it (and not rebound inside), or a name bound once in its scope by
 * `name = open(...)`.
 */
export function fileOf(receiver: Node, text: string): FileHandle | undefined {
  const r = unparenthesized(receiver);
  if (r.type === 'call') {
    const opened = openCall(r, text);
    return opened && { opened, expr: r.text };
  }
  if (r.type !== 'identifier') return undefined;
  const name = r.text;
  // The `with` blocks around the receiver, up to its function or class: statements, so only as many as the code's
  // indentation levels (found from the receiver's statement, not by climbing its expression).
  const statement = statementOf(r);
  const boundary = nearestDefinition(r);
  const beyond = boundary && statement ? statementOf(boundary)?.id === statement.id : false;
  for (let p = beyond ? null : statement ? parentOf(statement) : parentOf(r); p; p = parentOf(p)) {
    if (DEFINITIONS.has(p.type)) break;
    if (p.type !== 'with_statement') continue;
    const body = p.childForFieldName('body');
    if (!body || !within(r, body)) continue;
    const bound = withBinding(p, body, name, text);
    if (bound !== 'unbound') return bound;
  }
  const reaching = reachingAssignment(r, text);
  if (!reaching) return undefined;
  const opened = openCall(parentOf(reaching.binding)!.childForFieldName('right')!, text);
  return opened && { opened, expr: name, variable: { name, ...reaching } };
}
