// The "memlint" output channel: the client's messages and the language server's log (rule crashes, lint failures,
// skipped files), each distinct problem once; with `memlint.trace.server`, the LSP messages too.
import * as vscode from 'vscode';
import { OnceLog } from '../server/onceLog';

export class Log extends OnceLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('memlint', { log: true });
  /** Every line written, for the test API (the channel's content cannot be read back). */
  readonly lines: string[] = [];

  info(message: string): void {
    this.keep(message);
    this.channel.info(message);
  }

  error(message: string): void {
    this.keep(message);
    this.channel.error(message);
  }

  /** The channel for the language client: what it and the server write is kept in `lines` too. */
  channelForClient(): vscode.LogOutputChannel {
    const kept = new Set<PropertyKey>(['info', 'warn', 'error', 'appendLine']);
    return new Proxy(this.channel, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (!kept.has(property)) return value.bind(target);
        return (message: unknown, ...rest: unknown[]) => {
          this.keep(String(message));
          return (value as (...args: unknown[]) => unknown).call(target, message, ...rest);
        };
      },
    });
  }

  /** Diagnostics for us, shown only at the channel's Debug log level; not kept. */
  debug(message: string): void {
    this.channel.debug(message);
  }

  private keep(message: string): void {
    if (this.lines.length >= 1000) this.lines.shift();
    this.lines.push(message);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
