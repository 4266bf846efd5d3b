// Whether a comprehension over a file's lines can be told apart from the same comprehension over a list of them
// when the file holds a byte that does not decode. Over the list, the whole read raises before any item is computed;
// over the file, the items before the bad byte are computed first. Nobody can tell when computing an item neither
// runs user code nor raises, and the items are thrown away with the exception: `[line for line in lines if "ERROR"
// in line]`. Only the syntax is looked at: the loop variable holds a line (str or bytes, as the file's mode says) or,
// under `enumerate()`, an int.
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf, parentOf } from '../../../core/parsers/pythonTree';
import { isBuiltin } from './builtins';
import { callArguments, unparenthesized } from './calls';
import { intValue, stringValue } from './literals';

type Kind = 'line' | 'int' | 'value';

/** Methods of str (and bytes, but `casefold`) that take no argument or one literal of the line's type, and never raise. */
const LINE_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'startswith', 'endswith', 'isspace', 'isdigit', 'isalpha', 'isalnum', 'islower', 'isupper']);
const RETURNS_LINE = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold']);
/** Builtins a generator of inert items may be given to: they only collect the items (hashing str, int and tuples of them runs no user code). */
const COLLECTORS = new Set(['list', 'tuple', 'sorted', 'set', 'frozenset']);
const MAX_DEPTH = 50;

interface Scope {
  /** The loop variables and what they hold. */
  names: Map<string, Kind>;
  /** Whether lines are bytes (from the file's mode). */
  bytes: boolean;
  text: string;
}

/**
 * Whether the comprehension `loop`, whose first `for` iterates the file's lines, computes its items without running
 * user code or raising, so that streaming the file instead changes nothing anyone can observe, even when the file
 * does not decode. `binary`: the file's mode, when known.
 */
export function inertOverLines(loop: Node, binary: boolean | undefined, text: string): boolean {
  if (binary === undefined) return false;
  if (loop.type === 'generator_expression' && !collected(loop, text)) return false;
  const parts = namedChildrenOf(loop).filter((c) => c.type !== 'comment');
  const clauses = parts.filter((c) => c.type === 'for_in_clause');
  if (clauses.length !== 1 || /\basync\b/.test(clauses[0].text.slice(0, 6))) return false;
  const names = targets(clauses[0]);
  if (!names) return false;
  const scope: Scope = { names, bytes: binary, text };
  return parts.every((part) => {
    if (part.type === 'for_in_clause') return true;
    if (part.type === 'if_clause') return part.namedChildren.every((c) => !c || c.type === 'comment' || inert(c, scope) !== undefined);
    if (part.type === 'pair') return inert(part.childForFieldName('key')!, scope) !== undefined && inert(part.childForFieldName('value')!, scope) !== undefined;
    return inert(part, scope) !== undefined;
  });
}

/** `list(x for x in ...)`, `sorted(...)`: a generator handed to a builtin that only collects its items. */
function collected(genexp: Node, text: string): boolean {
  let call = parentOf(genexp);
  if (call?.type === 'argument_list') call = parentOf(call);
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  return fn?.type === 'identifier' && COLLECTORS.has(fn.text) && isBuiltin(fn, text) && callArguments(call!.childForFieldName('arguments')).keywords.size === 0;
}

/** `line`, or `i, line` under `enumerate(lines)` / `enumerate(lines, 1)`. */
function targets(clause: Node): Map<string, Kind> | undefined {
  const left = clause.childForFieldName('left');
  const right = clause.childForFieldName('right');
  if (left?.type === 'identifier') return new Map([[left.text, 'line']]);
  const pattern = left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') ? left.namedChildren.filter((c): c is Node => !!c) : [];
  const fn = right && unparenthesized(right).type === 'call' ? unparenthesized(right).childForFieldName('function') : null;
  if (pattern.length !== 2 || pattern.some((p) => p.type !== 'identifier') || fn?.text !== 'enumerate') return undefined;
  return new Map<string, Kind>([[pattern[0].text, 'int'], [pattern[1].text, 'line']]);
}

/** What `node` evaluates to when evaluating it can neither raise nor run user code; undefined when it might. */
function inert(node: Node, scope: Scope, depth = 0): Kind | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const sub = (n: Node | null | undefined) => (n ? inert(n, scope, depth + 1) : undefined);
  const n = unparenthesized(node);
  switch (n.type) {
    case 'identifier':
      return scope.names.get(n.text);
    case 'integer':
    case 'true':
    case 'false':
    case 'none':
      return n.type === 'integer' ? 'int' : 'value';
    case 'string':
    case 'concatenated_string': {
      const v = stringValue(n);
      return v && v.bytes === scope.bytes ? 'line' : v ? 'value' : undefined;
    }
    case 'not_operator':
      return sub(n.childForFieldName('argument')) ? 'value' : undefined;
    case 'boolean_operator':
      return sub(n.childForFieldName('left')) && sub(n.childForFieldName('right')) ? 'value' : undefined;
    case 'conditional_expression':
      return n.namedChildren.every((c) => !!c && sub(c)) ? 'value' : undefined;
    case 'tuple':
      return n.namedChildren.every((c) => !c || c.type === 'comment' || sub(c)) ? 'value' : undefined;
    case 'comparison_operator':
      return comparison(n, scope, sub);
    case 'subscript':
      return slice(n, sub);
    case 'call':
      return call(n, scope, sub);
    default:
      return undefined;
  }
}

/** `"x" in line`, `a == b`, `len(line) > 3`: no comparison of these kinds can raise. */
function comparison(n: Node, scope: Scope, sub: (n: Node | null | undefined) => Kind | undefined): Kind | undefined {
  const operands = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const kinds = operands.map(sub);
  if (kinds.some((k) => !k)) return undefined;
  const ops = n.childrenForFieldName('operators').map((op) => op?.text.replace(/\s+/g, ' ') ?? '');
  for (let i = 0; i < ops.length; i++) {
    const [a, b] = [kinds[i], kinds[i + 1]];
    if (ops[i] === '==' || ops[i] === '!=' || ops[i] === 'is' || ops[i] === 'is not') continue;
    // str in str (bytes in bytes) is a substring test; a needle of the other type raises TypeError.
    if ((ops[i] === 'in' || ops[i] === 'not in') && a === 'line' && b === 'line') continue;
    if (['<', '<=', '>', '>='].includes(ops[i]) && a === b && a !== 'value') continue;
    return undefined;
  }
  return 'value';
}

/** `line[:80]`, `line[2:]`: a slice of a line with literal bounds (slices never raise; an index may). */
function slice(n: Node, sub: (n: Node | null | undefined) => Kind | undefined): Kind | undefined {
  const subs = n.childrenForFieldName('subscript').filter((s): s is Node => !!s);
  if (sub(n.childForFieldName('value')) !== 'line' || subs.length !== 1 || subs[0].type !== 'slice') return undefined;
  const bounds = subs[0].namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return bounds.every((b) => intValue(unparenthesized(b)) !== undefined || (b.type === 'unary_operator' && intValue(b.childForFieldName('argument')) !== undefined)) ? 'line' : undefined;
}

/** `len(line)`, `line.strip()`, `line.startswith("#")`. */
function call(n: Node, scope: Scope, sub: (n: Node | null | undefined) => Kind | undefined): Kind | undefined {
  const fn = n.childForFieldName('function')!;
  const args = callArguments(n.childForFieldName('arguments'));
  if (args.splat || args.keywords.size > 0) return undefined;
  if (fn.type === 'identifier') {
    return fn.text === 'len' && isBuiltin(fn, scope.text) && args.positional.length === 1 && sub(args.positional[0]) === 'line' ? 'int' : undefined;
  }
  if (fn.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')!.text;
  if (!LINE_METHODS.has(method) || sub(fn.childForFieldName('object')) !== 'line' || (scope.bytes && method === 'casefold')) return undefined;
  if (args.positional.length > 1) return undefined;
  // The argument must be a literal of the line's type (strip(None) aside): another type raises TypeError.
  if (args.positional.length === 1 && !(args.positional[0].type === 'none' && RETURNS_LINE.has(method))) {
    const v = stringValue(args.positional[0]);
    if (!v || v.bytes !== scope.bytes || method.startsWith('is') || ['lower', 'upper', 'casefold'].includes(method)) return undefined;
  }
  return RETURNS_LINE.has(method) ? 'line' : 'value';
}
