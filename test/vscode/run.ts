// `npm run test:vscode`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, Debian chromium):
//   1. integration tests inside the extension host, trusted workspace;
//   2. the same host, untrusted workspace (Workspace Trust on, folder never trusted);
//   3. the UI end-to-end test on the packaged .vsix.
// Prints `N passed, N failed` last.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runUiTest } from './e2e/ui';
import { launchBrowser } from './harness/browser';
import { runExtensionTests } from './harness/extensionTests';
import { FIXTURE_WORKSPACE, ROOT } from './harness/paths';
import { codeServerInstalled, copyFolder, startServer } from './harness/server';

interface Tally {
  passed: number;
  failed: number;
}

async function integration(name: string, trusted: boolean, entry: string): Promise<Tally> {
  console.log(`\n== ${name}`);
  const folder = copyFolder(FIXTURE_WORKSPACE, 'workspace');
  const server = await startServer({ trusted });
  const browser = await launchBrowser();
  try {
    const result = await runExtensionTests(browser, server, {
      name,
      folder,
      extensionPath: ROOT,
      testsPath: path.join(__dirname, 'suite', entry),
    });
    if (result.exitCode !== 0 && result.passed + result.failed <= 1) {
      console.log(`  ${name}: the run ended with code ${result.exitCode}; code-server log:\n${server.log.join('').slice(-4000)}`);
    }
    return { passed: result.passed, failed: result.failed };
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const want = (part: string) => only.length === 0 || only.includes(part);
  if (!codeServerInstalled()) {
    console.error('code-server is not installed: run `npm run setup` first.');
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first.');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const tallies: [string, Tally][] = [];
  const guard = async (name: string, f: () => Promise<Tally>) => {
    try {
      tallies.push([name, await f()]);
    } catch (err) {
      console.error(`${name}: ${err instanceof Error ? err.stack : String(err)}`);
      tallies.push([name, { passed: 0, failed: 1 }]);
    }
  };
  if (want('trusted')) await guard('integration (trusted)', () => integration('integration tests, trusted workspace', true, 'trusted.js'));
  if (want('untrusted')) await guard('integration (untrusted)', () => integration('integration tests, untrusted workspace', false, 'untrusted.js'));
  if (want('ui')) await guard('ui', () => runUiTest());
  console.log('');
  for (const [name, t] of tallies) console.log(`  ${name}: ${t.passed} passed, ${t.failed} failed`);
  const passed = tallies.reduce((n, [, t]) => n + t.passed, 0);
  const failed = tallies.reduce((n, [, t]) => n + t.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
