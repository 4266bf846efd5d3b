// Start and stop code-server (the real VS Code 1.100, server + web workbench) for one test run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER } from './paths';

export interface Server {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  log: string[];
  stop(): void;
}

export interface ServerOptions {
  /** false: Workspace Trust on, so a folder opens untrusted (nothing is trusted in a fresh profile). */
  trusted: boolean;
  /** Extensions directory (default: a fresh empty one). */
  extensionsDir?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Port on 127.0.0.1 (default: any free one). */
  port?: number;
}

/** User settings that keep the workbench quiet and deterministic in tests. */
const QUIET_SETTINGS = {
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

export function codeServerInstalled(): boolean {
  return fs.existsSync(CODE_SERVER);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `memlint-${prefix}-`));
}

/** Copy a folder (fixtures are edited by the tests; the repository's copy stays as it is). */
export function copyFolder(from: string, prefix: string): string {
  const to = tempDir(prefix);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** code-server would ask open-vsx.org for extensions; nothing here may reach outside the npm registry and Debian. */
const NO_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });

function commonArgs(userDataDir: string, extensionsDir: string, configDir: string): string[] {
  return [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(configDir, 'config.yaml'),
  ];
}

/** Install a .vsix into an extensions directory with code-server's own CLI. */
export function installExtension(vsix: string, extensionsDir: string): void {
  const scratch = tempDir('install');
  const result = spawnSync(process.execPath, [CODE_SERVER, ...commonArgs(path.join(scratch, 'data'), extensionsDir, scratch), '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  fs.rmSync(scratch, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const home = tempDir('server');
  const userDataDir = path.join(home, 'data');
  const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const args = [CODE_SERVER, ...commonArgs(userDataDir, extensionsDir, home), '--bind-addr', `127.0.0.1:${options.port ?? 0}`];
  if (options.trusted) args.push('--disable-workspace-trust');
  const child: ChildProcess = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', EXTENSIONS_GALLERY: NO_GALLERY } });
  const log: string[] = [];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // code-server forks a child that would outlive it: end the whole process group.
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    process.removeListener('exit', stop);
    fs.rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', stop);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${log.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}):\n${log.join('')}`));
    });
  }).catch((err) => {
    stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${port}`, port, userDataDir, extensionsDir, log, stop };
}
