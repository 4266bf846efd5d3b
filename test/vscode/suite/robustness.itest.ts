// Bad input never reaches the user as noise or a freeze: syntax errors, huge files, edits, language changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, coreFindings, memlintActions, memlintDiagnostics, open, restore, ruleOf, setSetting, waitFor, workspaceUri } from './helpers';

describe('robustness', () => {
  afterEach(closeAll);

  it('JS that does not parse keeps no memlint diagnostics', async () => {
    const memlint = await api();
    const { document } = await open('syntax/broken.js');
    await memlint.idle();
    assert.deepEqual(memlintDiagnostics(document.uri), []);
    assert.equal(memlint.skipReason(document.uri), 'syntax-error');
  });

  it('Python with a syntax error is still checked, with fixes withheld', async () => {
    const memlint = await api();
    const { document } = await open('syntax/broken.py');
    await memlint.idle();
    const diagnostics = memlintDiagnostics(document.uri);
    assert.deepEqual(diagnostics.map(ruleOf), ['whole-file-read']);
    const titles = (await memlintActions(document.uri, diagnostics[0].range)).map((a) => a.title);
    assert.deepEqual(titles, ['Disable memlint rule whole-file-read for this line', 'Show documentation for memlint rule whole-file-read']);
  });

  it('skips a file above memlint.maxFileSizeKb with one notice, and does not freeze', async () => {
    const memlint = await api();
    await setSetting('maxFileSizeKb', 64); // the same path as the 2 MB default, with a file quick to sync
    try {
      const uri = workspaceUri('python/generated_big.py');
      const line = 'data = open("x").read()  # a long line to make the file big quickly ........................\n';
      await vscode.workspace.fs.writeFile(uri, Buffer.from(line.repeat(Math.ceil((100 * 1024) / line.length))));
      const editor = await open('python/generated_big.py');
      const original = editor.document.getText();
      await memlint.idle();
      assert.equal(memlint.skipReason(uri), 'too-large');
      assert.deepEqual(memlintDiagnostics(uri), []);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
      await memlint.idle();
      assert.equal(memlint.skipReason(uri), 'too-large');
      const notices = memlint.logLines.filter((l) => l.includes('generated_big.py') && l.includes('is over the 64 KB limit (memlint.maxFileSizeKb)'));
      assert.equal(notices.length, 1, notices.join('\n'));
      await restore(editor.document, original);
    } finally {
      await setSetting('maxFileSizeKb', undefined);
    }
  });

  it('skips a file with a line above memlint.maxLineLength (minified code) with one notice', async () => {
    const memlint = await api();
    const uri = workspaceUri('python/generated_long_line.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`data = open("x").read()\nx = [${'1,'.repeat(60_000)}]\n`));
    await open('python/generated_long_line.py');
    await memlint.idle();
    assert.equal(memlint.skipReason(uri), 'too-large');
    assert.deepEqual(memlintDiagnostics(uri), []);
    const notices = memlint.logLines.filter((l) => l.includes('generated_long_line.py'));
    assert.deepEqual(notices.map((l) => l.replace(/^.*memlint skipped/, 'memlint skipped')), [
      'memlint skipped python/generated_long_line.py: line 2 has 120,006 characters, over the 100,000 limit (memlint.maxLineLength).',
    ]);
  });

  it('re-parses Python incrementally as it is edited, matching a fresh lint each time', async () => {
    const memlint = await api();
    const editor = await open('python/logs.py');
    const { document } = editor;
    await memlint.idle();
    const check = async () => {
      await memlint.idle();
      const core = await coreFindings(memlint, document);
      assert.deepEqual(
        memlintDiagnostics(document.uri).map((d) => [ruleOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
        core.map((f) => [f.rule, f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1]),
      );
    };
    const before = memlintDiagnostics(document.uri).length;
    const original = document.getText();
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'def head(path):\n    with open(path) as f:\n        return f.readlines()[-3:]\n\n\n'));
    await waitFor('a new finding', () => memlintDiagnostics(document.uri).length === before + 1);
    await check();
    await editor.edit((b) => b.delete(new vscode.Range(3, 0, 8, 0)));
    await waitFor('back to the original findings', () => memlintDiagnostics(document.uri).length === before);
    await check();
    await restore(document, original);
  });

  it('clears a document\'s diagnostics when it stops being a linted language', async () => {
    const memlint = await api();
    const { document } = await open('python/logs.py');
    await memlint.idle();
    assert.ok(memlintDiagnostics(document.uri).length > 0);
    const plain = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await waitFor('diagnostics cleared', () => memlintDiagnostics(plain.uri).length === 0);
    await vscode.languages.setTextDocumentLanguage(plain, 'python');
    await waitFor('diagnostics back', () => memlintDiagnostics(plain.uri).length > 0);
  });

  it('logs no rule crash or lint failure for the fixtures', async () => {
    const memlint = await api();
    assert.deepEqual(memlint.logLines.filter((l) => /failed/.test(l)), []);
  });
});
