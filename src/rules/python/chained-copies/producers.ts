// The shapes of a list that could have been produced lazily.
import type { Node } from 'web-tree-sitter';
import { namedChildrenOf } from '../../../core/parsers/pythonTree';
import { mentionsIn } from '../shared/words';

/** `await` or `async for` inside: as a generator expression it would become an async generator. */
export function usesAsync(node: Node, text: string): boolean {
  return mentionsIn(text, 'await', node.startIndex, node.endIndex) || mentionsIn(text, 'async', node.startIndex, node.endIndex);
}

/** The single positional argument of a `list(...)` call (a bare generator expression included), if that is all it has. */
export function listArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (!args) return undefined;
  if (args.type === 'generator_expression') return args;
  const named = namedChildrenOf(args);
  if (named.length !== 1) return undefined;
  const [only] = named;
  return ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(only.type) ? undefined : only;
}

const LITERAL_COLLECTIONS = new Set(['list', 'tuple', 'set', 'dictionary', 'string', 'concatenated_string']);

/** A literal collection or string: small by construction, nothing worth streaming. */
export function isLiteralCollection(node: Node): boolean {
  return LITERAL_COLLECTIONS.has(node.type);
}

/** A comprehension whose every `for` runs over a literal collection (`[f(x) for x in (a, b)]`). */
export function overLiteralsOnly(comprehension: Node): boolean {
  const clauses = namedChildrenOf(comprehension).filter((c) => c.type === 'for_in_clause');
  return clauses.length > 0 && clauses.every((c) => isLiteralCollection(c.childForFieldName('right')!));
}
