// The shapes of a list that could have been produced lazily.
import type { Node } from 'web-tree-sitter';

/** `await` or `async for` inside: as a generator expression it would become an async generator. */
export function usesAsync(node: Node): boolean {
  return /(?<![\p{L}\p{N}_])(?:await|async)(?![\p{L}\p{N}_])/u.test(node.text);
}

/** The single positional argument of a `list(...)` call (a bare generator expression included), if that is all it has. */
export function listArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (!args) return undefined;
  if (args.type === 'generator_expression') return args;
  const named = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (named.length !== 1) return undefined;
  const [only] = named;
  return ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(only.type) ? undefined : only;
}
