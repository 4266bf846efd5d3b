// The UI end-to-end test, as a user works: the packaged .vsix installed into code-server, the examples/ folder
// open; click a file in the Explorer, see the squiggle, apply the quick fix with Ctrl+., run
// "memlint: Fix all safe issues in this file" from the palette, open Problems; run the file with memory tracking
// before and after the fixes, see the drop in the status bar, click it for the report. Screenshots go to media/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { applyEdits } from '../../../src/core/fixes';
import { lint, fixText } from '../../support/lint';
import { DEFAULTS } from '../../../src/core/settings';
import { projectFor } from '../../../src/cli/project';
import { INDEXERS } from '../../../src/rules';
import { launchBrowser } from '../harness/browser';
import { packageVsix } from '../harness/package';
import { EXAMPLES, SCREENSHOTS } from '../harness/paths';
import { copyFolder, installExtension, startServer, tempDir } from '../harness/server';

const FILE = 'logs.py';
/** The editor's squiggle class for each severity. */
const SQUIGGLE = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;
/** The log the tracked runs read: big enough that the whole reads dominate the peak, small enough to be quick. */
const LOG_MB = '40';

interface Step {
  name: string;
  run: () => Promise<void>;
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** Run a command from the palette (F1) by its full title. */
async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^memlint: /, '') }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The peak the status bar shows once a tracked run is over, in MB, and the whole text. */
async function peakInStatusBar(page: Page, pattern: RegExp): Promise<{ mb: number; text: string }> {
  const item = page.locator('.statusbar-item', { hasText: /Peak|MB/ });
  const until = Date.now() + 120_000;
  let text = '';
  while (Date.now() < until) {
    text = ((await item.count()) > 0 ? await item.first().innerText() : '').trim();
    const m = /Peak ([\d,]+\.\d) MB/.exec(text);
    if (m && pattern.test(text)) return { mb: Number(m[1].replace(/,/g, '')), text };
    await page.waitForTimeout(200);
  }
  throw new Error(`the status bar never showed ${pattern} (last: "${text}")`);
}

export async function runUiTest(): Promise<{ passed: number; failed: number }> {
  console.log('\n== UI end-to-end (packaged .vsix, examples/ workspace)');
  const scratch = tempDir('ui');
  const folder = copyFolder(EXAMPLES, 'examples');
  const file = path.join(folder, FILE);
  const gen = spawnSync('python3', [path.join(folder, 'generate_log.py'), LOG_MB, path.join(folder, 'big.log')], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`generate_log.py failed: ${gen.stderr}`);
  let before = 0;
  let passed = 0;
  let failed = 0;
  const t0 = Date.now();
  const vsix = packageVsix(path.join(scratch, 'memlint.vsix'));
  console.log(`  packaged ${path.basename(vsix.file)}: ${(vsix.bytes / 1024 / 1024).toFixed(2)} MB`);
  const extensionsDir = path.join(scratch, 'extensions');
  installExtension(vsix.file, extensionsDir);
  const server = await startServer({ trusted: true, extensionsDir, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 14 } });
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  console.log(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // What the user should end up with, from the core itself.
  const original = fs.readFileSync(file, 'utf8');
  // With the project around the file, as the language server lints it (the callers decide the size, so the level).
  const findings = (await lint(original, 'python', DEFAULTS, { file, root: folder, project: projectFor([folder], INDEXERS).view(file) })).findings;
  const first = findings[0];
  const fix = first?.fixes.find((f) => f.safety === 'safe');
  const afterQuickFix = fix ? applyEdits(original, fix.edits) : original;

  const problems = page.locator('.markers-panel');
  /** The Problems panel shows exactly these findings (by rule id), or its empty message. */
  const showsProblems = async (expected: readonly { rule: string }[]) => {
    if (expected.length === 0) {
      await problems.getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
      return;
    }
    for (const f of expected) await problems.locator('.monaco-list-row', { hasText: f.rule }).first().waitFor({ timeout: 15_000 });
  };

  const steps: Step[] = [
    {
      name: 'opening logs.py from the Explorer shows squiggles and the findings in Problems',
      run: async () => {
        assert.ok(findings.length > 0, 'the core finds problems in examples/logs.py');
        await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
        const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first();
        await row.waitFor({ timeout: 60_000 });
        const clicked = Date.now();
        await row.click();
        await page.locator(`.monaco-editor .squiggly-${SQUIGGLE[first.severity]}`).first().waitFor({ timeout: 60_000 });
        console.log(`  click -> first squiggle: ${Date.now() - clicked} ms (cold workbench: extension host start, activation, grammar, lint)`);
        await page.keyboard.press('Control+Shift+M');
        await showsProblems(findings);
        await page.mouse.move(0, 0);
        await shot(page, 'editor-squiggles.png');
        // Linting shows no summary in the status bar: memlint's item belongs to the tracker, used below.
        assert.equal(await page.locator('.statusbar-item', { hasText: /memlint|Peak/ }).count(), 0);
      },
    },
    {
      name: '"memlint: Run with Memory Tracking" runs logs.py: output in a terminal, the peak in the status bar and on its line, the stack in its hover, the top lines marked',
      run: async () => {
        await palette(page, 'memlint: Run with Memory Tracking');
        const peak = await peakInStatusBar(page, /^\S*\s*Peak [\d,.]+ MB$/);
        before = peak.mb;
        assert.ok(before > Number(LOG_MB) * 2, `a whole ${LOG_MB} MB log read as text peaks above twice its size: ${peak.text}`);
        await page.locator('.terminal-wrapper').first().waitFor({ timeout: 10_000 });
        // The peak is the splitlines() of a whole read (the marks themselves are checked in the integration test):
        // bring that line into view for the screenshot.
        const line = original.split('\n').findIndex((l) => l.includes('content.splitlines()')) + 1;
        assert.ok(line > 0);
        await page.locator('.monaco-editor textarea').first().focus();
        await page.keyboard.press('Control+g');
        await page.keyboard.type(String(line));
        await page.keyboard.press('Enter');
        await page.mouse.move(0, 0);
        await shot(page, 'tracked-run.png');
        // The peak's mark: its hover is the stack at the peak, each frame a link; the top lines carry what they added.
        // Pointing at the peak line's code shows the hover (the mark's own text is drawn by CSS, out of the DOM).
        const code = page.locator('.view-line', { hasText: 'content.splitlines()' }).first().locator('span > span', { hasText: 'splitlines' }).first();
        await code.hover();
        const hover = page.locator('.monaco-hover', { hasText: 'reached with this stack' }).first();
        await hover.waitFor({ timeout: 10_000 });
        assert.match(await hover.innerText(), new RegExp(`${FILE}:${line} in`), 'the peak line heads the stack');
        await shot(page, 'peak-stack.png');
        await page.keyboard.press('Escape');
        await page.mouse.move(0, 0);
      },
    },
    {
      name: 'Ctrl+. on the first problem offers the fix; choosing it rewrites the code',
      run: async () => {
        assert.ok(fix, 'the first finding has a safe fix');
        await page.locator('.monaco-editor textarea').first().focus();
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('F8'); // go to the next problem: the cursor lands on it
        await page.locator('.marker-widget').first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget');
        await menu.waitFor({ timeout: 10_000 });
        await menu.locator('.monaco-list-row', { hasText: fix.title }).first().waitFor({ timeout: 10_000 });
        const titles = await menu.locator('.monaco-list-row').allInnerTexts();
        assert.ok(titles.some((t) => t.includes(`Disable memlint rule ${first.rule} for this line`)), titles.join(' | '));
        await shot(page, 'quick-fix.png');
        // The menu is keyboard-driven (a pointer block covers it): move the focus to the fix, then Enter.
        for (let i = 0; i < 10; i++) {
          if ((await menu.locator('.monaco-list-row.focused').getAttribute('aria-label')) === fix.title) break;
          await page.keyboard.press('ArrowDown');
        }
        assert.equal(await menu.locator('.monaco-list-row.focused').getAttribute('aria-label'), fix.title);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Control+s');
        await waitForFile(file, afterQuickFix);
      },
    },
    {
      name: 'the palette command "memlint: Fix all safe issues in this file" fixes the rest; Problems follows',
      run: async () => {
        const expected = (await fixText(afterQuickFix, 'python', DEFAULTS)).text;
        assert.notEqual(expected, afterQuickFix, 'safe fixes remain after the first one');
        await palette(page, 'memlint: Fix all safe issues in this file');
        await page.waitForTimeout(300);
        await page.keyboard.press('Control+s');
        await waitForFile(file, expected);
        await page.keyboard.press('Control+Shift+M'); // the tracked run's terminal took the panel
        await showsProblems((await lint(expected, 'python', DEFAULTS)).findings);
        await shot(page, 'fixed.png');
      },
    },
    {
      name: 'after the fixes a second run shows the drop; clicking the status bar opens the report; its peak link opens the line',
      run: async () => {
        await palette(page, 'memlint: Run with Memory Tracking');
        const after = await peakInStatusBar(page, /\u2212[\d.]+ % vs last run/);
        assert.ok(after.mb < before / 3, `streaming cuts the peak: ${before} MB -> ${after.text}`);
        await page.locator('.statusbar-item', { hasText: 'Peak' }).first().click();
        const report = page.frameLocator('iframe.webview').frameLocator('iframe');
        await report.locator('svg').first().waitFor({ timeout: 20_000 });
        await report.getByText('\u2192').first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Control+j'); // hide the panel: the report gets the height
        await page.waitForTimeout(500);
        await page.mouse.move(0, 0);
        await shot(page, 'report.png');
        // The peak location is a link to its line.
        const link = report.locator('a[data-line]').first();
        const line = Number(await link.getAttribute('data-line'));
        assert.ok(line > 0, 'the peak has a line');
        await link.click();
        await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor({ timeout: 10_000 });
      },
    },
  ];

  try {
    for (const step of steps) {
      try {
        await step.run();
        passed++;
        console.log(`    ✔ ${step.name}`);
      } catch (err) {
        failed++;
        console.log(`    ✗ ${step.name}\n      ${err instanceof Error ? err.message : String(err)}`);
        const failure = path.join(os.tmpdir(), 'memlint-ui-failure.png');
        await page.screenshot({ path: failure }).catch(() => undefined);
        console.log(`      screenshot: ${failure}`);
        break; // later steps build on earlier ones
      }
    }
    failed += steps.length - passed - failed; // steps not reached count as failed
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(folder, { recursive: true, force: true });
  }
  console.log(`  UI: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

async function waitForFile(file: string, expected: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < until) {
    text = fs.readFileSync(file, 'utf8');
    if (text === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(text, expected, `${path.basename(file)} on disk`);
}
