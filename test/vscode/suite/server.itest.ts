// The language server in its own process: killed mid-session it is restarted (the user told once) and diagnostics
// come back within seconds; "memlint: Restart Server" starts a new one. Runs last: it replaces the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, memlintDiagnostics, open, restore, ruleOf, waitFor } from './helpers';

const TAIL = 'def head(path):\n    with open(path) as f:\n        return f.readlines()[-3:]\n\n\n';

describe('language server process', () => {
  afterEach(closeAll);

  it('runs outside the extension host; killed mid-session, it is restarted and diagnostics come back', async () => {
    const memlint = await api();
    const editor = await open('python/logs.py');
    const { document } = editor;
    await memlint.idle();
    const before = memlintDiagnostics(document.uri).map(ruleOf);
    assert.ok(before.length > 0, 'logs.py has findings');
    const pid = memlint.server.pid();
    assert.ok(pid && pid !== process.pid, `the server runs in a process of its own (${pid})`);

    const killed = Date.now();
    process.kill(pid, 'SIGKILL');
    // Typed while the server is down: only a new server can report the new finding.
    const original = document.getText();
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), TAIL));
    await waitFor('a new server process', () => {
      const next = memlint.server.pid();
      return next !== undefined && next !== pid;
    }, 10_000);
    await waitFor('the diagnostics back, with the finding typed meanwhile', () => memlintDiagnostics(document.uri).length === before.length + 1, 10_000);
    console.log(`server: killed -> diagnostics back in ${Date.now() - killed} ms`);
    await memlint.idle();
    assert.deepEqual(memlintDiagnostics(document.uri).map(ruleOf).sort(), [...before, 'readlines-for-tail'].sort());
    assert.equal(memlint.logLines.filter((l) => l.includes('stopped unexpectedly; restarting it')).length, 1, 'logged (and the user told) once');
    await restore(document, original);
  });

  it('"memlint: Restart Server" replaces the server process, and linting goes on', async () => {
    const memlint = await api();
    const { document } = await open('js/logs.js');
    await memlint.idle();
    const before = memlintDiagnostics(document.uri).map(ruleOf);
    const pid = memlint.server.pid();
    const t0 = Date.now();
    assert.equal(await vscode.commands.executeCommand('memlint.restartServer'), true);
    const t1 = Date.now();
    await waitFor('a new server process', () => {
      const next = memlint.server.pid();
      return next !== undefined && next !== pid;
    }, 10_000);
    const t2 = Date.now();
    await memlint.idle();
    console.log(`restart: command ${t1 - t0} ms, new pid ${t2 - t1} ms, idle ${Date.now() - t2} ms`);
    assert.deepEqual(memlintDiagnostics(document.uri).map(ruleOf), before);
  });
});
