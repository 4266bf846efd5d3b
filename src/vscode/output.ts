// The "memlint" output channel: rule crashes and lint failures go here, each distinct problem once.
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
