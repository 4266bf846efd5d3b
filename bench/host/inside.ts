// The part of `npm run bench -- host` that runs inside the real extension host (loaded as an extension test entry).
// 1. Type into a 10,000-line TypeScript file for 5 s and measure this process's event loop, with memlint on and
//    with memlint disabled (the host's own noise), twice each, interleaved so machine load hits both alike.
// 2. Re-lint times: one keystroke, then the server's lint of it, interleaved with the same lint run in this process
//    as the extension ran it before it had a language server.
// Prints one line `MEMLINT-BENCH <json>`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { lintPrepared, prepare } from '../../src/core/linter';
import { DEFAULTS } from '../../src/core/settings';
import { hostOptions } from '../../src/host/options';
import type { MemlintApi } from '../../src/vscode/api';

const TYPING_MS = 5_000;
/** One character every 300 ms: each pause outlasts the default 250 ms debounce, so every keystroke is linted. */
const KEY_EVERY_MS = 300;
const RELINTS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: readonly number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

async function type(editor: vscode.TextEditor, i: number): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((b) => b.insert(end, i % 40 === 0 ? '\n// ' : 'x'));
}

/**
 * Type for TYPING_MS; the longest event-loop stall meanwhile, the 99th percentile, the CPU time this process used
 * (unlike stalls, not inflated when the machine's load keeps the process waiting for a core), and how many lints ran.
 */
async function typing(editor: vscode.TextEditor, memlint: MemlintApi): Promise<{ maxStallMs: number; p99Ms: number; cpuMs: number; lints: number }> {
  const lintsBefore = memlint.server.lintTimes.length;
  const cpu = process.cpuUsage();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const until = Date.now() + TYPING_MS;
  for (let i = 0; Date.now() < until; i++) {
    await type(editor, i);
    await sleep(KEY_EVERY_MS);
  }
  await memlint.idle();
  histogram.disable();
  const used = process.cpuUsage(cpu);
  return { maxStallMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, cpuMs: (used.user + used.system) / 1000, lints: memlint.server.lintTimes.length - lintsBefore };
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'big.ts'));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const memlint = await vscode.extensions.getExtension<MemlintApi>('memlint.memlint')!.activate();
  await memlint.idle();
  const config = vscode.workspace.getConfiguration('memlint');
  const enable = async (on: boolean) => {
    await config.update('enable', on ? undefined : false, vscode.ConfigurationTarget.Workspace);
    await memlint.idle();
  };

  const on: Awaited<ReturnType<typeof typing>>[] = [];
  const off: Awaited<ReturnType<typeof typing>>[] = [];
  for (let round = 0; round < 2; round++) {
    on.push(await typing(editor, memlint));
    await enable(false);
    off.push(await typing(editor, memlint));
    await enable(true);
  }

  // Re-lints, interleaved: the server's (one keystroke, linted there) and the same lint in this process.
  const text = () => document.getText();
  await prepare('typescript');
  const options = { ...hostOptions('typescript'), file: document.uri.fsPath };
  lintPrepared(text(), 'typescript', DEFAULTS, options); // warm
  const server: number[] = [];
  const inHost: number[] = [];
  for (let i = 0; i < RELINTS; i++) {
    const before = memlint.server.lintTimes.length;
    await type(editor, 1);
    await memlint.idle();
    if (memlint.server.lintTimes.length > before) server.push(memlint.server.lintTimes.at(-1)!);
    const t = performance.now();
    lintPrepared(text(), 'typescript', DEFAULTS, options);
    inHost.push(performance.now() - t);
  }
  const result = {
    lines: document.lineCount,
    activationMs: memlint.activationMs,
    on: { maxStallMs: Math.max(...on.map((r) => r.maxStallMs)), p99Ms: Math.max(...on.map((r) => r.p99Ms)), cpuMs: median(on.map((r) => r.cpuMs)), lints: on.reduce((n, r) => n + r.lints, 0) },
    off: { maxStallMs: Math.max(...off.map((r) => r.maxStallMs)), p99Ms: Math.max(...off.map((r) => r.p99Ms)), cpuMs: median(off.map((r) => r.cpuMs)) },
    serverLintMedianMs: median(server),
    inHostLintMedianMs: median(inHost),
    relints: server.length,
  };
  console.log(`MEMLINT-BENCH ${JSON.stringify(result)}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
