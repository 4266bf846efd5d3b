// accumulating-spread: a reduce (or a loop) that copies its accumulator on every step:
//   xs.reduce((acc, x) => [...acc, x], [])              n copies of a growing array: O(n²)
//   xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), {})  the same with objects
//   for (const x of xs) out = [...out, x];
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type Fix, type JsContext, type Report, type Size } from '../../../core/rule';
import { exprText, isFunction, isIdentifier, isStaticCall, methodOf, returnedValues, unwrap, withParens, type FunctionNode } from '../shared/nodes';
import { sizeEnv } from '../shared/resolver';
import { isReference } from '../shared/scope';
import { itemsSize, strongest, type SizeEnv } from '../shared/size';
import { walk, type Node } from '../shared/visitor';
import { indexAst } from '../shared/walk';
import { addedCollections, copyOf, grows, isFreshLiteral, restText, type Copy } from './copies';
import { objectAssignments } from './keys';

const REDUCE = ['reduce', 'reduceRight'];
/** Callbacks of these methods run once per element: a copy inside one is a copy per element. */
const ITERATING = ['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight'];
/** Methods that read the accumulator without keeping a reference to it. */
const READ_METHODS = ['includes', 'indexOf', 'lastIndexOf', 'at', 'join', 'slice', 'hasOwnProperty', 'propertyIsEnumerable', 'toString'];

export default defineRule({
  meta: {
    id: 'accumulating-spread',
    family: 'javascript',
    description: 'Copies the accumulator on every step of a reduce (O(n²) time and garbage).',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(context: JsContext) {
    const index = indexAst(context.ast);
    for (const call of index.ofType('CallExpression')) checkReduce(context, call);
    for (const assignment of index.ofType('AssignmentExpression')) checkLoop(context, assignment);
  },
});

/** `who`: "the accumulator" or "`out`"; `when`: "on every step of reduce()" or "on every iteration". */
function message(copy: Copy, who: string, when: string): string {
  const into = copy.kind === 'array' ? 'a new array' : 'a new object';
  const verb = copy.kind === 'assign' ? 'Copies' : 'Spreads';
  const advice = copy.kind === 'array' ? 'push into it instead' : 'assign into it instead';
  return `${verb} ${who} into ${into} ${when}: O(n²) time and garbage; ${advice}.`;
}

/** A copy that adds nothing (`[...acc]`) or only fixed keys: the accumulator does not grow. */
function boundedMessage(copy: Copy, who: string, when: string): string {
  if (copy.kind === 'array') return `Copies ${who} into a new array ${when} without adding to it: a copy, not an accumulation.`;
  return `Copies ${who} into a new object ${when}; its keys are fixed, so this costs n small objects, not O(n²).`;
}

/**
 * How large the accumulator gets: as many steps as the reduce or loop runs, times what each step spreads into it.
 * Grows when either does; bounded when both are (a reduce over a literal list of roles); unknown otherwise. A copy
 * that does not grow the accumulator is bounded whatever the steps; one in a `catch` block runs once per failure.
 */
function accumulationSize(copy: Copy, acc: string, steps: Size, env: SizeEnv): Size {
  if (!grows(copy)) return { growth: 'bounded' };
  if (inCatch(copy.node)) return { growth: 'bounded', why: 'It runs in a `catch` block: once per failure, a few times.' };
  const sizes = [steps, ...addedCollections(copy, acc).map((c) => itemsSize(c, env))];
  const most = strongest(sizes);
  if (most.growth === 'grows') return most;
  if (sizes.every((s) => s.growth === 'bounded')) return steps;
  return { growth: 'unknown' };
}

/** The node sits in a `catch` clause of the function it belongs to. */
function inCatch(node: Node): boolean {
  for (let p = node.parent; p && !isFunction(p); p = p.parent) if (p.type === 'CatchClause') return true;
  return false;
}

// ---- reduce ----------------------------------------------------------------------------------

function checkReduce(context: JsContext, call: TSESTree.CallExpression): void {
  const method = methodOf(call);
  if (!method || !REDUCE.includes(method.name) || call.arguments.length !== 2) return;
  const callback = call.arguments[0];
  if (!isFunction(callback) || callback.async || callback.generator) return;
  const accParam = callback.params[0];
  if (!isIdentifier(accParam)) return;
  const acc = accParam.name;

  let env: SizeEnv | undefined;
  const leaves = returnedValues(callback);
  const copies = leaves.map((leaf) => copyOf(leaf, acc)).filter((c): c is Copy => !!c);
  if (copies.length === 0) return;

  const init = unwrap(call.arguments[1]);
  const indexParam = isIdentifier(callback.params[2]) ? callback.params[2].name : undefined;
  const copyNodes = new Set<Node>(copies.map((c) => c.node));
  // The accumulator stays one object after the fix: safe only if that object is fresh (a literal written
  // here), every step hands on either it or another fresh value, and no old copy can be observed later.
  const sharedSafe =
    leaves.every((leaf) => copyNodes.has(leaf) || isIdentifier(leaf, acc) || isFreshLiteral(leaf)) &&
    referencesStayLocal(callback, acc, copyNodes, new Set(leaves));
  const who = 'the accumulator';
  const when = `on every step of ${method.name}()`;

  for (const copy of copies) {
    const fresh = copy.kind === 'array' ? isFreshLiteral(init, 'array') : isFreshLiteral(init, 'object');
    const size = accumulationSize(copy, acc, itemsSize(method.member.object, (env ??= sizeEnv(context))), env);
    const report: Report = { start: copy.node.range[0], end: copy.node.range[1], message: grows(copy) ? message(copy, who, when) : boundedMessage(copy, who, when), size };
    const fix = fixFor(context, copy, acc, indexParam, withParens(context.text, copy.node));
    if (fix) {
      const untypedTsObject = copy.kind === 'object' && isTs(context) && !accumulatorTyped(call, callback);
      if (!fresh || !sharedSafe || untypedTsObject) fix.safety = 'unsafe';
      report.fixes = [fix];
    }
    context.report(report);
  }
}

function isTs(context: JsContext): boolean {
  return context.language === 'typescript' || context.language === 'typescriptreact';
}

/** In TypeScript, `acc[k] = v` on an accumulator typed `{}` does not compile; `{} as T`, `reduce<T>` or `(acc: T)` types it. */
function accumulatorTyped(call: TSESTree.CallExpression, callback: FunctionNode): boolean {
  const raw = call as unknown as { typeArguments?: unknown; typeParameters?: unknown };
  const param = callback.params[0] as TSESTree.Identifier;
  return !!(raw.typeArguments || raw.typeParameters || param.typeAnnotation || call.arguments[1].type !== 'ObjectExpression');
}

/**
 * Whether every use of the accumulator in the callback only reads or writes it in place, so that no old
 * copy can be seen after its step: it is not stored, passed on, captured by a closure, or reassigned.
 */
function referencesStayLocal(callback: FunctionNode, acc: string, copies: Set<Node>, leaves: Set<Node>): boolean {
  let ok = true;
  const usesArguments = callback.type !== 'ArrowFunctionExpression';
  const roots: Node[] = [...callback.params.slice(1), callback.body];
  for (const root of roots) {
    walk(root, {
      enter(node, ancestors) {
        if (!ok) return false;
        if (node.type !== 'Identifier') return;
        const nested = ancestors.some((a) => isFunction(a));
        if (node.name === 'arguments' && usesArguments && !ancestors.some((a) => a.type === 'FunctionExpression' || a.type === 'FunctionDeclaration')) {
          ok = false;
          return;
        }
        if (node.name !== acc || !isReference(node, node.parent)) return;
        if (nested || !localUse(node, copies, leaves)) ok = false;
      },
    });
    if (!ok) return false;
  }
  return true;
}

function localUse(id: TSESTree.Identifier, copies: Set<Node>, leaves: Set<Node>): boolean {
  if (leaves.has(id)) return true;
  let child: Node = id;
  let parent = id.parent;
  while (parent && (parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'SpreadElement') return !!parent.parent && copies.has(parent.parent);
  if (parent.type === 'CallExpression' && copies.has(parent)) return parent.arguments[1] === child; // Object.assign({}, acc, ...)
  if (parent.type === 'MemberExpression' && parent.object === child) {
    const call = parent.parent;
    if (call?.type === 'CallExpression' && call.callee === parent) {
      const name = methodOf(call)?.name;
      return !!name && READ_METHODS.includes(name);
    }
    return true;
  }
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === child) return true;
  if (parent.type === 'CallExpression' && parent.arguments.includes(child as TSESTree.Expression)) {
    return isStaticCall(parent, 'Object', ['keys', 'values', 'entries', 'hasOwn']) || isStaticCall(parent, 'Array', ['isArray']);
  }
  return false;
}

// ---- loops -----------------------------------------------------------------------------------

function checkLoop(context: JsContext, assignment: TSESTree.AssignmentExpression): void {
  if (assignment.operator !== '=' || assignment.left.type !== 'Identifier') return;
  const name = assignment.left.name;
  const copy = copyOf(unwrap(assignment.right), name);
  const loop = copy && repeats(assignment, name);
  if (!copy || !loop) return;
  const who = `\`${name}\``;
  const when = 'on every iteration';
  const env = sizeEnv(context);
  const size = accumulationSize(copy, name, loopSteps(loop, env), env);
  const report: Report = { start: copy.node.range[0], end: copy.node.range[1], message: grows(copy) ? message(copy, who, when) : boundedMessage(copy, who, when), size };
  // Only as a statement: `out = [...out, x];` becomes `out.push(x);`. Always unsafe: `out` may share its
  // array with other code (its first value, or an old copy someone kept), which the copies never touched.
  if (assignment.parent?.type === 'ExpressionStatement') {
    const fix = fixFor(context, copy, name, undefined, assignment.range, true);
    if (fix) report.fixes = [{ ...fix, safety: 'unsafe' }];
  }
  context.report(report);
}

/**
 * The loop (or iterating callback's call) that runs `name = copy` once per iteration while `name` lives on;
 * undefined when nothing repeats it, or when a copy-on-write guard (`if (name === original)`) lets it run at most
 * once: after the first copy, `name` is a new array and the test fails.
 */
function repeats(assignment: Node, name: string): Node | undefined {
  let child: Node = assignment;
  for (let p = assignment.parent; p; child = p, p = p.parent) {
    if (declares(p, name, child)) return undefined;
    switch (p.type) {
      case 'IfStatement':
        if (child === p.consequent && identityTest(p.test, name)) return undefined;
        break;
      case 'ForStatement':
        if (child !== p.init) return p;
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (child === p.body) return p;
        break;
      case 'WhileStatement':
      case 'DoWhileStatement':
        return p;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        const call = p.parent;
        const m = call?.type === 'CallExpression' && call.arguments[0] === p ? methodOf(call) : undefined;
        return m && ITERATING.includes(m.name) ? call : undefined;
      }
      case 'FunctionDeclaration':
      case 'ClassBody':
      case 'Program':
        return undefined;
    }
  }
  return undefined;
}

/** `name === other` or `other === name` (also `==`): true only while `name` still holds the value it was compared with. */
function identityTest(test: Node, name: string): boolean {
  const t = unwrap(test);
  if (t.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) return false;
  const [a, b] = [unwrap(t.left as Node), unwrap(t.right)];
  return (isIdentifier(a, name) && !isIdentifier(b, name)) || (isIdentifier(b, name) && !isIdentifier(a, name));
}

/** How many times a loop runs: its iterable's items (`for...of`, `for...in`, an iterating callback's receiver); unknown for `for(;;)` and `while`. */
function loopSteps(loop: Node, env: SizeEnv): Size {
  if (loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') return itemsSize(loop.right, env);
  if (loop.type === 'CallExpression') {
    const m = methodOf(loop);
    if (m) return itemsSize(m.member.object, env);
  }
  return { growth: 'unknown' };
}

const DECLARED = new WeakMap<object, Set<string>>();

/** The plain names (`let x`, not patterns) the declarations among `statements` declare, once per statement list. */
function declaredNames(statements: readonly Node[]): Set<string> {
  let names = DECLARED.get(statements);
  if (!names) {
    names = new Set();
    for (const s of statements) {
      if (s.type !== 'VariableDeclaration') continue;
      for (const v of s.declarations) if (v.id.type === 'Identifier') names.add(v.id.name);
    }
    DECLARED.set(statements, names);
  }
  return names;
}

/** Whether `scope` declares `name` for the part of it that holds `child` (a fresh variable per iteration). */
function declares(scope: Node, name: string, child: Node): boolean {
  const inDeclaration = (d: TSESTree.VariableDeclaration | null | undefined) =>
    !!d && d.type === 'VariableDeclaration' && d.declarations.some((v) => isIdentifier(v.id, name));
  switch (scope.type) {
    case 'BlockStatement':
      return declaredNames(scope.body).has(name);
    case 'SwitchCase':
      return declaredNames(scope.consequent).has(name);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return scope.params.some((p) => isIdentifier(p, name));
    case 'ForInStatement':
    case 'ForOfStatement':
      return child === scope.body && scope.left.type === 'VariableDeclaration' && inDeclaration(scope.left);
    default:
      return false;
  }
}

// ---- fixes -----------------------------------------------------------------------------------

/**
 * The in-place version of a copy, replacing `range`: `(acc.push(x), acc)` in a reduce, `out.push(x)` as a
 * statement. Its safety here covers only the copy itself (keys, argument counts); the caller adds the
 * accumulator's conditions.
 */
function fixFor(
  context: JsContext,
  copy: Copy,
  acc: string,
  indexParam: string | undefined,
  range: readonly [number, number],
  statement = false,
): Fix | undefined {
  const { text } = context;
  const wrap = (effects: string) => (statement ? effects : `(${effects}, ${acc})`);
  const edit = (replacement: string) => [{ start: range[0], end: range[1], text: replacement }];
  const label = statement ? `\`${acc}\`` : 'the accumulator';

  if (copy.kind === 'array') {
    const rest = restText(text, copy.node, copy.node.elements);
    if (!copy.first || rest === undefined) return undefined;
    // push(...items) passes every item as an argument: past ~100k items it throws a RangeError.
    const spreads = copy.node.elements.slice(1).some((e) => e?.type === 'SpreadElement');
    return { title: `Push into ${label}`, safety: spreads ? 'unsafe' : 'safe', edits: edit(wrap(`${acc}.push(${rest})`)) };
  }

  if (copy.kind === 'object') {
    if (!copy.first) return undefined;
    const props = copy.node.properties.slice(1);
    if (props.length === 0) return undefined;
    if (props.some((p) => p.type === 'SpreadElement')) {
      // Object.assign sets properties ([[Set]]) where a spread defines them: an own "__proto__" key
      // (JSON.parse makes those) changes the prototype instead of adding a property.
      const rest = restText(text, copy.node, copy.node.properties);
      if (rest === undefined) return undefined;
      const only = props.length === 1 ? props[0] : undefined;
      const source = only?.type === 'SpreadElement' ? exprText(text, only.argument) : `{ ${rest} }`;
      // Object.assign returns its target: no need for `, acc`.
      return { title: `Assign into ${label}`, safety: 'unsafe', edits: edit(`Object.assign(${acc}, ${source})`) };
    }
    const assigned = objectAssignments(text, props as TSESTree.Property[], acc, indexParam);
    if (!assigned) return undefined;
    return { title: `Assign into ${label}`, safety: assigned.safe ? 'safe' : 'unsafe', edits: edit(wrap(assigned.text)) };
  }

  // Object.assign({}, acc, ...sources) -> Object.assign(acc, ...sources): the same [[Set]]s, minus the copy.
  const args = copy.node.arguments;
  const sourcesSafe = args.slice(2).every((a) => a.type === 'ObjectExpression' && objectAssignments(text, a.properties as TSESTree.Property[], acc, indexParam)?.safe);
  if (statement) {
    const sources = args.slice(2).map((a) => exprText(text, a));
    return { title: `Assign into ${label}`, safety: 'unsafe', edits: edit(`Object.assign(${[acc, ...sources].join(', ')})`) };
  }
  return {
    title: `Assign into ${label}`,
    safety: sourcesSafe ? 'safe' : 'unsafe',
    edits: [{ start: args[0].range[0], end: args[1].range[0], text: '' }],
  };
}
