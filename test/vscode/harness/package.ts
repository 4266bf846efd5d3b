// Package the extension as a .vsix with @vscode/vsce (its vscode:prepublish script writes the production bundle).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './paths';

export function packageVsix(outFile: string): { file: string; bytes: number } {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', outFile], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0 || !fs.existsSync(outFile)) throw new Error(`vsce package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { file: outFile, bytes: fs.statSync(outFile).size };
}
