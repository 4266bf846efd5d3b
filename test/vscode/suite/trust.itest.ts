// In a trusted workspace: code may run (the tracker's guard passes) and the workspace's python.path applies.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, memlintDiagnostics, open } from './helpers';

describe('trusted workspace', () => {
  it('is trusted, lets code run, and honours the workspace memlint.python.path', async () => {
    const memlint = await api();
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(memlint.mayRunCode('Run with Memory Tracking'), true);
    const { document } = await open('python/logs.py');
    assert.equal(memlint.settingsFor(document).pythonPath, '/opt/from-workspace-settings/bin/python3');
  });

  it('shows no problem summary in the status bar (the item belongs to the tracker)', async () => {
    const memlint = await api();
    const { document } = await open('python/logs.py');
    await memlint.idle();
    assert.ok(memlintDiagnostics(document.uri).length > 0);
    assert.equal(memlint.statusBar.text, undefined);
    memlint.statusBar.show('$(pulse) Peak 105 MB');
    assert.equal(memlint.statusBar.text, '$(pulse) Peak 105 MB');
    memlint.statusBar.hide();
    assert.equal(memlint.statusBar.text, undefined);
  });
});
