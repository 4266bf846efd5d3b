#!/usr/bin/env node
// memlint check | run | server. Bad usage exits 2 with a one-line message; no stack trace reaches the user.
import { UsageError } from './usage';
import { version } from '../host/version';
import { readLargeModulesInPieces } from '../host/largeModules';

readLargeModulesInPieces();

const HELP = `memlint: catch memory anti-patterns, fix them, and measure the difference.

Usage:
  memlint check [--format text|json|sarif] [--fix] [--unsafe-fixes] [--rule id,...] [--strict] [--tests-as-source]
                [--max-file-size KB] [--max-line-length N] [--budget-ms n] [-j|--jobs N] [--no-cache]
                [--cache-location DIR] <paths...>
  memlint run [--report FILE] [--html FILE] [--format text|json] [--budget MB] [--interval MS] [--limit MB|cgroup]
              [--python PATH] [--node PATH] [--no-location] [--no-history] [--] SCRIPT|COMMAND [args...]
  memlint server [--stdio | --node-ipc]
  memlint --help | --version

check  lint Python and JavaScript/TypeScript files or folders (exit 0: clean, 1: findings, 2: usage or unreadable path)
run    run a script under the /proc memory tracker; prints peak, where it was reached, final RSS, time, exit status
server the language server (LSP) for editors: Neovim, Helix, Zed, Emacs, ... (VS Code's extension starts it itself)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    case '-v':
    case '--version':
      process.stdout.write(version() + '\n');
      return 0;
    case 'check':
      quietWhenOutputCloses();
      return (await import('./check')).check(rest);
    case 'run':
      return (await import('./run')).run(rest);
    case 'server': {
      const server = await import('../server/main');
      if (rest.includes('-h') || rest.includes('--help')) {
        process.stdout.write(server.SERVER_HELP);
        return 0;
      }
      const problem = server.serve(rest);
      if (problem) throw new UsageError(problem);
      return new Promise<number>(() => {}); // serves until the client ends the connection (which exits the process)
    }
    default:
      throw new UsageError(`unknown command '${command}' (expected check, run or server; see memlint --help)`);
  }
}

/**
 * `memlint check | head -1`: once the reader is gone, stop quietly, with the status a SIGPIPE death would give (141).
 * (`memlint run` instead lets the run finish and exits with the script's status: see run.ts.)
 */
function quietWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 141 : 2));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof UsageError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`memlint: ${message}\n`);
    process.exitCode = 2;
  },
);
