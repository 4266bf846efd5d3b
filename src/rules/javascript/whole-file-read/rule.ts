import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type Edit, type Fix, type JsContext } from '../../../core/rule';
import { isFunction, isIdentifier, namesRead, parentOf, siteOf, type Node } from '../shared/ast';
import { analyzeReads } from '../shared/analysis';
import { reportFlow, streamsThroughFlow } from '../shared/flows';
import { readSpan } from '../shared/reads';
import { sizeEnv } from '../shared/resolver';
import { pathSize } from '../shared/size';
import { buildFix, ioMode, statementRemoval, textOf, usesOwnThisOrArguments } from '../shared/fix';
import { helperName } from '../shared/helpers';
import { keptPerLine, type LineLoop } from '../shared/kept';
import { patternIds, resolve } from '../shared/scope';
import type { LinesOp, Usage } from '../shared/usage';
import { walk } from '../shared/visitor';

type LinesUsage = Extract<Usage, { rule: 'whole-file-read' }>;

const VERB: Record<LinesOp, string> = {
  'for-of': 'loops over its lines',
  'for-index': 'loops over its lines',
  forEach: 'loops over its lines',
  map: 'maps its lines',
  flatMap: 'maps its lines',
  reduce: 'folds its lines',
  reduceRight: 'folds its lines',
  filter: 'filters its lines',
  some: 'searches its lines',
  every: 'checks every line',
  find: 'searches its lines',
  findIndex: 'searches its lines',
  findLast: 'searches its lines',
  findLastIndex: 'searches its lines',
  includes: 'searches its lines',
  indexOf: 'searches its lines',
  lastIndexOf: 'searches its lines',
};

/** Global functions that take at most two arguments, so `Array.from`'s (value, index) is all they see. */
const TWO_ARGUMENT_GLOBALS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat']);

/** `for (const line of <lines>)` → `for (const line of memlintReadLinesSync(path, sep))` (`for await` when the read was awaited). */
function forOfFix(context: JsContext, u: LinesUsage, call: string, name: string): Fix | undefined {
  const loop = parentOf(u.target) as TSESTree.ForOfStatement;
  const edits = [{ start: u.target.node.range[0], end: u.target.node.range[1], text: call }];
  if (ioMode(u) === 'async') {
    if (!context.text.startsWith('for', loop.range[0])) return undefined;
    edits.push({ start: loop.range[0] + 3, end: loop.range[0] + 3, text: ' await' });
  }
  return buildFix({ context, usage: u, helper: 'readLines', title: `Read the lines in chunks with ${name}()`, edits, moved: [u.read.path, u.separator.node], perLine: [loop.body] });
}

/**
 * `for (let i = 0; i < lines.length; i++) { const line = lines[i]; ... }` →
 * `for (const line of memlintReadLinesSync(path, sep)) { ... }`: the same lines in the same order. The body's
 * first statement names the line when it is `const line = lines[i];`; else every `lines[i]` becomes `line` (or
 * another name free in the file).
 */
function indexLoopFix(context: JsContext, u: LinesUsage, call: string, name: string): Fix | undefined {
  const counted = u.loop;
  if (!counted) return undefined;
  const { loop, items } = counted;
  const body = loop.body;
  const edits: Edit[] = [];
  let item: string | undefined;
  const first = body.type === 'BlockStatement' ? body.body[0] : undefined;
  if (first?.type === 'VariableDeclaration' && first.kind === 'const' && first.declarations.length === 1) {
    const d = first.declarations[0];
    if (d.id.type === 'Identifier' && !d.id.typeAnnotation && d.init === items[0]) {
      const declared = d.id;
      // Every other `lines[i]` becomes this name: it must mean this declaration there too.
      if (!items.slice(1).every((m) => resolve(declared.name, siteOf(m).ancestors)?.id === declared)) return undefined;
      item = declared.name;
      edits.push(statementRemoval(context.text, first));
    }
  }
  // A name the loop does not mention: declaring it there hides nothing the loop uses.
  const taken = namesRead(loop);
  item ??= ['line', 'lineText', 'currentLine'].find((n) => !taken.has(n));
  if (!item) return undefined;
  for (const m of items) if (!(edits.length && m === items[0])) edits.push({ start: m.range[0], end: m.range[1], text: item });
  const awaited = ioMode(u) === 'async' ? 'await ' : '';
  edits.push({ start: loop.range[0], end: body.range[0], text: `for ${awaited}(const ${item} of ${call}) ` });
  return buildFix({
    context,
    usage: u,
    helper: 'readLines',
    title: `Loop over the lines read in chunks with ${name}()`,
    edits,
    moved: [u.read.path, u.separator.node],
    declares: [item],
    perLine: [body],
  });
}

/** `return;` statements of a callback's body (nested functions aside), and whether one sits inside a loop of its own. */
function callbackReturns(body: Node): { returns: TSESTree.ReturnStatement[]; blocked: boolean } {
  const returns: TSESTree.ReturnStatement[] = [];
  let blocked = false;
  const loops: Node[] = [];
  walk(body, {
    enter(node) {
      // `var` and function declarations would change scope once the body is a loop's.
      if (node.type === 'FunctionDeclaration' || (node.type === 'VariableDeclaration' && node.kind === 'var')) blocked = true;
      if (isFunction(node) || node.type === 'ClassBody') return false;
      if (/^(?:For|ForIn|ForOf|While|DoWhile)Statement$/.test(node.type) || node.type === 'LabeledStatement') loops.push(node);
      if (node.type === 'ReturnStatement') {
        if (node.argument || loops.length > 0) blocked = true;
        returns.push(node);
      }
    },
    leave(node) {
      if (loops[loops.length - 1] === node) loops.pop();
    },
  });
  return { returns, blocked };
}

/** Whether `names` are assigned anywhere in `body`. */
function assignsTo(body: Node, names: string[]): boolean {
  let found = false;
  walk(body, {
    enter(node) {
      if (found) return false;
      const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
      if (target && patternIds(target as Node).some((id) => names.includes(id.name))) found = true;
      if (target && isIdentifier(target) && names.includes(target.name)) found = true;
    },
  });
  return found;
}

/** `<lines>.forEach((line) => { ... });` → `for (const line of memlintReadLinesSync(path, sep)) { ... }`. */
function forEachFix(context: JsContext, u: LinesUsage, call: string, name: string): Fix | undefined {
  const stmt = parentOf(u.target);
  const cb = u.call?.arguments[0];
  if (stmt?.type !== 'ExpressionStatement' || u.call?.arguments.length !== 1 || !cb) return undefined;
  if (cb.type !== 'ArrowFunctionExpression' && cb.type !== 'FunctionExpression') return undefined;
  if (cb.async || cb.generator || cb.params.length !== 1 || usesOwnThisOrArguments(cb)) return undefined;
  const param = cb.params[0];
  if (param.type !== 'Identifier' && param.type !== 'ObjectPattern' && param.type !== 'ArrayPattern') return undefined;
  if (param.type === 'Identifier' && param.optional) return undefined;
  const paramEnd = param.typeAnnotation ? param.typeAnnotation.range[0] : param.range[1];
  const binding = context.text.slice(param.range[0], paramEnd).trimEnd();
  const declared = patternIds(param).map((id) => id.name);

  let body: string;
  if (cb.body.type === 'BlockStatement') {
    const { returns, blocked } = callbackReturns(cb.body);
    if (blocked) return undefined;
    // `return;` ends one call of the callback: in a loop, `continue;`.
    let at = cb.body.range[0];
    body = '';
    for (const r of returns) {
      const semi = context.text[r.range[1] - 1] === ';' ? ';' : '';
      body += context.text.slice(at, r.range[0]) + `continue${semi}`;
      at = r.range[1];
    }
    body += context.text.slice(at, cb.body.range[1]);
  } else {
    const expr = textOf(context, cb.body);
    const needsParens = /^(?:\{|function\b|class\b|let\s*\[|async\s+function\b)/.test(expr) || cb.body.type === 'ObjectExpression';
    body = `${needsParens ? `(${expr})` : expr};`;
  }
  const keyword = assignsTo(cb.body, declared) ? 'let' : 'const';
  const loop = `for ${ioMode(u) === 'async' ? 'await ' : ''}(${keyword} ${binding} of ${call}) ${body}`;
  return buildFix({
    context,
    usage: u,
    helper: 'readLines',
    title: `Loop over the lines read in chunks with ${name}()`,
    edits: [{ start: stmt.range[0], end: stmt.range[1], text: loop }],
    moved: [u.read.path, u.separator.node],
    declares: declared,
    perLine: [cb.body],
  });
}

/** `<lines>.map(fn)` → `Array.from(memlintReadLinesSync(path, sep), fn)`: Array.from passes (line, index), as map does. */
function mapFix(context: JsContext, u: LinesUsage, call: string, name: string): Fix | undefined {
  const args = u.call?.arguments ?? [];
  if (ioMode(u) !== 'sync' || args.length < 1 || args.length > 2) return undefined;
  if (resolve('Array', u.target.ancestors)) return undefined;
  const cb = args[0];
  const unsafe: string[] = [];
  if (cb.type === 'ArrowFunctionExpression' || cb.type === 'FunctionExpression') {
    if (cb.params.length > 2 || cb.params.some((p) => p.type === 'RestElement') || usesOwnThisOrArguments(cb)) unsafe.push("the callback may read map's third argument, the array");
  } else if (!(isIdentifier(cb) && TWO_ARGUMENT_GLOBALS.has(cb.name) && !resolve(cb.name, u.target.ancestors))) {
    unsafe.push("the callback may read map's third argument, the array");
  }
  const rest = args.map((a) => textOf(context, a)).join(', ');
  return buildFix({
    context,
    usage: u,
    helper: 'readLines',
    title: `Map the lines as they are read, with Array.from(${name}())`,
    edits: [{ start: u.target.node.range[0], end: u.target.node.range[1], text: `Array.from(${call}, ${rest})` }],
    moved: [u.read.path, u.separator.node, ...args],
    early: args,
    perLine: isFunction(cb) ? [cb.body] : [],
    unsafe,
  });
}

function fixesFor(context: JsContext, u: LinesUsage): Fix[] {
  const mode = ioMode(u);
  if (!mode) return [];
  const name = helperName('readLines', mode);
  const call = `${name}(${textOf(context, u.read.path)}, ${textOf(context, u.separator.node)})`;
  const fix =
    u.op === 'for-of' ? forOfFix(context, u, call, name)
    : u.op === 'for-index' ? indexLoopFix(context, u, call, name)
    : u.op === 'forEach' ? forEachFix(context, u, call, name)
    : u.op === 'map' ? mapFix(context, u, call, name)
    : undefined;
  return fix ? [fix] : [];
}

/** The loop over the lines, for asking whether it keeps an item per line: its body and the names that hold the line. */
function lineLoop(u: LinesUsage): LineLoop | undefined {
  if (u.op === 'for-of') {
    const loop = parentOf(u.target) as TSESTree.ForOfStatement;
    const names = new Set((loop.left.type === 'VariableDeclaration' ? loop.left.declarations.flatMap((d) => patternIds(d.id)) : patternIds(loop.left)).map((id) => id.name));
    return { body: loop.body, names, callback: false };
  }
  if (u.op === 'forEach') {
    const cb = u.call?.arguments[0];
    if (!isFunction(cb)) return undefined;
    return { body: cb.body, names: new Set(patternIds(cb.params[0]).map((id) => id.name)), callback: true };
  }
  if (u.op === 'for-index' && u.loop) {
    const { loop, index, items } = u.loop;
    const names = new Set([index.name]);
    const first = loop.body.type === 'BlockStatement' ? loop.body.body[0] : undefined;
    if (first?.type === 'VariableDeclaration') for (const d of first.declarations) if (d.init === items[0]) for (const id of patternIds(d.id)) names.add(id.name);
    return { body: loop.body, names, callback: false };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'whole-file-read',
    family: 'javascript',
    description: 'Reads a whole file into memory and then processes it line by line or searches it.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: JsContext) {
    const { usages, others } = analyzeReads(context.ast, context.text);
    const env = sizeEnv(context);
    for (const u of usages) {
      if (u.rule !== 'whole-file-read') continue;
      const { name } = u.read;
      context.report({
        ...readSpan(u.read),
        message: `\`${name}\` reads the whole file into memory, then ${VERB[u.op]}: stream the lines instead.`,
        fixes: fixesFor(context, u),
        size: pathSize(u.read.path, env),
        discount: keptPerLine(u.op, lineLoop(u), context.text),
      });
    }
    for (const read of others) {
      if (reportFlow(context, read, ['iterate', 'search'], 'process it line by line', 'Stream the lines instead')) continue;
      if (!context.settings.strict || streamsThroughFlow(read, context)) continue;
      context.report({
        ...readSpan(read),
        message: `\`${read.name}\` reads the whole file into memory at once (strict mode: every unbounded read).`,
        severity: 'hint',
        size: pathSize(read.path, env),
      });
    }
  },
});
