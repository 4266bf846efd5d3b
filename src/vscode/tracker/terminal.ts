// The run's terminal: a Pseudoterminal showing the child's output live and passing typed input to its stdin.
import { StringDecoder } from 'node:string_decoder';
import * as vscode from 'vscode';
import { LineDiscipline, toTerminal } from './lineDiscipline';

export interface TerminalInput {
  write(text: string): void;
  end(): void;
  interrupt(): void;
  /** The user closed the terminal. */
  closed(): void;
}

export class RunTerminal implements vscode.Disposable {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  private readonly discipline = new LineDiscipline();
  private readonly decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
  /** Output before the terminal opened: VS Code drops what is written earlier. */
  private pending: string[] | null = [];
  private ended = false;
  private atLineStart = true;
  readonly terminal: vscode.Terminal;

  constructor(name: string, input: TerminalInput) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.written.event,
      onDidClose: this.closeEmitter.event,
      open: () => {
        const early = this.pending ?? [];
        this.pending = null;
        for (const text of early) this.written.fire(text);
      },
      close: () => {
        if (!this.ended) input.closed();
      },
      handleInput: (data) => {
        if (this.ended) return;
        for (const action of this.discipline.input(data)) {
          if (action.type === 'echo') this.write(action.text);
          else if (action.type === 'send') input.write(action.text);
          else if (action.type === 'eof') input.end();
          else input.interrupt();
        }
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('pulse') });
  }

  /** Child output: decoded across chunk boundaries, with line breaks the terminal understands. */
  output(chunk: Buffer, stream: 'out' | 'err'): void {
    this.write(toTerminal(this.decoders[stream].write(chunk)));
  }

  /** A line of memlint's own, dimmed so it stands apart from the script's output. */
  note(text: string): void {
    this.write(`${this.atLineStart ? '' : '\r\n'}\x1b[2m${toTerminal(text)}\x1b[0m\r\n`);
  }

  /** The run is over: the terminal stays open to read, and input goes nowhere. */
  finish(): void {
    this.ended = true;
    for (const d of Object.values(this.decoders)) this.write(toTerminal(d.end()));
  }

  private write(text: string): void {
    if (!text) return;
    this.atLineStart = text.endsWith('\n');
    if (this.pending) this.pending.push(text);
    else this.written.fire(text);
  }

  /** Close the terminal (a finished run's, when the same file runs again). */
  dispose(): void {
    this.ended = true;
    this.terminal.dispose();
    this.written.dispose();
    this.closeEmitter.dispose();
  }
}
