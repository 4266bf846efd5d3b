// The server's log: `window/logMessage`, which the VS Code client writes to the "memlint" output channel and other
// editors to their LSP log. Each distinct problem is logged once per session.
import type { Connection } from 'vscode-languageserver';
import { OnceLog } from './onceLog';

export class ServerLog extends OnceLog {
  constructor(private readonly connection: Connection) {
    super();
  }

  info(message: string): void {
    this.connection.console.info(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }
}
