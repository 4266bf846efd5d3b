// What an expression can do when evaluated, as far as the syntax alone proves it.
import type { Node } from 'web-tree-sitter';
import { isBuiltin } from '../shared/builtins';
import { stringValue } from '../shared/literals';

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);
const MAX_DEPTH = 100;

/**
 * Evaluating it has no side effect and cannot observe one: names, attribute loads, literals (no f-string
 * interpolation), lambdas, and tuples or lists of those. Assumes attribute loads are plain loads (a property
 * with side effects is the exception this accepts).
 */
export function isPure(node: Node, depth = 0): boolean {
  // Nesting deeper than any hand-written expression: too deep to tell (and to recurse into).
  if (depth > MAX_DEPTH) return false;
  switch (node.type) {
    case 'identifier':
    case 'lambda':
      return true;
    case 'attribute':
      return isPure(node.childForFieldName('object')!, depth + 1);
    case 'string':
      return !node.namedChildren.some((c) => c?.type === 'interpolation');
    case 'concatenated_string':
    case 'tuple':
    case 'list':
    case 'parenthesized_expression':
      return node.namedChildren.every((c) => !c || c.type === 'comment' || isPure(c, depth + 1));
    case 'keyword_argument':
      return isPure(node.childForFieldName('value')!, depth + 1);
    case 'unary_operator':
      return LITERALS.has(node.childForFieldName('argument')!.type);
    default:
      return LITERALS.has(node.type);
  }
}

/** Builtins whose result is always an exact int, float or bool (int() and float() rely on CPython's deprecation of subclass results). */
const NUMERIC_BUILTINS = new Set(['len', 'ord', 'int', 'float', 'bool', 'isinstance', 'issubclass', 'hasattr', 'callable']);
/** Operators whose result on ints, floats and bools is an int or float (or an exception); `**` can give a complex. */
const NUMERIC_OPERATORS = new Set(['+', '-', '*', '/', '//', '%', '&', '|', '^', '<<', '>>']);

/**
 * Its value, when it has one, is an exact int, float or bool: adding, comparing or hashing such values runs
 * no user code and cannot raise. (Evaluating it may still raise; that happens at the same point either way.)
 */
export function isNumeric(node: Node, text: string, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const numeric = (n: Node) => isNumeric(n, text, depth + 1);
  switch (node.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'not_operator':
      return true;
    case 'parenthesized_expression': {
      const inner = node.namedChildren.filter((c) => c && c.type !== 'comment');
      return inner.length === 1 && numeric(inner[0]!);
    }
    case 'unary_operator':
      return numeric(node.childForFieldName('argument')!);
    case 'binary_operator':
      return (
        NUMERIC_OPERATORS.has(node.childForFieldName('operator')!.type) &&
        numeric(node.childForFieldName('left')!) &&
        numeric(node.childForFieldName('right')!)
      );
    case 'boolean_operator':
      return numeric(node.childForFieldName('left')!) && numeric(node.childForFieldName('right')!);
    case 'conditional_expression': {
      const [then, , otherwise] = node.namedChildren;
      return !!then && !!otherwise && numeric(then) && numeric(otherwise);
    }
    case 'comparison_operator':
      // `in`, `not in`, `is`, `is not` always give an exact bool; `<`, `==`... may give anything (numpy).
      return node.childrenForFieldName('operators').every((op) => !!op && ['in', 'not in', 'is', 'is not'].includes(op.text.replace(/\s+/g, ' ')));
    case 'call': {
      const fn = node.childForFieldName('function')!;
      return fn.type === 'identifier' && NUMERIC_BUILTINS.has(fn.text) && isBuiltin(fn, text);
    }
    default:
      return false;
  }
}

/** The items an iterable yields are numeric: `range(...)`, `map(len, ...)`, a comprehension of numbers. */
export function yieldsNumeric(iterable: Node, text: string): boolean {
  switch (iterable.type) {
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension':
      return isNumeric(iterable.childForFieldName('body')!, text);
    case 'call': {
      const fn = iterable.childForFieldName('function')!;
      if (fn.type !== 'identifier' || !isBuiltin(fn, text)) return false;
      if (fn.text === 'range') return true;
      const first = iterable.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      return fn.text === 'map' && first?.type === 'identifier' && NUMERIC_BUILTINS.has(first.text) && isBuiltin(first, text);
    }
    default:
      return false;
  }
}

/**
 * Builtins that never raise StopIteration themselves. `next()` does; the rest only treat one raised by an iterator
 * they consume as its end, exactly as they would with the list. (`str(x)` may run `x.__str__`, which is taken to be
 * free of it, as attribute loads are taken to be plain loads.)
 */
const FREE_OF_STOP = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'bytearray', 'bytes', 'callable', 'chr', 'complex', 'dict', 'divmod',
  'enumerate', 'filter', 'float', 'format', 'frozenset', 'getattr', 'hasattr', 'hash', 'hex', 'id', 'int', 'isinstance',
  'issubclass', 'iter', 'len', 'list', 'map', 'max', 'min', 'oct', 'ord', 'pow', 'range', 'repr', 'reversed', 'round',
  'set', 'slice', 'sorted', 'str', 'sum', 'tuple', 'type', 'zip',
]);

/**
 * PEP 479: a StopIteration raised while a generator expression computes an item becomes RuntimeError, where the list
 * comprehension let it propagate as StopIteration (and a caller such as optparse's type checker, or a loop around a
 * `next()`, relied on that). The first call in `comp` (outside its first iterable, evaluated before the items) that may
 * raise it: anything but a builtin listed above, a `key=` that is not one, or a method of a string literal
 * (`", ".join(...)`). Its callee as written, or undefined when there is none.
 */
export function mayRaiseStopIteration(comp: Node, text: string): string | undefined {
  const first = comp.namedChildren.find((c) => c?.type === 'for_in_clause')?.childForFieldName('right');
  for (const call of comp.descendantsOfType('call')) {
    if (!call || (first && call.startIndex >= first.startIndex && call.endIndex <= first.endIndex)) continue;
    const fn = call.childForFieldName('function')!;
    if (fn.type === 'identifier' && FREE_OF_STOP.has(fn.text) && isBuiltin(fn, text)) {
      const key = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'key');
      const value = key?.childForFieldName('value');
      if (!value || value.type === 'lambda' || value.type === 'none' || (value.type === 'identifier' && FREE_OF_STOP.has(value.text) && isBuiltin(value, text))) continue;
      return value.text;
    }
    if (fn.type === 'attribute' && stringValue(fn.childForFieldName('object')) !== undefined) continue;
    return fn.text;
  }
  return undefined;
}
