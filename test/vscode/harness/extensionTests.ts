// Run a mocha suite inside the real extension host: open the workbench with extensionDevelopmentPath and
// extensionTestsPath; the workbench reports the run's console output and exit code through two page functions.
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import type { Server } from './server';

export interface SuiteResult {
  passed: number;
  failed: number;
  exitCode: number;
  output: string[];
}

export async function runExtensionTests(
  browser: Browser,
  server: Server,
  options: { folder: string; extensionPath: string; testsPath: string; name: string; timeoutMs?: number },
): Promise<SuiteResult> {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extensionPath)],
    ['extensionTestsPath', remote(options.testsPath.replace(/\.js$/, ''))],
  ];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const output: string[] = [];
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    output.push(line);
    process.stdout.write(`  ${line.replace(/\n/g, '\n  ')}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      output.push(`${options.name}: timed out`);
      resolve(-1);
    }, options.timeoutMs ?? 240_000);
  });
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const exitCode = await Promise.race([exited, timeout]);
    const counts = [...output.join('\n').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
    const passed = counts ? Number(counts[1]) : 0;
    const failed = counts ? Number(counts[2]) : 0;
    // A crash or time-out before mocha counted anything is one failure, never a silent pass.
    return { passed, failed: exitCode !== 0 && failed === 0 ? failed + 1 : failed, exitCode, output };
  } finally {
    clearTimeout(timer); // a finished run keeps no timer alive
    await context.close();
  }
}
