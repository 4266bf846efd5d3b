// In an untrusted workspace (Workspace Trust on, folder not trusted): linting and fixes work; nothing runs code;
// the workspace's memlint.python.path (a restricted setting) is ignored.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, coreFindings, memlintActions, memlintDiagnostics, open, ruleOf, workspaceUri } from './helpers';

describe('untrusted workspace', () => {
  it('is really untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still lints, exactly as the core does, and offers fixes', async () => {
    const memlint = await api();
    const { document } = await open('python/logs.py');
    await memlint.idle();
    const diagnostics = memlintDiagnostics(document.uri);
    assert.ok(diagnostics.length > 0, 'findings in logs.py');
    const core = await coreFindings(memlint, document);
    assert.deepEqual(diagnostics.map(ruleOf), core.map((f) => f.rule));
    const titles = (await memlintActions(document.uri, diagnostics[0].range)).map((a) => a.title);
    assert.ok(titles.includes(`Disable memlint rule ${ruleOf(diagnostics[0])} for this line`));
  });

  it('refuses to run code and ignores the workspace memlint.python.path', async () => {
    const memlint = await api();
    assert.equal(memlint.mayRunCode('Run with Memory Tracking'), false);
    const { document } = await open('python/logs.py');
    assert.equal(memlint.settingsFor(document).pythonPath, 'python3');
    // The workspace does set it (the trusted run sees this value): VS Code hides it here, even from inspect().
    const settingsFile = fs.readFileSync(workspaceUri('.vscode/settings.json').fsPath, 'utf8');
    assert.match(settingsFile, /"memlint\.python\.path": "\/opt\/from-workspace-settings\/bin\/python3"/);
    assert.equal(vscode.workspace.getConfiguration('memlint', document).inspect('python.path')?.workspaceValue, undefined);
  });

  it('will not run a script with memory tracking, and starts nothing', async () => {
    const memlint = await api();
    const report = await vscode.commands.executeCommand('memlint.runWithMemoryTracking', workspaceUri('python/logs.py'));
    assert.equal(report, undefined);
    assert.equal(memlint.tracker.running(), false);
    assert.equal(memlint.statusBar.text, undefined);
    assert.ok(!vscode.window.terminals.some((t) => t.name.startsWith('memlint')), 'no terminal was opened');
  });
});
