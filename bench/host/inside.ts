// The part of `npm run bench -- host` that runs inside the real extension host (loaded as an extension test entry):
// type into a 10,000-line TypeScript file for 5 s and measure this process's event loop, with memlint on and with
// memlint disabled (the host's own noise), then lint the same text in this process as the extension did before it
// had a language server. Prints one line `MEMLINT-BENCH <json>`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { lintPrepared, prepare } from '../../src/core/linter';
import { DEFAULTS } from '../../src/core/settings';
import { hostOptions } from '../../src/host/options';
import type { MemlintApi } from '../../src/vscode/api';

const TYPING_MS = 5_000;
/** One character every 300 ms: each pause is longer than the default 250 ms debounce, so every keystroke is linted. */
const KEY_EVERY_MS = 300;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: readonly number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

/** Type for TYPING_MS at the end of the file; the longest event-loop stall meanwhile, and how many lints ran. */
async function typing(editor: vscode.TextEditor, memlint: MemlintApi): Promise<{ maxStallMs: number; p99Ms: number; lints: number[] }> {
  const lintsBefore = memlint.server.lintTimes.length;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const until = Date.now() + TYPING_MS;
  for (let i = 0; Date.now() < until; i++) {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, i % 40 === 0 ? '\n// ' : 'x'));
    await sleep(KEY_EVERY_MS);
  }
  await memlint.idle();
  histogram.disable();
  return { maxStallMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, lints: memlint.server.lintTimes.slice(lintsBefore) };
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'big.ts'));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const memlint = await vscode.extensions.getExtension<MemlintApi>('memlint.memlint')!.activate();
  await memlint.idle();
  const config = vscode.workspace.getConfiguration('memlint');

  const on = await typing(editor, memlint);
  await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
  await memlint.idle();
  const off = await typing(editor, memlint);
  await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);

  // Before the language server: the same lint, synchronous, in this process (its time is the stall it caused).
  const text = document.getText();
  await prepare('typescript');
  const options = { ...hostOptions('typescript'), file: document.uri.fsPath };
  const inHost: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    lintPrepared(text, 'typescript', DEFAULTS, options);
    inHost.push(performance.now() - t);
  }
  const result = {
    lines: document.lineCount,
    activationMs: memlint.activationMs,
    on: { maxStallMs: on.maxStallMs, p99Ms: on.p99Ms, lints: on.lints.length, serverLintMedianMs: median(on.lints) },
    off: { maxStallMs: off.maxStallMs, p99Ms: off.p99Ms },
    inHostLintMedianMs: median(inHost.slice(2)),
  };
  console.log(`MEMLINT-BENCH ${JSON.stringify(result)}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
