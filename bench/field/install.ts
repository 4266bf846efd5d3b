// Brings each project of the corpus into the cache folder once: npm tarballs with `npm pack`, Debian packages
// with `apt-get download` + `dpkg-deb -x` (no root needed, nothing installed on the system). A folder in the
// cache is complete or absent: each is unpacked beside it and renamed into place.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Project } from './manifest';

export interface Installed {
  project: Project;
  /** The folder that the project's roots and finding paths are relative to. */
  dir: string;
  /** The version actually used (Debian may serve another than the pinned one). */
  version: string;
}

/** Runs a program (never a shell) and returns its stdout; throws with its stderr when it fails. */
function run(program: string, args: string[], cwd?: string): string {
  const res = spawnSync(program, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.error) throw new Error(`${program} could not start (${(res.error as NodeJS.ErrnoException).code ?? res.error.message})`);
  if (res.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (exit ${res.status}): ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return res.stdout;
}

/** Fills `final` by calling `fill(tmp)` on a fresh sibling folder, then renaming it. */
function unpackInto(final: string, fill: (tmp: string) => void): void {
  fs.mkdirSync(path.dirname(final), { recursive: true });
  const tmp = `${final}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  try {
    fill(tmp);
    fs.renameSync(tmp, final);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function installNpm(project: Project, cache: string, log: (line: string) => void): Installed {
  const final = path.join(cache, 'npm', `${project.id}@${project.version}`);
  if (!fs.existsSync(final)) {
    log(`fetching ${project.package}@${project.version} (npm)`);
    unpackInto(final, (tmp) => {
      const out = run('npm', ['pack', `${project.package}@${project.version}`, '--ignore-scripts', '--json', '--pack-destination', tmp], tmp);
      const tarball = path.join(tmp, (JSON.parse(out) as { filename: string }[])[0].filename);
      const unpacked = path.join(tmp, 'unpacked');
      fs.mkdirSync(unpacked);
      run('tar', ['-xzf', tarball, '-C', unpacked]);
      // npm tarballs hold one top folder, usually `package/`.
      const [top] = fs.readdirSync(unpacked);
      fs.renameSync(path.join(unpacked, top), path.join(tmp, 'package'));
      fs.rmSync(unpacked, { recursive: true });
      fs.rmSync(tarball);
    });
  }
  return { project, dir: path.join(final, 'package'), version: project.version };
}

export interface AptPolicy {
  /** What `apt-get download pkg` would fetch, if anything. */
  candidate?: string;
  /** Versions some archive still serves (the installed one alone, from dpkg's status file, does not count). */
  downloadable: string[];
}

/** Reads `apt-cache policy <pkg>` output. */
export function parsePolicy(text: string): AptPolicy {
  const m = /^\s*Candidate:\s*(\S+)/m.exec(text);
  const downloadable: string[] = [];
  let version: string | undefined;
  for (const line of (text.split('Version table:')[1] ?? '').split('\n')) {
    const entry = /^ (?:\*\*\*| {3}) (\S+) -?\d+$/.exec(line);
    if (entry) version = entry[1];
    else if (version && /^\s+-?\d+ /.test(line) && !line.trim().endsWith('/var/lib/dpkg/status') && !downloadable.includes(version)) {
      downloadable.push(version);
    }
  }
  return { candidate: m && m[1] !== '(none)' ? m[1] : undefined, downloadable };
}

/** The pinned version when apt can still download it, else apt's candidate (old security updates leave the lists). */
function aptVersion(pkg: string, pinned: string): string | undefined {
  const policy = parsePolicy(run('apt-cache', ['policy', pkg]));
  return policy.downloadable.includes(pinned) ? pinned : policy.candidate;
}

const debianDir = (cache: string, pkg: string, version: string) => path.join(cache, 'debian', `${pkg}_${version.replace(/:/g, '%3a')}`);

interface AptState {
  updated: boolean;
}

function installDebian(project: Project, cache: string, log: (line: string) => void, apt: AptState): Installed {
  const base = project.base ?? '.';
  const pinned = debianDir(cache, project.package, project.version);
  if (fs.existsSync(pinned)) return { project, dir: path.join(pinned, base), version: project.version };

  let version = aptVersion(project.package, project.version);
  if (!version && !apt.updated) {
    if (process.getuid?.() !== 0) {
      throw new Error(`apt knows no version of ${project.package}: run \`apt-get update\` as root first (this user is not root)`);
    }
    log('apt knows no candidate yet: running apt-get update');
    run('apt-get', ['update']);
    apt.updated = true;
    version = aptVersion(project.package, project.version);
  }
  if (!version) throw new Error(`apt offers no version of ${project.package}`);
  if (version !== project.version) {
    log(`warning: ${project.package} ${project.version} (pinned) is not available from apt; using ${version}, what it serves now`);
  }
  const final = debianDir(cache, project.package, version);
  if (!fs.existsSync(final)) {
    log(`fetching ${project.package}=${version} (Debian)`);
    unpackInto(final, (tmp) => {
      const download = path.join(tmp, 'download');
      fs.mkdirSync(download);
      run('apt-get', ['download', `${project.package}=${version}`], download);
      const deb = fs.readdirSync(download).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${project.package}=${version} left no .deb`);
      run('dpkg-deb', ['-x', path.join(download, deb), tmp]);
      fs.rmSync(download, { recursive: true });
    });
  }
  return { project, dir: path.join(final, base), version };
}

/** Installs every project that is not cached yet. Debian projects are skipped, with a warning, where apt is missing. */
export function installAll(projects: readonly Project[], cache: string, log: (line: string) => void): Installed[] {
  const apt: AptState = { updated: false };
  const hasApt = spawnSync('apt-get', ['--version']).status === 0 && spawnSync('dpkg-deb', ['--version']).status === 0;
  const out: Installed[] = [];
  for (const project of projects) {
    if (project.from === 'npm') out.push(installNpm(project, cache, log));
    else if (hasApt) out.push(installDebian(project, cache, log, apt));
    else log(`warning: no apt-get/dpkg-deb on this machine: ${project.id} (${project.package}) skipped`);
  }
  return out;
}
