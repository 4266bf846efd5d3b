// Settings take effect at once, without a reload: levels, per-language overrides, enable, exclude, debounce.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, memlintDiagnostics, open, restore, ruleOf, setSetting, waitFor } from './helpers';

describe('settings', () => {
  afterEach(closeAll);

  async function twoDocuments() {
    const memlint = await api();
    const py = (await open('python/logs.py')).document;
    const js = (await open('js/logs.js')).document;
    await memlint.idle();
    const pyRules = memlintDiagnostics(py.uri).map(ruleOf);
    const jsRules = memlintDiagnostics(js.uri).map(ruleOf);
    assert.ok(pyRules.includes('readlines-for-tail') && jsRules.includes('readlines-for-tail'), `both fixtures have readlines-for-tail (Python: ${pyRules}; JS: ${jsRules})`);
    return { memlint, py, js, pyRules, jsRules };
  }

  it('a rule set to off disappears; back to default, it returns', async () => {
    const { memlint, py, js, pyRules } = await twoDocuments();
    await setSetting('rules.readlines-for-tail', 'off');
    try {
      await waitFor('readlines-for-tail gone', () => !memlintDiagnostics(py.uri).some((d) => ruleOf(d) === 'readlines-for-tail'));
      await memlint.idle();
      assert.ok(!memlintDiagnostics(js.uri).some((d) => ruleOf(d) === 'readlines-for-tail'));
      assert.deepEqual(memlintDiagnostics(py.uri).map(ruleOf), pyRules.filter((r) => r !== 'readlines-for-tail'), 'the other rules stay');
    } finally {
      await setSetting('rules.readlines-for-tail', undefined);
    }
    await waitFor('readlines-for-tail back', () => memlintDiagnostics(py.uri).some((d) => ruleOf(d) === 'readlines-for-tail'));
  });

  it('a changed severity shows at once', async () => {
    const { py } = await twoDocuments();
    await setSetting('rules.readlines-for-tail', 'error');
    try {
      const d = await waitFor('severity error', () =>
        memlintDiagnostics(py.uri).find((x) => ruleOf(x) === 'readlines-for-tail' && x.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.ok(d);
      assert.ok(memlintDiagnostics(py.uri).filter((x) => ruleOf(x) !== 'readlines-for-tail').every((x) => x.severity !== vscode.DiagnosticSeverity.Error));
    } finally {
      await setSetting('rules.readlines-for-tail', undefined);
    }
  });

  it('a per-language override ([javascript]) applies to that language only', async () => {
    const { memlint, py, js, pyRules } = await twoDocuments();
    await setSetting('rules.readlines-for-tail', 'off', 'javascript');
    try {
      await waitFor('JS readlines-for-tail gone', () => !memlintDiagnostics(js.uri).some((d) => ruleOf(d) === 'readlines-for-tail'));
      await memlint.idle();
      assert.deepEqual(memlintDiagnostics(py.uri).map(ruleOf), pyRules);
    } finally {
      await setSetting('rules.readlines-for-tail', undefined, 'javascript');
    }
  });

  it('memlint.enable: false clears everything; memlint.exclude skips matching files', async () => {
    const { memlint, py, js, jsRules } = await twoDocuments();
    await setSetting('enable', false);
    try {
      await waitFor('all gone', () => memlintDiagnostics(py.uri).length === 0 && memlintDiagnostics(js.uri).length === 0);
      assert.equal(memlint.skipReason(py.uri), 'disabled');
    } finally {
      await setSetting('enable', undefined);
    }
    await setSetting('exclude', ['python/**']);
    try {
      await waitFor('python excluded', () => memlintDiagnostics(py.uri).length === 0);
      await memlint.idle();
      assert.equal(memlint.skipReason(py.uri), 'excluded');
      assert.deepEqual(memlintDiagnostics(js.uri).map(ruleOf), jsRules);
    } finally {
      await setSetting('exclude', undefined);
    }
    await waitFor('python back', () => memlintDiagnostics(py.uri).length > 0);
  });

  it('re-lints a changed document after memlint.debounceMs, not before', async () => {
    const memlint = await api();
    await setSetting('debounceMs', 600);
    try {
      const editor = await open('python/clean.py');
      const { document } = editor;
      await memlint.idle();
      assert.equal(memlintDiagnostics(document.uri).length, 0);
      const original = document.getText();
      const edited = Date.now();
      await editor.edit((b) => b.insert(document.lineAt(document.lineCount - 1).range.end, '\n\ndef tail(path):\n    with open(path) as f:\n        return f.readlines()[-10:]\n'));
      await waitFor('the new finding', () => memlintDiagnostics(document.uri).some((d) => ruleOf(d) === 'readlines-for-tail'));
      const elapsed = Date.now() - edited;
      assert.ok(elapsed >= 550, `linted ${elapsed} ms after the edit, before the 600 ms debounce`);
      await restore(document, original);
    } finally {
      await setSetting('debounceMs', undefined);
    }
  });
});
