// `npm start`: the real VS Code (code-server) on 127.0.0.1 with the packaged extension installed and a copy of
// examples/ open, plus a generated big log to run the examples on. Prints the URL; Ctrl+C stops it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageVsix } from './harness/package';
import { EXAMPLES, ROOT } from './harness/paths';
import { codeServerInstalled, installExtension, startServer } from './harness/server';

const HOME = path.join(ROOT, '.memlint', 'start');
const WORKSPACE = path.join(ROOT, '.memlint', 'examples');

async function main(): Promise<void> {
  if (!codeServerInstalled()) throw new Error('code-server is not installed: run `npm run setup` first');
  fs.mkdirSync(HOME, { recursive: true });

  console.log('memlint: packaging the extension ...');
  const vsix = packageVsix(path.join(HOME, 'memlint.vsix'));
  const extensionsDir = path.join(HOME, 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  installExtension(vsix.file, extensionsDir);

  // A fresh copy of the examples each time (so the fixes can be tried again); the big log is kept.
  fs.mkdirSync(WORKSPACE, { recursive: true });
  for (const entry of fs.readdirSync(EXAMPLES)) {
    if (!entry.endsWith('.log')) fs.cpSync(path.join(EXAMPLES, entry), path.join(WORKSPACE, entry), { recursive: true });
  }
  const bigLog = path.join(WORKSPACE, 'big.log');
  if (!fs.existsSync(bigLog)) {
    const mb = process.env.MEMLINT_LOG_MB ?? '200';
    console.log(`memlint: generating ${mb} MB big.log (once) ...`);
    const gen = spawnSync('python3', [path.join(WORKSPACE, 'generate_log.py'), mb, bigLog], { stdio: 'inherit' });
    if (gen.status !== 0) console.warn('memlint: could not generate big.log (python3 missing?); the examples still open.');
  }

  const wanted = Number(process.env.PORT ?? 8080);
  const server = await startServer({ trusted: true, extensionsDir, port: wanted }).catch(() => startServer({ trusted: true, extensionsDir }));
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`
memlint ${(vsix.bytes / 1024 / 1024).toFixed(2)} MB .vsix installed in VS Code (code-server), examples open:

    ${server.url}/?folder=${encodeURI(WORKSPACE)}

Open logs.py or logs.js and run "memlint: Run with Memory Tracking" (F1, or the editor's run menu): the peak shows
in the status bar and on its line. Put the cursor on an underlined read and press Ctrl+. for the streaming fix (or
"memlint: Fix all safe issues in this file"), run again, and click the status bar for the before/after report.
Ctrl+C here stops the server.`);
}

main().catch((err) => {
  console.error(`memlint: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
