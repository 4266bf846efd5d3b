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
