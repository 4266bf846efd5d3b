// `memlint server [--stdio | --node-ipc]`: the language server on standard input/output (any editor; the default)
// or Node IPC (the VS Code client forks `dist/memlint.js server --node-ipc`).
import * as os from 'node:os';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { version } from '../host/version';
import { startServer } from './server';

export const SERVER_HELP = `Usage: memlint server [--stdio | --node-ipc]

Run memlint's language server (LSP 3.17): diagnostics, code actions and fix-all for Python and
JavaScript/TypeScript, for any editor with an LSP client. --stdio (the default) speaks LSP on standard
input and output; --node-ipc over Node's IPC channel, for a parent Node process that forked it.
`;

/** How much lower than its parent's the server's scheduling priority is (Unix niceness). */
const BACKGROUND_NICENESS = 5;


/** Start serving; the process lives as long as the connection. Returns a usage error's text, if any. */
export function serve(args: readonly string[]): string | undefined {
  const transports = args.filter((a) => a === '--stdio' || a === '--node-ipc');
  const known: readonly string[] = transports;
  const unknown = args.filter((a) => !known.includes(a) && !a.startsWith('--clientProcessId'));
  if (unknown.length) return `unknown option ${unknown[0]} (see memlint server --help)`;
  if (transports.length > 1) return 'choose one of --stdio and --node-ipc';
  const connection =
    transports[0] === '--node-ipc'
      ? createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process))
      : createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // Linting is background work: on a busy machine the editor (and what the user runs) should get the core first.
  try {
    os.setPriority(Math.min(19, os.getPriority() + BACKGROUND_NICENESS));
  } catch {
    /* not allowed here: run at the priority we have */
  }
  startServer(connection, version());
  return undefined;
}
