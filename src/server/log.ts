// The server's log: `window/logMessage`, which the VS Code client writes to the "memlint" output channel and other
// editors to their LSP log. Each distinct problem is logged once per session.
import type { Connection } from 'vscode-languageserver';

export class ServerLog {
  private readonly seen = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.connection.console.info(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  /** Log an error the first time `key` is seen in this session. */
  errorOnce(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.error(message);
  }

  /** Run `work`; if it throws, log it once and return `fallback` (nothing escapes into the connection). */
  async guard<T>(what: string, work: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.errorOnce(`${what}:${message}`, `${what} failed: ${message}`);
      return fallback;
    }
  }
}
