// `memlint run --html FILE` as a user opens it: the page a real run wrote, in Debian's chromium (playwright-core, as
// the editor tests launch it). The chart is drawn, the links point at the script's lines, nothing is fetched.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './vscode/harness/browser';
import { ROOT } from './support/paths';

const CLI = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'tracker');
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

describe('memlint run --html', function () {
  this.timeout(120_000);
  let cwd: string;
  let browser: Browser;
  before(async () => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-html-'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  const memlint = (args: string[]) => spawnSync(process.execPath, [CLI, 'run', ...args], { cwd, encoding: 'utf8' });

  it('writes a page on its own: chart drawn, peak and checkpoints linked to their lines, no request made', async () => {
    const script = path.join(cwd, 'phases.py');
    fs.copyFileSync(path.join(FIX, 'checkpoints.py'), script);
    const r = memlint(['--python', PYTHON, '--html', 'report.html', 'phases.py']);
    assert.equal(r.status, 0, r.stderr);
    const file = path.join(cwd, 'report.html');
    const html = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/, 'script and styles inline');

    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.locator('#chart svg path.line').waitFor({ timeout: 10_000 });

    assert.deepEqual(requests, [pathToFileURL(file).href], 'the page itself, nothing else');
    assert.deepEqual(problems, [], 'no CSP violation or script error');
    assert.equal(await page.title(), 'memlint: phases.py');
    assert.match((await page.locator('#chart svg path.line').getAttribute('d')) ?? '', /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
    assert.match((await page.locator('#chart svg .peak-label').textContent()) ?? '', /^peak [\d,]+\.\d MB$/);
    const checkpoints = await page.locator('#chart svg .checkpoint-label').evaluateAll((els) => els.map((e) => e.firstChild?.textContent)); // the label, not its title
    assert.deepEqual(checkpoints, ['Start', 'Content parsed', 'Report generated']);

    const links = (selector: string) => page.locator(selector).evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('data-line')]));
    const href = pathToFileURL(script).href;
    assert.deepEqual(await links('table:has(caption:text("Checkpoints")) a[data-line]'), [
      ['Start', href, '4'],
      ['Content parsed', href, '6'],
      ['Report generated', href, '8'],
    ]);
    assert.deepEqual(await links('dl.summary a[data-line]'), [['phases.py:5 in <module>', href, '5']], 'the peak: the 60 MiB bytes operator, on its own line');
    assert.deepEqual(await links('table:has(caption:text("Stack at the peak")) a[data-line]'), [['phases.py:5 in <module>', href, '5']]);
    const lines = await page.locator('table:has(caption:text("Top lines")) tbody tr').first().locator('td').allTextContents();
    assert.equal(lines[0], 'phases.py:5 in <module>');
    assert.match(lines[1], /^\+(5\d|60)\.\d MB$/, 'the line added its 60 MiB');
    assert.equal(await page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(255, 255, 255)', 'the light theme');
    await page.close();
  });

  it('refuses to write over a file that is not a page it wrote, before anything runs', () => {
    fs.writeFileSync(path.join(cwd, 'notes.html'), '<p>mine</p>');
    const r = memlint(['--python', PYTHON, '--html', 'notes.html', path.join(FIX, 'alloc.py'), '1']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "memlint: --html notes.html is a file that is not a memlint report page, so it was left alone; did you forget the report's name? (memlint run --html FILE SCRIPT [args...])\n");
    assert.equal(fs.readFileSync(path.join(cwd, 'notes.html'), 'utf8'), '<p>mine</p>');
    const again = memlint(['--python', PYTHON, '--no-history', '--html', 'report.html', path.join(FIX, 'alloc.py'), '1']);
    assert.equal(again.status, 0, 'an earlier page is replaced');
  });
});
