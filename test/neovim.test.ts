// Another editor, for real: Debian's Neovim (0.7.2, its built-in LSP client) runs headless against
// `memlint server --stdio` (test/neovim/memlint.lua): it opens a Python file with the article's tail read, receives
// the diagnostic, applies the preferred code action and sees the finding go. `npm run setup` installs Neovim.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../src/core/fixes';
import { lint } from './support/lint';
import { ROOT } from './support/paths';

const TAIL = `def last_lines(path, n):
    with open(path) as f:
        return f.readlines()[-n:]
`;

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

describe('Neovim (built-in LSP client) against memlint server --stdio', function () {
  this.timeout(90_000);
  const version = nvimVersion();

  before(function () {
    if (!version) {
      console.log('    (skipped: nvim is not installed; `npm run setup` installs Debian\'s neovim)');
      this.skip();
    }
  });

  it('shows the tail read\'s diagnostic, applies its preferred fix, and the finding goes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-nvim-'));
    try {
      const file = path.join(dir, 'tail.py');
      fs.writeFileSync(file, TAIL);
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'neovim', 'memlint.lua')}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          MEMLINT_CLI: path.join(ROOT, 'out', 'src', 'cli', 'main.js'),
          MEMLINT_ROOT: dir,
          MEMLINT_FILE: file,
          // Neovim's LSP log and state go to the scratch folder.
          XDG_CACHE_HOME: dir,
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
          XDG_CONFIG_HOME: dir,
        },
      });
      const steps = new Map<string, unknown>();
      for (const line of run.stdout.split('\n')) {
        const m = /^MEMLINT (\w+) (.*)$/.exec(line);
        if (m) steps.set(m[1], JSON.parse(m[2]));
      }
      assert.equal(steps.get('error'), undefined, `Neovim said: ${String(steps.get('error'))}\n${run.stderr}`);
      assert.equal(run.status, 0, `nvim exited ${run.status} ${run.signal ?? ''}\n${run.stdout}\n${run.stderr}`);

      const [finding] = (await lint(TAIL, 'python', undefined, { file })).findings;
      assert.equal(finding.rule, 'readlines-for-tail');
      assert.deepEqual(steps.get('diagnostic'), {
        line: finding.line - 1,
        col: finding.column - 1,
        end_line: finding.endLine - 1,
        end_col: finding.endColumn - 1,
        code: 'readlines-for-tail',
        severity: 2,
        message: finding.message,
      });
      assert.deepEqual(steps.get('actions'), [
        ...finding.fixes.map((f) => (f.safety === 'unsafe' ? `${f.title} (unsafe)` : f.title)),
        'Disable memlint rule readlines-for-tail for this line',
        'Show documentation for memlint rule readlines-for-tail',
      ]);
      const safe = finding.fixes.find((f) => f.safety === 'safe')!;
      // Neovim's buffer lines, joined: the file's last newline is not one of them.
      assert.equal(`${steps.get('text')}\n`, applyEdits(TAIL, safe.edits));
      assert.equal(steps.get('relinted'), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
