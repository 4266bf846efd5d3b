// The "memlint" output channel: the client's messages and the language server's log (rule crashes, lint failures,
// skipped files), each distinct problem once; with `memlint.trace.server`, the LSP messages too.
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('memlint', { log: true });
  private readonly seen = new Set<string>();
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

  /** Log an error the first time `key` is seen in this session. */
  errorOnce(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.error(message);
  }

  /** Run `work`; if it throws, log it once and return `fallback` (nothing escapes into the extension host). */
  async guard<T>(what: string, work: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.errorOnce(`${what}:${message}`, `${what} failed: ${message}`);
      return fallback;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}
