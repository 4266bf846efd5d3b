// Each distinct problem logged once per session, and work that must not throw: shared by the server's log and the
// VS Code client's output channel (a plain module: the client bundle imports it).
export abstract class OnceLog {
  private readonly seen = new Set<string>();

  abstract error(message: string): void;

  /** Log an error the first time `key` is seen in this session. */
  errorOnce(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.error(message);
  }

  /** Run `work`; if it throws, log it once and return `fallback` (nothing escapes to the caller). */
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
