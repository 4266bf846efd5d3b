// Code actions: the fixes computed when linting (preferred when safe, "(unsafe)" otherwise), "disable for this
// line" and "show documentation"; applying them changes the document exactly as the core's edits say.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { applyEdits } from '../../../src/core/fixes';
import type { Finding } from '../../../src/core/rule';
import { api, closeAll, coreFindings, memlintActions, memlintDiagnostics, open, restore, ruleOf, setSetting, waitFor } from './helpers';

function findingOf(core: Finding[], d: vscode.Diagnostic): Finding {
  const f = core.find((c) => c.rule === ruleOf(d) && c.line - 1 === d.range.start.line && c.column - 1 === d.range.start.character);
  assert.ok(f, `the core has the finding behind ${ruleOf(d)} at ${d.range.start.line + 1}`);
  return f;
}

describe('code actions', () => {
  afterEach(closeAll);

  for (const file of ['python/logs.py', 'js/logs.js']) {
    it(`${file}: offers each finding's fixes, then disable and documentation`, async () => {
      const memlint = await api();
      const { document } = await open(file);
      await memlint.idle();
      const core = await coreFindings(memlint, document);
      const diagnostics = memlintDiagnostics(document.uri);
      assert.ok(diagnostics.length > 0, 'the fixture has findings');
      for (const d of diagnostics) {
        const f = findingOf(core, d);
        // Other findings overlapping this range bring their own actions: keep this finding's.
        const mine = new Set([...f.fixes.map((x) => (x.safety === 'unsafe' ? `${x.title} (unsafe)` : x.title)), `Disable memlint rule ${f.rule} for this line`, `Show documentation for memlint rule ${f.rule}`]);
        const actions = (await memlintActions(document.uri, d.range, [f])).filter((a) => mine.has(a.title));
        const firstSafe = f.fixes.findIndex((x) => x.safety === 'safe');
        assert.deepEqual(
          actions.map((a) => [a.title, !!a.isPreferred]),
          [
            ...f.fixes.map((x, i) => [x.safety === 'unsafe' ? `${x.title} (unsafe)` : x.title, i === firstSafe]),
            [`Disable memlint rule ${f.rule} for this line`, false],
            [`Show documentation for memlint rule ${f.rule}`, false],
          ],
        );
        assert.ok(actions.every((a) => a.kind?.value === 'quickfix'));
      }
    });

    it(`${file}: the preferred fix changes the document to the core's fixed text`, async () => {
      const memlint = await api();
      const editor = await open(file);
      const { document } = editor;
      await memlint.idle();
      const before = document.getText();
      const core = await coreFindings(memlint, document);
      const diagnostic = memlintDiagnostics(document.uri).find((d) => findingOf(core, d).fixes.some((x) => x.safety === 'safe'));
      assert.ok(diagnostic, 'the fixture has a finding with a safe fix');
      const finding = findingOf(core, diagnostic);
      const preferred = (await memlintActions(document.uri, diagnostic.range, [finding])).find((a) => a.isPreferred);
      assert.ok(preferred?.edit, 'a preferred fix is offered');
      assert.ok(await vscode.workspace.applyEdit(preferred.edit));
      const fix = finding.fixes.find((x) => x.safety === 'safe')!;
      assert.equal(document.getText(), applyEdits(before, fix.edits));
      await memlint.idle();
      const again = memlintDiagnostics(document.uri).filter((d) => ruleOf(d) === finding.rule && d.range.start.line === diagnostic.range.start.line);
      assert.deepEqual(again.map((d) => d.message), [], 'the rule no longer fires there');
      await restore(document, before);
    });

    it(`${file}: "disable for this line" adds the suppression comment and the finding goes`, async () => {
      const memlint = await api();
      const editor = await open(file);
      const { document } = editor;
      await memlint.idle();
      const diagnostic = memlintDiagnostics(document.uri)[0];
      assert.ok(diagnostic, 'the fixture has findings');
      const rule = ruleOf(diagnostic);
      const line = diagnostic.range.start.line;
      const original = document.lineAt(line).text;
      const before = document.getText();
      const disable = (await memlintActions(document.uri, diagnostic.range)).find((a) => a.title === `Disable memlint rule ${rule} for this line`);
      assert.ok(disable?.edit);
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      if (document.languageId === 'python') {
        assert.equal(document.lineAt(line).text, `${original.trimEnd()}  # memlint: ignore[${rule}]`);
      } else {
        const indent = /^\s*/.exec(original)![0];
        assert.equal(document.lineAt(line).text, `${indent}// memlint-disable-next-line ${rule}`);
        assert.equal(document.lineAt(line + 1).text, original);
      }
      await memlint.idle();
      const shift = document.languageId === 'python' ? 0 : 1;
      assert.ok(
        !memlintDiagnostics(document.uri).some((d) => ruleOf(d) === rule && d.range.start.line === line + shift),
        'the finding is suppressed',
      );
      await restore(document, before);
    });
  }

  it('while an edit waits for the re-lint, offers only what needs no offsets; undoing the edit brings the fixes back', async () => {
    const memlint = await api();
    await setSetting('debounceMs', 10_000); // the longest: the re-lint must not come during this test
    try {
      const editor = await open('python/logs.py');
      const { document } = editor;
      await memlint.idle();
      const core = await coreFindings(memlint, document);
      const diagnostic = memlintDiagnostics(document.uri).find((d) => findingOf(core, d).fixes.length > 0);
      assert.ok(diagnostic, 'the fixture has a finding with fixes');
      const finding = findingOf(core, diagnostic);
      const titles = async () => (await memlintActions(document.uri, diagnostic.range, [finding])).map((a) => a.title);
      const needNoOffsets = [`Disable memlint rule ${finding.rule} for this line`, `Show documentation for memlint rule ${finding.rule}`];
      const all = await titles();
      assert.ok(all.length > needNoOffsets.length, 'fixes are offered');

      await editor.edit((b) => b.insert(document.lineAt(document.lineCount - 1).range.end, '\n# a note\n'));
      assert.deepEqual(await titles(), needNoOffsets);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), fs.readFileSync(document.uri.fsPath, 'utf8'));
      assert.deepEqual(await titles(), all);
    } finally {
      await setSetting('debounceMs', undefined);
    }
  });

  it('"show documentation" opens the rule\'s README in a markdown preview', async () => {
    const memlint = await api();
    const { document } = await open('python/logs.py');
    await memlint.idle();
    const diagnostic = memlintDiagnostics(document.uri)[0];
    assert.ok(diagnostic, 'the fixture has findings');
    const docs = (await memlintActions(document.uri, diagnostic.range)).find((a) => a.title.startsWith('Show documentation'));
    assert.ok(docs?.command);
    assert.deepEqual(docs.command.arguments, [ruleOf(diagnostic), 'python']);
    const shown = await vscode.commands.executeCommand<boolean>(docs.command.command, ...(docs.command.arguments ?? []));
    assert.equal(shown, true);
    await waitFor('a markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Preview README\.md/.test(t.label)),
    );
  });
});
