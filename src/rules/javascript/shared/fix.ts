// What every file-read fix shares: removing the declarations the content passed through, inserting the helper,
// checking that moved expressions still mean the same, and deciding safe vs unsafe.
// A fix moves the read from where it was to where the content is used, and runs the per-line code while the
// file is being read. It is safe when nothing observable can tell:
// - the declarations it removes come right before the use (at most with `const seen = [];`-like declarations
//   between), and the use is the first thing its statement evaluates (so no other code runs between the old and
//   the new moment of reading);
// - expressions now evaluated before the read (the `n` of `.slice(-n)`, a callback) have no side effects;
// - the code run per line does not write files (it could be writing the very file being read).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Edit, Fix, JsContext } from '../../../core/rule';
import { isFunction, isSimple, isTsWrapper, namesRead, parentOf, type Node, type Site } from './ast';
import { helperInsertion, fileInfo } from './insert';
import type { HelperId, IoMode } from './helpers';
import { resolve } from './scope';
import type { Usage } from './usage';
import { walk } from './visitor';

export interface FixRequest {
  context: JsContext;
  usage: Usage;
  helper: HelperId;
  title: string;
  /** Edits besides removing declarations and inserting the helper. */
  edits: Edit[];
  /** Expressions copied to the target: they must mean the same there (the path, the separator, arguments). */
  moved: Node[];
  /** Expressions that now run before the file is read instead of after. */
  early?: Node[];
  /** Names the fix declares where the moved expressions land (a loop variable). */
  declares?: string[];
  /** Code run for each line while the file is being read (a loop body, a callback). */
  perLine?: Node[];
  /** Reasons known up front for the fix to be unsafe. */
  unsafe?: string[];
}

export function textOf(context: JsContext, node: Node): string {
  return context.text.slice(node.range[0], node.range[1]);
}

/** The range that removes a whole statement line (its indentation and line break too, when it has the line to itself). */
export function statementRemoval(text: string, node: Node): Edit {
  let [start, end] = node.range;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) {
    const nl = text.indexOf('\n', end);
    const rest = text.slice(end, nl === -1 ? text.length : nl);
    if (/^[ \t\r]*$/.test(rest)) {
      start = lineStart;
      end = nl === -1 ? text.length : nl + 1;
    }
  }
  return { start, end, text: '' };
}

/** Evaluating `parent` evaluates `child` before anything with side effects. */
function firstIn(parent: Node, child: Node): boolean {
  const simpleBefore = (list: readonly (Node | null)[]) => {
    for (const item of list) {
      if (item === child) return true;
      if (item && !isSimple(item.type === 'SpreadElement' ? null : item)) return false;
    }
    return false;
  };
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === child || isSimple(parent.object);
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === child || (isSimple(parent.callee) && simpleBefore(parent.arguments));
    case 'AwaitExpression':
    case 'ChainExpression':
      return true;
    case 'UnaryExpression':
      return parent.operator !== 'delete';
    case 'BinaryExpression':
      return parent.left === child || isSimple(parent.left);
    case 'LogicalExpression':
      return parent.left === child;
    case 'ConditionalExpression':
      return parent.test === child;
    case 'AssignmentExpression':
      return parent.right === child && parent.left.type === 'Identifier';
    case 'VariableDeclarator':
      return parent.init === child;
    case 'VariableDeclaration':
      return simpleBefore(parent.declarations.map((d) => (d === child ? d : d.init)));
    case 'TemplateLiteral':
      return simpleBefore(parent.expressions);
    case 'ArrayExpression':
    case 'SequenceExpression':
      return simpleBefore('elements' in parent ? parent.elements : parent.expressions);
    case 'Property':
      return parent.value === child && (!parent.computed || isSimple(parent.key));
    case 'ObjectExpression':
      return simpleBefore(parent.properties.map((p) => (p === child ? p : p.type === 'Property' && !p.computed ? p.value : p)));
    case 'ExpressionStatement':
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'IfStatement':
      return parent.test === child;
    case 'SwitchStatement':
      return parent.discriminant === child;
    case 'ForOfStatement':
    case 'ForInStatement':
      return parent.right === child;
    default:
      return isTsWrapper(parent);
  }
}

/** A value built without side effects: simple expressions, and array / object literals of them (`const seen = [];`). */
function isPure(node: Node | null | undefined): boolean {
  if (!node || isSimple(node)) return true;
  if (node.type === 'ArrayExpression') return node.elements.every((e) => e?.type !== 'SpreadElement' && isPure(e));
  if (node.type === 'ObjectExpression') {
    return node.properties.every((p) => p.type === 'Property' && p.kind === 'init' && (!p.computed || isSimple(p.key)) && isPure(p.value));
  }
  return false;
}

/** `let`/`const` declarations of pure values: statements the read may move past unnoticed. */
function isPureDeclaration(stmt: Node): boolean {
  return stmt.type === 'VariableDeclaration' && stmt.kind !== 'var' && stmt.declarations.every((d) => d.id.type === 'Identifier' && isPure(d.init));
}

const LATER = 'the file is now read later, where its lines are used';

/** Why moving the read from its declaration to `target` could be noticed, if it could. */
function movedReadProblem(decls: Site[], target: Site): string | undefined {
  const owner = parentOf(decls[0]);
  if (!owner) return LATER;
  const list = owner.type === 'SwitchCase' ? owner.consequent : 'body' in owner && Array.isArray(owner.body) ? (owner.body as Node[]) : [];
  const first = list.indexOf(decls[0].node);
  // The statement holding the target must sit in the same list, after the declarations.
  const depth = decls[0].ancestors.length;
  if (first < 0 || target.ancestors[depth - 1] !== owner) return LATER;
  const stmt = target.ancestors[depth] ?? target.node;
  const last = list.indexOf(stmt);
  if (last <= first) return LATER;
  const removed = new Set(decls.map((d) => d.node));
  for (let i = first + 1; i < last; i++) {
    if (!removed.has(list[i]) && !isPureDeclaration(list[i])) return 'the file is now read later, after the statements in between';
  }
  if (decls.some((d) => parentOf(d) !== owner || list.indexOf(d.node) > last)) return LATER;
  // ...and evaluate the target before anything else.
  let child = target.node;
  for (let i = target.ancestors.length - 1; i >= depth; i--) {
    const parent = target.ancestors[i];
    if (!firstIn(parent, child)) return 'the file is now read later, after other code in its statement';
    child = parent;
  }
  return undefined;
}

const WRITES = /^(?:write|append|truncate|ftruncate|rename|unlink|rm|copy|cp|move|mkdir|symlink|link|chmod|chown|utimes|createWriteStream|exec|spawn|fork)/;

/** A call in `body` that may write files. */
function writesFiles(body: Node): boolean {
  let found = false;
  walk(body, {
    enter(node) {
      if (found) return false;
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const c = node.callee;
      const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : '';
      if (WRITES.test(name)) found = true;
    },
  });
  return found;
}

/** Wrap `expr` in parentheses when it replaces `node` under a parent that binds tighter than `await`. */
export function awaitInPlace(expr: string, site: Site, text: string): string {
  const parent = parentOf(site);
  if (!parent) return expr;
  const before = text.slice(0, site.node.range[0]).trimEnd();
  const after = text.slice(site.node.range[1]).trimStart();
  if (before.endsWith('(') && after.startsWith(')')) return expr; // already in parentheses
  const tight =
    (parent.type === 'MemberExpression' && parent.object === site.node) ||
    ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === site.node) ||
    (parent.type === 'TaggedTemplateExpression' && parent.tag === site.node) ||
    (parent.type === 'BinaryExpression' && parent.operator === '**' && parent.left === site.node);
  return tight ? `(${expr})` : expr;
}

/** The I/O flavour a fix uses: the read's. */
export function ioMode(usage: Usage): IoMode | undefined {
  return usage.read.mode === 'sync' ? 'sync' : usage.read.mode === 'async' ? 'async' : undefined;
}

export function buildFix(req: FixRequest): Fix | undefined {
  const { context, usage } = req;
  const mode = ioMode(usage);
  if (!mode || !usage.exact) return undefined;

  // The copied expressions must name the same things at the target.
  const names = new Set<string>();
  for (const n of req.moved) namesRead(n, names);
  for (const name of req.declares ?? []) if (names.has(name)) return undefined;
  const from = [...usage.read.call.ancestors, usage.read.call.node];
  for (const name of names) {
    if (resolve(name, from)?.id !== resolve(name, usage.target.ancestors)?.id) return undefined;
  }

  const reasons = [...(req.unsafe ?? [])];
  for (const n of req.early ?? []) {
    if (!isSimple(n)) reasons.push(`\`${textOf(context, n)}\` now runs before the file is read`);
  }
  if (usage.decls.length > 0) {
    const problem = movedReadProblem(usage.decls, usage.target);
    if (problem) reasons.push(problem);
  }
  if ((req.perLine ?? []).some(writesFiles)) reasons.push('the code run per line may write files while this one is being read');

  const insertion = helperInsertion(fileInfo(context.ast, context.text, context.language), req.helper, mode);
  if (!insertion) return undefined;
  const edits = [...usage.decls.map((d) => statementRemoval(context.text, d.node)), ...req.edits, ...insertion];
  return {
    title: reasons.length ? `${req.title} (unsafe: ${reasons[0]})` : req.title,
    safety: reasons.length ? 'unsafe' : 'safe',
    edits,
  };
}

/** A function expression that uses `this` or `arguments` of its own. */
export function usesOwnThisOrArguments(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): boolean {
  if (fn.type === 'ArrowFunctionExpression') return false;
  let found = false;
  walk(fn.body, {
    enter(node) {
      if (found || (isFunction(node) && node.type !== 'ArrowFunctionExpression')) return false;
      if (node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments')) found = true;
    },
  });
  return found;
}
