// Diagnostics as a user sees them: on the marked lines, with exactly the core's ranges, severities and messages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { familyOf, type LanguageId } from '../../../src/core/rule';
import { api, coreFindings, expectations, memlintDiagnostics, open, ruleOf, SEVERITY } from './helpers';

const FILES = ['python/logs.py', 'python/report.py', 'python/clean.py', 'js/logs.js', 'ts/report.ts', 'ts/Totals.tsx'];

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
