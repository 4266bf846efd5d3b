// Diagnostics as a user sees them: on the marked lines, with exactly the core's ranges, severities and messages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { familyOf, type LanguageId } from '../../../src/core/rule';
import { api, coreFindings, expectations, memlintDiagnostics, open, ruleOf, SEVERITY, waitFor, workspaceUri } from './helpers';

const FILES = ['python/logs.py', 'python/report.py', 'python/clean.py', 'js/logs.js', 'ts/report.ts', 'ts/Totals.tsx', 'python/service/upload.py', 'python/service/sections.py'];

describe('diagnostics', () => {
  for (const file of FILES) {
    it(`${file}: one diagnostic per marked finding, equal to the core's`, async () => {
      const memlint = await api();
      const { document } = await open(file);
      await memlint.idle();
      const diagnostics = memlintDiagnostics(document.uri);
      const expected = expectations(file);

      // Exactly what the core finds, mapped to 0-based ranges and VS Code severities.
      const core = await coreFindings(memlint, document);
      const shown = diagnostics.map((d) => [ruleOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message]);
      const want = core.map((f) => [f.rule, f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1, SEVERITY[f.severity], f.message]);
      assert.deepEqual(shown, want);

      // Real findings where the fixture marks them, and nothing else.
      const covers = (d: vscode.Diagnostic, e: { line: number; rule: string }) => ruleOf(d) === e.rule && d.range.start.line <= e.line && e.line <= d.range.end.line;
      for (const e of expected) assert.ok(diagnostics.some((d) => covers(d, e)), `no ${e.rule} finding on line ${e.line + 1}`);
      for (const d of diagnostics) assert.ok(expected.some((e) => covers(d, e)), `unexpected ${ruleOf(d)} at line ${d.range.start.line + 1}: ${d.message}`);
      assert.equal(diagnostics.length, expected.length, 'one finding per mark');
    });
  }

  it('follows a read into another module: the steps there are related information, and an edit there re-lints this file', async () => {
    const memlint = await api();
    const { document } = await open('python/service/upload.py');
    const [diagnostic] = await waitFor('the cross-module finding', async () => {
      await memlint.idle();
      const found = memlintDiagnostics(document.uri);
      return found.length === 1 && found[0].relatedInformation?.length === 2 ? found : undefined;
    });
    assert.equal(ruleOf(diagnostic), 'whole-file-read');
    const sections = workspaceUri('python/service/sections.py');
    assert.deepEqual(
      diagnostic.relatedInformation!.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1, r.message]),
      [
        ['python/service/upload.py', 8, '`content` is passed to `find_section_headers()` here'],
        ['python/service/sections.py', 3, '`find_section_headers()` loops over its lines here'],
      ],
    );
    assert.equal(diagnostic.relatedInformation![1].location.uri.toString(), sections.toString());
    // The helper now needs the whole text: the finding in upload.py goes, without touching upload.py.
    const helper = await vscode.workspace.openTextDocument(sections);
    const edit = new vscode.WorkspaceEdit();
    const line = helper.lineAt(2);
    edit.replace(sections, line.range, line.text.replace('content.split("\\n")', 'content.split("\\n")[1:]'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitFor('upload.py re-linted', async () => {
        await memlint.idle();
        return memlintDiagnostics(document.uri).length === 0;
      });
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(sections, helper.lineAt(2).range, line.text);
      await vscode.workspace.applyEdit(undo);
      await helper.save();
    }
  });

  it("links each diagnostic's code to the rule's bundled documentation", async () => {
    const memlint = await api();
    for (const file of ['python/logs.py', 'js/logs.js']) {
      const { document } = await open(file);
      await memlint.idle();
      const family = familyOf(document.languageId as LanguageId);
      const diagnostics = memlintDiagnostics(document.uri);
      assert.ok(diagnostics.length > 0, `${file} has findings`);
      for (const d of diagnostics) {
        const code = d.code as { value: string; target: vscode.Uri };
        assert.equal(typeof code, 'object', `${ruleOf(d)} has no documentation link (is its README.md bundled?)`);
        assert.ok(code.target.path.endsWith(`/dist/docs/${family}/${code.value}/README.md`), code.target.toString());
        assert.ok(fs.existsSync(code.target.fsPath), `${code.target.fsPath} exists`);
      }
    }
  });
});
