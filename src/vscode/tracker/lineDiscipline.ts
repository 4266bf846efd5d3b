// A terminal's line discipline for a child whose stdin is a pipe, not a tty: echo what is typed, edit the line,
// send it on Enter, Ctrl-C interrupts, Ctrl-D ends the input. No 'vscode' here, so it is unit-tested directly.

export type KeyAction = { type: 'echo'; text: string } | { type: 'send'; text: string } | { type: 'interrupt' } | { type: 'eof' };

export class LineDiscipline {
  private line = '';

  /** What to do with `data` (keystrokes or a paste) from the terminal. */
  input(data: string): KeyAction[] {
    const actions: KeyAction[] = [];
    const echo = (text: string) => {
      const last = actions[actions.length - 1];
      if (last?.type === 'echo') last.text += text;
      else actions.push({ type: 'echo', text });
    };
    // Escape sequences (arrows, function keys) are not line editing memlint offers: drop them whole.
    // A pasted CRLF is one line break.
    for (const ch of data.replace(/\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z]/g, '').replace(/\r\n/g, '\r')) {
      if (ch === '\r' || ch === '\n') {
        echo('\r\n');
        actions.push({ type: 'send', text: this.line + '\n' });
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          echo('\b \b');
        }
      } else if (ch === '\x03') {
        echo('^C\r\n');
        this.line = '';
        actions.push({ type: 'interrupt' });
      } else if (ch === '\x04') {
        // As a tty does: Ctrl-D on an empty line is end of input; on a typed line it sends the line as is.
        if (this.line) actions.push({ type: 'send', text: this.line });
        else actions.push({ type: 'eof' });
        this.line = '';
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        echo(ch);
      }
    }
    return actions;
  }
}

/** Output for a terminal: every line break as CR LF (a lone LF only moves the cursor down). */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
