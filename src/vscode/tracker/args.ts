// Arguments typed for a tracked run, split as a POSIX shell would split plain words and quotes, with no shell:
// nothing is expanded ($, *, ~ stay as typed), and the words go to the script as an argument array.

/** `a "b c" 'd e' f\ g` -> ['a', 'b c', 'd e', 'f g']. Throws on an unclosed quote. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (word !== null) args.push(word);
      word = null;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) throw new Error('unclosed single quote');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      // Inside double quotes a backslash escapes only " \ $ and `, as in a shell.
      let quoted = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) i++;
        quoted += text[i];
      }
      if (i >= text.length) throw new Error('unclosed double quote');
      word = (word ?? '') + quoted;
    } else if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) args.push(word);
  return args;
}

/** The arguments as the terminal shows them: words with spaces or quotes in single quotes. */
export function showArgs(args: readonly string[]): string {
  return args.map((a) => (a === '' || /[\s'"\\$`*?~]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' ');
}
