// Where a value comes from, read off the AST: the command line, the environment, a request, a directory walk, a
// stream, a command's output, a read of a file, a parsed document, another module; and what a name holds (its
// value, unless the program reassigns it or fills it later). The recognisers size.ts builds its answers on.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { siteOf } from './ast';
import { fsValueOf } from './fs-module';
import { methodOf, propertyName, unwrap } from './nodes';
import { references, resolve, type Binding } from './scope';
import type { Node } from './walk';

/** The callee as written when it is a name or a dotted chain of names (`fs.promises.readdir`), else undefined. */
export function calleeText(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const parts: string[] = [];
  let c: Node = unwrap(call.callee);
  for (let i = 0; i < 6; i++) {
    if (c.type === 'Identifier') {
      parts.unshift(c.name);
      return parts.join('.');
    }
    if (c.type !== 'MemberExpression') return undefined;
    const name = propertyName(c);
    if (name === undefined) return undefined;
    parts.unshift(name);
    c = unwrap(c.object);
  }
  return undefined;
}
/** The callee's dotted name, or at least its last property (`execSync` of `require('child_process').execSync`). */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const callee = unwrap(call.callee);
  return calleeText(call) ?? (callee.type === 'MemberExpression' ? propertyName(callee) : undefined) ?? '';
}

// ---- names ---------------------------------------------------------------------------------------------------------

export function bindingOf(id: TSESTree.Identifier): Binding | undefined {
  return resolve(id.name, siteOf(id).ancestors);
}

/** What is known of a binding's references, by its declaring identifier: asked once per name, not once per use. */
const REASSIGNED = new WeakMap<Node, boolean>();
const FILLED = new WeakMap<Node, boolean>();

function once(cache: WeakMap<Node, boolean>, b: Binding, compute: () => boolean): boolean {
  let known = cache.get(b.id);
  if (known === undefined) cache.set(b.id, (known = compute()));
  return known;
}

/** A `let`/`var` assigned again after its declaration: its first value says nothing. */
export function reassigned(b: Binding): boolean {
  if (b.kind === 'const') return false;
  return once(REASSIGNED, b, () => references(b).some((r) => {
    const p = r.ancestors[r.ancestors.length - 1];
    return (p?.type === 'AssignmentExpression' && p.left === r.node) || p?.type === 'UpdateExpression' || ((p?.type === 'ForOfStatement' || p?.type === 'ForInStatement') && p.left === r.node);
  }));
}

const MUTATORS = new Set(['push', 'unshift', 'splice', 'concat', 'fill', 'set', 'add', 'copyWithin']);

/** A literal bound to a name grows when the program adds to it (`out.push(x)`, `out[k] = v`) or hands it to code that may. */
export function filledLater(b: Binding): boolean {
  return once(FILLED, b, () => references(b).some((r) => {
    const p = r.ancestors[r.ancestors.length - 1];
    if (!p) return false;
    if (p.type === 'MemberExpression' && p.object === r.node) {
      const g = r.ancestors[r.ancestors.length - 2];
      if (g?.type === 'AssignmentExpression' && g.left === p) return true;
      const name = propertyName(p);
      return g?.type === 'CallExpression' && g.callee === p && (name === undefined || MUTATORS.has(name));
    }
    if (p.type === 'CallExpression' || p.type === 'NewExpression') return p.arguments.includes(r.node as TSESTree.CallExpressionArgument);
    if (p.type === 'AssignmentExpression' && p.right === r.node) return true;
    return false;
  }));
}

/** The value a name was given (`const x = value`), when it keeps it; for destructuring, the object it came from. */
export function valueOf(b: Binding): { value: Node; part: boolean } | undefined {
  const d = b.declarator;
  if (d.type !== 'VariableDeclarator' || !d.init || reassigned(b)) return undefined;
  return { value: d.init, part: d.id !== b.id };
}

export function isModuleLevel(b: Binding): boolean {
  return b.scope.type === 'Program';
}

/** `for (const name of <iterable>)`: the iterable, when `b` is the loop's variable. */
export function loopIterable(b: Binding): Node | undefined {
  const s = b.scope;
  return (s.type === 'ForOfStatement' || s.type === 'ForInStatement') && s.left.type === 'VariableDeclaration' ? s.right : undefined;
}

// ---- sources -------------------------------------------------------------------------------------------------------

export const WALKERS = /(?:^|\.)(?:globSync|glob|globby|globbySync|fastGlob|fg|walk|walkSync|readdirp|klaw|klawSync)$|^glob\.sync$/;
export const READDIR = /(?:^|\.)(?:readdirSync|readdir|opendirSync|opendir)$/;
export const STREAMS = /(?:^|\.)(?:createInterface|createReadStream)$/;
export const COMMANDS = /(?:^|\.)(?:execSync|execFileSync)$/;
export const OUTPUTS = new Set(['stdout', 'stderr']);
/** An HTTP request or an upload, by the name the code gives it: `req.file`, `request.files`, `ctx.request.body`, `upload`. */
export const REQUEST = /^(?:req|request|ctx\.request|upload|uploaded|uploadedFile)(?:$|\.)/i;
export const TEXT_PASSES = new Set(['trim', 'trimStart', 'trimEnd', 'toString', 'toLowerCase', 'toUpperCase', 'normalize', 'replace', 'replaceAll']);
export const ITEM_PASSES = new Set(['slice', 'filter', 'map', 'flatMap', 'flat', 'sort', 'toSorted', 'reverse', 'toReversed', 'values', 'keys', 'entries', 'concat']);

/** `process.argv` (possibly through a `const argv = process.argv`). */
export function isArgv(n: Node): boolean {
  const u = unwrap(n);
  if (u.type === 'MemberExpression' && propertyName(u) === 'argv' && unwrap(u.object).type === 'Identifier' && (unwrap(u.object) as TSESTree.Identifier).name === 'process') return true;
  if (u.type === 'CallExpression') {
    const m = methodOf(u);
    return m?.name === 'slice' && isArgv(m.member.object);
  }
  return false;
}

export function isProcessMember(n: Node, member: string): boolean {
  const u = unwrap(n);
  return u.type === 'MemberExpression' && propertyName(u) === member && unwrap(u.object).type === 'Identifier' && (unwrap(u.object) as TSESTree.Identifier).name === 'process';
}

/** Mentions `__dirname`, `__filename` or `import.meta.url|dirname|filename`: a path into the package itself. */
export function mentionsModuleDir(n: Node, budget = { left: 60 }): boolean {
  if (budget.left-- <= 0) return false;
  if (n.type === 'Identifier') return n.name === '__dirname' || n.name === '__filename';
  if (n.type === 'MetaProperty') return true;
  if (n.type === 'MemberExpression') return mentionsModuleDir(n.object, budget);
  if (n.type === 'CallExpression' || n.type === 'NewExpression') return [n.callee, ...n.arguments].some((a) => mentionsModuleDir(a, budget));
  if (n.type === 'TemplateLiteral') return n.expressions.some((e) => mentionsModuleDir(e, budget));
  if (n.type === 'BinaryExpression') return mentionsModuleDir(n.left, budget) || mentionsModuleDir(n.right, budget);
  return false;
}

/** A whole read of a file (`fs.readFileSync(p)`, `await fsp.readFile(p)`): its path argument. */
export function readPath(n: Node): Node | undefined {
  const u = unwrap(n);
  const call = u.type === 'AwaitExpression' ? unwrap(u.argument) : u;
  if (call.type !== 'CallExpression' || call.arguments.length === 0) return undefined;
  const fn = fsValueOf(call.callee, siteOf(call).ancestors);
  return fn && (fn.member === 'readFileSync' || fn.member === 'readFile') ? call.arguments[0] : undefined;
}

/** The identifier a member chain starts at: `opts` of `opts.files.log`. */
export function rootIdentifier(n: Node): TSESTree.Identifier | undefined {
  let u = unwrap(n);
  for (let i = 0; i < 8 && u.type === 'MemberExpression'; i++) u = unwrap(u.object);
  return u.type === 'Identifier' ? u : undefined;
}
/** `yargs(...).argv`, `parseArgs(...)`, `minimist(...)`, `program.opts()`: parsed command-line options. */
export function commandLine(value: Node): boolean {
  let u = unwrap(value);
  if (u.type === 'AwaitExpression') u = unwrap(u.argument);
  if (u.type === 'MemberExpression' && propertyName(u) === 'argv') return true;
  if (u.type !== 'CallExpression') return false;
  const name = calleeText(u) ?? (u.callee.type === 'MemberExpression' ? propertyName(u.callee) : undefined) ?? '';
  return /(?:^|\.)(?:parseArgs|minimist|mri|arg|opts|parseSync)$/.test(name);
}
/** `readdirSync(d, { recursive: true })` */
export function recursive(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  return options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'recursive' && p.value.type === 'Literal' && p.value.value === true);
}
export function isJsonParse(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'CallExpression' && calleeText(u) === 'JSON.parse';
}
export function isRequire(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'CallExpression' && u.callee.type === 'Identifier' && u.callee.name === 'require';
}
