// Running the built CLI as a user does, on files a test writes to a temp folder.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './paths';

export const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
/** The same CLI as esbuild bundles it (`npm run build`): what the extension ships. */
export const BUNDLE = path.join(ROOT, 'dist', 'memlint.js');

/** Run `memlint args` in `cwd`; `options` may set a uid/gid, a timeout or node flags (through NODE_OPTIONS in env). */
export function memlint(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: SpawnSyncOptions = {}, script = CLI) {
  const res = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    maxBuffer: 64 << 20,
    ...options,
  });
  return { code: res.status, signal: res.signal, out: String(res.stdout), err: String(res.stderr) };
}

const created: string[] = [];

/** A new temp folder, removed by removeTempDirs(). */
export function tempDir(prefix = 'memlint-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every temp folder made so far (call it in an after() hook). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function tree(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export const TAIL_PY = 'def tail(path):\n    with open(path) as f:\n        return f.readlines()[-10:]\n';

/** No stack trace, ever: no "    at fn (file:line)" lines. */
export const noStack = (s: string) => assert.doesNotMatch(s, /^\s+at .+:\d+:\d+\)?$/m, s);
