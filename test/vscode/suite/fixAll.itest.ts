// Fix-all: on save through editor.codeActionsOnSave (safe fixes only), and the palette command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixText } from '../../support/lint';
import type { LanguageId } from '../../../src/core/rule';
import { api, closeAll, codeActions, coreFindings, memlintDiagnostics, open, restore, ruleOf } from './helpers';

describe('fix all', () => {
  afterEach(closeAll);

  it('on save applies the safe fixes only (editor.codeActionsOnSave: source.fixAll.memlint)', async () => {
    const memlint = await api();
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.memlint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await open('python/report.py');
      const { document } = editor;
      // Make the document dirty so that saving runs the save participants.
      await editor.edit((b) => b.insert(document.lineAt(document.lineCount - 1).range.end, '\n'));
      const text = document.getText();
      const settings = memlint.settingsFor(document);
      const safe = (await fixText(text, 'python', settings)).text;
      const all = (await fixText(text, 'python', settings, { unsafe: true })).text;
      assert.notEqual(safe, text, 'the fixture has a safe fix');
      assert.notEqual(all, safe, 'the fixture has an unsafe fix');
      const unsafeOnly = (await coreFindings(memlint, document)).filter((f) => f.fixes.length > 0 && f.fixes.every((x) => x.safety === 'unsafe'));
      assert.ok(unsafeOnly.length > 0);

      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(document.getText(), safe);
      assert.equal(document.isDirty, false);
      assert.equal(fs.readFileSync(document.uri.fsPath, 'utf8'), safe);
      await memlint.idle();
      const left = memlintDiagnostics(document.uri).map(ruleOf);
      for (const f of unsafeOnly) assert.ok(left.includes(f.rule), `${f.rule} (unsafe fix only) is still reported`);
    } finally {
      await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('is offered as the source action source.fixAll.memlint', async () => {
    const memlint = await api();
    const { document } = await open('js/logs.js');
    await memlint.idle();
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(document.uri, whole, 'source.fixAll.memlint');
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [['memlint: Fix all safe issues', 'source.fixAll.memlint']]);
  });

  for (const file of ['js/logs.js', 'ts/report.ts']) {
    it(`"memlint: Fix all safe issues in this file" fixes ${file} as the core's fixText does`, async () => {
      const memlint = await api();
      const { document } = await open(file);
      await memlint.idle();
      const text = document.getText();
      const expected = (await fixText(text, document.languageId as LanguageId, memlint.settingsFor(document))).text;
      assert.notEqual(expected, text, 'the fixture has safe fixes');
      assert.equal(await vscode.commands.executeCommand('memlint.fixAll'), true);
      assert.equal(document.getText(), expected);
      await restore(document, text);
    });
  }
});
