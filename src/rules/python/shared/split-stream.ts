// `text.split(sep)` without the whole text: a generator over the file's lines that yields the same items, one at a
// time. It carries what follows the last separator over to the next line, so it is exact whatever the lines are
// (any newline mode, a separator of two characters, a file without a final newline: `''` after a final separator,
// `['']` for an empty file). The whole-file-read fix adds it as `_stream_split`; the `_Reread` stand-in's split()
// runs the same loop.
import type { Definition } from './definitions';

/** The loop over `pieces` (the file's lines, in order), in a generator whose separator is `sep`, each line indented by `indent`. */
export function splitLoop(pieces: string, indent: string): string[] {
  return [
    'rest = sep[:0]',
    `for line in ${pieces}:`,
    '    items = (rest + line).split(sep)',
    '    rest = items.pop()',
    '    yield from items',
    'yield rest',
  ].map((l) => indent + l);
}

export const STREAM_SPLIT: Definition = {
  name: '_stream_split',
  code: (nl) =>
    [
      'def _stream_split(lines, sep):',
      '    """The items of text.split(sep), for the text the lines add up to, one at a time (inserted by memlint)."""',
      ...splitLoop('lines', '    '),
    ].join(nl),
};
