// `memlint server --stdio` driven as an editor drives it (test/support/lsp.ts): diagnostics pushed and pulled,
// equal to the core's; code actions and fix-all; settings per document; the project index across files; the
// tracker's notes; stale versions never linted. Neovim drives the same server in test/neovim.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyEdits } from '../src/core/fixes';
import type { Finding, LanguageId } from '../src/core/rule';
import { normalize } from '../src/core/settings';
import { fixText, lint } from './support/lint';
import { pathUri, TestClient } from './support/lsp';
import { ROOT } from './support/paths';

const WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
const TAIL = 'def tail(path, n):\n    with open(path) as f:\n        return f.readlines()[-n:]\n';

function shown(d: Diagnostic[]) {
  return d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character, x.severity, x.message]);
}

/** A finding's related locations: uri, line, message. */
const steps = (d: Diagnostic) => d.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line + 1, r.message]);

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function expected(findings: Finding[]) {
  return findings.map((f) => [f.rule, f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1, SEVERITY[f.severity], f.message]);
}

describe('language server (memlint server --stdio)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-server-'));
    fs.cpSync(WORKSPACE, dir, { recursive: true });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (relative: string) => path.join(dir, ...relative.split('/'));
  const openFixture = (relative: string, language: LanguageId) => client!.open(file(relative), language, fs.readFileSync(file(relative), 'utf8'));

  it('publishes each document\'s diagnostics as the core finds them, with the rule\'s documentation linked', async () => {
    client = await TestClient.start({ root: dir });
    for (const [relative, language] of [['python/logs.py', 'python'], ['js/logs.js', 'javascript'], ['ts/report.ts', 'typescript']] as const) {
      const uri = openFixture(relative, language);
      const diagnostics = await client.diagnostics(uri);
      const core = await lint(client.text(uri), language, undefined, { file: file(relative), root: dir });
      assert.deepEqual(shown(diagnostics), expected(core.findings), relative);
      assert.ok(diagnostics.length > 0, relative);
      for (const d of diagnostics) {
        assert.equal(d.source, 'memlint');
        const family = language === 'python' ? 'python' : 'javascript';
        assert.equal(d.codeDescription?.href, pathUri(path.join(ROOT, 'src', 'rules', family, String(d.code), 'README.md')));
      }
    }
  });

  const JS_LIB = ['export function headers(text) {', '  const found = [];', "  for (const line of text.split('\\n')) if (line.startsWith('#')) found.push(line);", '  return found;', '}', ''];
  const JS_MAIN = ["import { readFileSync } from 'node:fs';", "import { headers } from './lib.js';", '', 'export function report(file) {', "  const text = readFileSync(file, 'utf8');", '  return headers(text);', '}', '', 'report(process.argv[2]);', ''];
  // A read in `user` whose content `helper` loops over; `edit` makes the helper keep the content whole.
  const CROSS_MODULE = [
    {
      name: 'Python',
      language: 'python',
      user: 'python/service/upload.py',
      helper: 'python/service/sections.py',
      at: [7, 19, SEVERITY.warning],
      steps: [[8, '`content` is passed to `find_section_headers()` here'], [3, '`find_section_headers()` loops over its lines here']],
      edit: ['content.split("\\n")', 'content.split("\\n")[1:]'],
    },
    {
      name: 'JavaScript',
      language: 'javascript',
      user: 'jsproject/main.js',
      helper: 'jsproject/lib.js',
      files: { 'jsproject/lib.js': JS_LIB.join('\n'), 'jsproject/main.js': JS_MAIN.join('\n') },
      at: [5, 16, SEVERITY.warning],
      steps: [[6, '`text` is passed to `headers()` here'], [3, '`headers()` loops over its lines here']],
      edit: ["for (const line of text.split('\\n')) if (line.startsWith('#')) found.push(line);", "found.push(...text.split('\\n'));"],
    },
  ] as const;

  for (const c of CROSS_MODULE) {
    it(`follows a read into another module (${c.name}): related information there; an edit there re-lints this file`, async () => {
      for (const [relative, text] of Object.entries('files' in c ? c.files : {})) {
        fs.mkdirSync(path.dirname(file(relative)), { recursive: true });
        fs.writeFileSync(file(relative), text);
      }
      client = await TestClient.start({ root: dir });
      const user = openFixture(c.user, c.language);
      // The index is built in the background: the finding gains its related steps once the helper is summarised.
      const [finding] = await client.diagnostics(user, (d) => d.length === 1 && d[0].relatedInformation?.length === 2);
      assert.deepEqual([finding.code, finding.range.start.line + 1, finding.range.start.character + 1, finding.severity], ['whole-file-read', ...c.at]);
      assert.deepEqual(steps(finding), [
        [user, ...c.steps[0]],
        [pathUri(file(c.helper)), ...c.steps[1]],
      ]);
      const helper = openFixture(c.helper, c.language);
      client.change(helper, client.text(helper).replace(c.edit[0], c.edit[1]));
      await client.until(`${c.user} re-linted without the finding`, () => client!.published.get(user)?.diagnostics.length === 0);
    });
  }

  it('re-lints a dependent when its module changes on disk (watched files)', async () => {
    client = await TestClient.start({ root: dir });
    const upload = openFixture('python/service/upload.py', 'python');
    await client.diagnostics(upload, (d) => d.length === 1 && d[0].relatedInformation?.length === 2);
    const sections = file('python/service/sections.py');
    fs.writeFileSync(sections, fs.readFileSync(sections, 'utf8').replace('content.split("\\n")', 'content.split("\\n")[1:]'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(sections), type: 2 }] });
    await client.until('upload.py re-linted without the finding', () => client!.published.get(upload)?.diagnostics.length === 0);
  });

  it('re-lints a dependent when a module it looked for appears on disk (watched files)', async () => {
    const sections = file('python/service/sections.py');
    const text = fs.readFileSync(sections, 'utf8');
    fs.rmSync(sections);
    client = await TestClient.start({ root: dir });
    const upload = openFixture('python/service/upload.py', 'python');
    await client.diagnostics(upload, (d) => d.length === 0);
    fs.writeFileSync(sections, text);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(sections), type: 1 }] });
    await client.until('upload.py re-linted with the finding', () => client!.published.get(upload)?.diagnostics[0]?.relatedInformation?.length === 2);
  });

  it('answers textDocument/diagnostic (pull) for the current version, and "unchanged" when nothing changed', async () => {
    client = await TestClient.start({ root: dir, pull: true, memlintClient: true });
    const uri = client.open(file('tail.py'), 'python', TAIL);
    const first = await client.connection.sendRequest<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    assert.deepEqual(first.items.map((d) => d.code), ['readlines-for-tail']);
    const again = await client.connection.sendRequest<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(again.kind, 'unchanged');
    assert.equal(client.published.size, 0, 'a pull client gets nothing published');
    client.change(uri, `${TAIL}\n\ndef head(path):\n    with open(path) as f:\n        return f.read()[:10]\n`);
    const edited = await client.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(edited.items.map((d) => d.code), ['readlines-for-tail', 'full-read-for-prefix']);
  });

  it('pulled on demand: a document nobody asks about is never linted; a settings change asks for a new pull', async () => {
    const settings: Record<string, unknown> = {};
    client = await TestClient.start({ root: dir, pull: true, memlintClient: true, settings: () => settings });
    const asked = client.open(file('asked.py'), 'python', TAIL);
    const ignored = client.open(file('ignored.py'), 'python', TAIL);
    const pull = () => client!.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: asked } });
    assert.deepEqual((await pull()).items.map((d) => d.code), ['readlines-for-tail']);
    settings.rules = { 'readlines-for-tail': 'off' };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('a refresh request', () => client!.refreshes > 0);
    assert.deepEqual((await pull()).items, []);
    assert.deepEqual(client.statuses.filter((s) => s.uri === ignored), []);
    const text = client.open(file('notes.txt'), 'plaintext', 'with open(p) as f: f.read()\n');
    const answer = await client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: text } });
    assert.deepEqual(answer.items, [], 'a language memlint does not lint: answered at once, empty');
  });

  it('lints only the version that is current after the debounce: quick edits in between are never linted', async () => {
    client = await TestClient.start({ root: dir, memlintClient: true, settings: { debounceMs: 300 } });
    const uri = client.open(file('tail.py'), 'python', TAIL);
    await client.until('version 1 linted', () => client!.statuses.some((s) => s.version === 1));
    for (let i = 0; i < 5; i++) client.change(uri, `${TAIL}# edit ${i}\n`);
    await client.diagnostics(uri);
    assert.deepEqual(client.statuses.filter((s) => s.uri === uri).map((s) => s.version), [1, 6]);
  });

  it('offers each finding\'s fixes (the safe one preferred, unsafe ones titled so), disable and documentation', async () => {
    client = await TestClient.start({ root: dir });
    const uri = client.open(file('tail.py'), 'python', TAIL);
    const [diagnostic] = await client.diagnostics(uri);
    const [finding] = (await lint(TAIL, 'python', undefined, { file: file('tail.py') })).findings;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const firstSafe = finding.fixes.findIndex((f) => f.safety === 'safe');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, !!a.isPreferred]),
      [
        ...finding.fixes.map((f, i) => [f.safety === 'unsafe' ? `${f.title} (unsafe)` : f.title, 'quickfix', i === firstSafe]),
        ['Disable memlint rule readlines-for-tail for this line', 'quickfix', false],
        ['Show documentation for memlint rule readlines-for-tail', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions.at(-1)!.command, { title: 'Show documentation for memlint rule readlines-for-tail', command: 'memlint.showDocumentation', arguments: ['readlines-for-tail', 'python'] });
    client.apply(actions[firstSafe].edit!);
    assert.equal(client.text(uri), applyEdits(TAIL, finding.fixes[firstSafe].edits));
    await client.diagnostics(uri, (d) => d.length === 0);
  });

  it('fixes every safe issue: source.fixAll.memlint, and the command memlint.applyFixAll through workspace/applyEdit', async () => {
    client = await TestClient.start({ root: dir });
    const relative = 'python/report.py';
    const uri = openFixture(relative, 'python');
    const text = client.text(uri);
    const safe = (await fixText(text, 'python', undefined, { file: file(relative) })).text;
    assert.notEqual(safe, text);
    const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
    const source = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.memlint'] } });
    assert.deepEqual(source.map((a) => [a.title, a.kind]), [['memlint: Fix all safe issues', 'source.fixAll.memlint']]);
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'memlint.applyFixAll', arguments: [uri] }), true);
    assert.equal(client.text(uri), safe);
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'memlint.applyFixAll', arguments: [uri] }), false, 'nothing left to fix');
  });

  it('reads its settings per document through workspace/configuration, and re-lints when they change', async () => {
    const settings: Record<string, unknown> = { rules: { 'readlines-for-tail': 'error' } };
    client = await TestClient.start({ root: dir, memlintClient: true, settings: () => settings });
    const uri = client.open(file('tail.py'), 'python', TAIL);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => [d.code, d.severity]), [['readlines-for-tail', 1]]);
    settings.rules = { 'readlines-for-tail': 'off' };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('the rule off', () => client!.published.get(uri)?.diagnostics.length === 0);
    settings.rules = {};
    settings.exclude = ['**/tail.py'];
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('excluded', () => client!.statuses.at(-1)?.skip === 'excluded');
    settings.exclude = [];
    settings.enable = false;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('disabled', () => client!.statuses.at(-1)?.skip === 'disabled');
  });

  it('appends the tracker\'s note to the finding on the peak line (memlint/notes)', async () => {
    client = await TestClient.start({ root: dir });
    const uri = client.open(file('tail.py'), 'python', TAIL);
    const [before] = await client.diagnostics(uri);
    const note = '▲ This line made the peak (126.1 MB) in the last tracked run of tail.py.';
    void client.connection.sendNotification('memlint/notes', { uri, notes: [{ line: 2, note }] });
    const [after] = await client.diagnostics(uri, (d) => String(d[0]?.message).endsWith(note));
    assert.equal(after.message, `${before.message}\n${note}`);
    void client.connection.sendNotification('memlint/notes', { uri, notes: [] });
    await client.diagnostics(uri, (d) => d[0]?.message === before.message);
  });

  it('stays quiet on JS that does not parse, and skips a file above memlint.maxFileSizeKb with one notice', async () => {
    client = await TestClient.start({ root: dir, settings: { maxFileSizeKb: 1 } });
    const broken = openFixture('syntax/broken.js', 'javascript');
    assert.deepEqual(await client.diagnostics(broken), []);
    const big = client.open(file('big.py'), 'python', `${TAIL}${'# padding\n'.repeat(200)}`);
    assert.deepEqual(await client.diagnostics(big), []);
    client.change(big, `${client.text(big)}# more\n`);
    await client.diagnostics(big);
    assert.deepEqual(client.shown, ['memlint skipped big.py: 3 KB is over the 1 KB limit (memlint.maxFileSizeKb).']);
    assert.deepEqual(client.logs.filter((l) => l.includes('big.py')), client.shown);
  });

  it('exits when the client says so, and says how to use it', async () => {
    client = await TestClient.start({ root: dir });
    assert.equal(await client.stop(), 0);
    client = undefined;
    const cli = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
    const help = spawnSync(process.execPath, [cli, 'server', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: memlint server \[--stdio \| --node-ipc\]/);
    const bad = spawnSync(process.execPath, [cli, 'server', '--tcp'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'memlint: unknown option --tcp (see memlint server --help)\n');
  });
});

// The settings object a client sends is read as the core's Settings.
describe('language server settings', () => {
  it('reads nested and dotted keys, and cleans wrong types', async () => {
    const { settingsFromSection } = await import('../src/server/settings');
    assert.deepEqual(settingsFromSection({ strict: true, python: { path: '/usr/bin/python3.12' }, rules: { 'chained-copies': 'off' }, debounceMs: 'soon' }), normalize({ strict: true, pythonPath: '/usr/bin/python3.12', rules: { 'chained-copies': 'off' } }));
    assert.deepEqual(settingsFromSection({ 'tracker.limitMb': 512 }).trackerLimitMb, 512);
    assert.deepEqual(settingsFromSection(null), normalize({}));
  });
});
