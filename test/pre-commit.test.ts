// The pre-commit hook (.pre-commit-hooks.yaml) run by Debian's pre-commit in a git repository with staged files.
// The hook's definition is this repository's, with one change: `language: node` would have pre-commit install
// memlint from the npm registry into its own Node; here it runs the built CLI instead (`language: system`).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, removeTempDirs, TAIL_PY, tempDir } from './support/cli';
import { ROOT } from './support/paths';

const CLEAN_PY = 'def head(path):\n    with open(path) as f:\n        return f.read(4096)\n';

function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const res = spawnSync(program, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: res.status, out: `${res.stdout}${res.stderr}`, error: res.error };
}

function git(args: string[], cwd: string): string {
  const r = run('git', ['-c', 'user.name=memlint', '-c', 'user.email=memlint@example.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);
  assert.equal(r.code, 0, r.out);
  return r.out;
}

/** A git repository holding this repository's hook definition, pointed at the built CLI. */
function hookRepo(): { dir: string; rev: string } {
  const dir = tempDir('memlint-hook-');
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const local = hooks.replace(/^(\s*)entry: memlint check$/m, `$1entry: ${process.execPath} ${CLI} check`).replace(/^(\s*)language: node$/m, '$1language: system');
  assert.notEqual(local, hooks);
  fs.writeFileSync(path.join(dir, '.pre-commit-hooks.yaml'), local);
  git(['init', '-q'], dir);
  git(['add', '.'], dir);
  git(['commit', '-q', '-m', 'hooks'], dir);
  return { dir, rev: git(['rev-parse', 'HEAD'], dir).trim() };
}

describe('pre-commit hook', function () {
  this.timeout(120_000);
  after(removeTempDirs);

  before(function () {
    if (run('pre-commit', ['--version'], ROOT).error) {
      // npm run setup installs it; CI must run this test.
      if (process.env.CI) throw new Error('pre-commit is not installed (npm run setup installs it)');
      this.skip();
    }
  });

  it('checks only the staged files it is given, and stops the commit while problems remain', () => {
    const hooks = hookRepo();
    const repo = tempDir('memlint-precommit-');
    const env = { PRE_COMMIT_HOME: path.join(repo, '.pre-commit-home') };
    git(['init', '-q'], repo);
    fs.writeFileSync(path.join(repo, '.gitignore'), '.pre-commit-home/\n');
    fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks.dir}\n    rev: ${hooks.rev}\n    hooks:\n      - id: memlint\n`);
    // Already committed, and changed but not staged: neither is the hook's business.
    fs.writeFileSync(path.join(repo, 'old.py'), TAIL_PY);
    git(['add', '.'], repo);
    git(['commit', '-q', '--no-verify', '-m', 'start'], repo);
    fs.writeFileSync(path.join(repo, 'unstaged.py'), TAIL_PY);
    fs.writeFileSync(path.join(repo, 'notes.txt'), TAIL_PY);
    fs.writeFileSync(path.join(repo, 'tail.py'), TAIL_PY);
    fs.writeFileSync(path.join(repo, 'clean.py'), CLEAN_PY);
    git(['add', 'tail.py', 'clean.py', 'notes.txt'], repo);
    assert.equal(run('pre-commit', ['install'], repo, env).code, 0);

    const blocked = run('git', ['-c', 'user.name=m', '-c', 'user.email=m@example.invalid', 'commit', '-m', 'add tail'], repo, env);
    assert.equal(blocked.code, 1, blocked.out);
    assert.match(blocked.out, /^memlint\.+Failed$/m);
    assert.match(blocked.out, /^tail\.py:3:16: warning readlines-for-tail /m);
    assert.match(blocked.out, /^Found 1 problem in 1 file \(1 fixable with --fix\)\.$/m);
    assert.doesNotMatch(blocked.out, /old\.py|unstaged\.py|notes\.txt/);

    fs.writeFileSync(path.join(repo, 'tail.py'), CLEAN_PY);
    git(['add', 'tail.py'], repo);
    const passed = run('git', ['-c', 'user.name=m', '-c', 'user.email=m@example.invalid', 'commit', '-m', 'add head'], repo, env);
    assert.equal(passed.code, 0, passed.out);
    assert.match(passed.out, /^memlint\.+Passed$/m);
    // The cache memlint keeps in the repository is never staged.
    assert.equal(run('git', ['status', '--porcelain', '--ignored=no', '--untracked-files=all'], repo).out, '?? unstaged.py\n');
  });
});
