// Walks src/rules/<family>/<id>/: docs, valid and invalid fixtures, snapshots, every fix re-parsed and
// re-linted, and the exec fixture run before and after fixing with python3 / node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../src/core/fixes';
import { languageOfPath } from '../src/core/languages';
import { lint, fixText } from './support/lint';
import type { Edit, Finding, LanguageId, Rule } from '../src/core/rule';
import { DEFAULTS, normalize, type Settings } from '../src/core/settings';
import { RULES } from '../src/rules';
import { differences, EDGE_FILES, EDGE_NS, ORDINARY_FILES, ORDINARY_NS, runCases } from './support/exec';
import { RULES_DIR } from './support/paths';
import { renderFindings } from './support/render';
import { matchSnapshot } from './support/snapshot';

const SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'Size and severity'];

/** A fixture may start with `# settings: {...}` or `// settings: {...}`. */
function settingsOf(text: string): Settings {
  const m = /^(?:#|\/\/)\s*settings:\s*(\{.*\})\s*$/m.exec(text.split('\n')[0] ?? '');
  return m ? normalize(JSON.parse(m[1])) : DEFAULTS;
}

async function findingsOf(rule: Rule, text: string, language: LanguageId, settings = settingsOf(text)) {
  const result = await lint(text, language, settings, { only: [rule.meta.id] });
  assert.deepEqual(result.ruleErrors, [], 'the rule threw');
  return result;
}

/** Where an offset lands after edits. */
function mapOffset(offset: number, edits: readonly Edit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.end <= offset) shift += e.text.length - (e.end - e.start);
    else if (e.start < offset) return e.start + shift;
  }
  return offset + shift;
}

function section(readme: string, title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  if (start === -1) return '';
  const rest = readme.slice(start + title.length + 4);
  const next = rest.search(/^## /m);
  return next === -1 ? rest : rest.slice(0, next);
}

function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/```(\w+)\n([^]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** The top-level `def`s of a Python example, as [name, start, end) offsets: each is one recall case. */
function pythonFunctions(code: string): { name: string; start: number; end: number }[] {
  const starts = [...code.matchAll(/^(?:async )?def (\w+)/gm)];
  const ends = [...code.matchAll(/^\S/gm)].map((m) => m.index!);
  return starts.map((m) => ({ name: m[1], start: m.index!, end: ends.find((e) => e > m.index!) ?? code.length }));
}

const FENCE_LANG: Record<string, LanguageId> = { python: 'python', py: 'python', js: 'javascript', javascript: 'javascript', ts: 'typescript', typescript: 'typescript', jsx: 'javascriptreact', tsx: 'typescriptreact' };

describe('rule folders', () => {
  const folders = ['python', 'javascript'].flatMap((family) =>
    fs.readdirSync(path.join(RULES_DIR, family), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared') // shared/: helpers, not a rule
      .map((d) => ({ family, id: d.name, dir: path.join(RULES_DIR, family, d.name) })),
  );

  it('every registered rule has a folder and every folder is registered', () => {
    assert.deepEqual(
      folders.map((f) => `${f.family}/${f.id}`).sort(),
      RULES.map((r) => `${r.meta.family}/${r.meta.id}`).sort(),
    );
  });

  for (const { family, id, dir } of folders) {
    const rule = RULES.find((r) => r.meta.family === family && r.meta.id === id)!;
    const files = fs.readdirSync(dir).sort();
    const fixtures = files.filter((f) => /^(valid|invalid)[\w-]*\.\w+$/.test(f) && languageOfPath(f));

    describe(`${family}/${id}`, () => {
      it('has a README with the fixed sections whose description matches the metadata', () => {
        const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
        const found = SECTIONS.map((s) => readme.indexOf(`## ${s}\n`));
        assert.ok(found.every((i) => i >= 0), `README sections: ${SECTIONS.join(', ')}`);
        assert.deepEqual([...found].sort((a, b) => a - b), found, 'sections in order');
        assert.ok(section(readme, 'What it does').replace(/\s+/g, ' ').includes(rule.meta.description), 'What it does states meta.description');
        assert.ok(section(readme, 'Fix safety').trim().length > 0);
      });

      it('README examples are linted: every Python function under "Example" fires, nothing under "Use instead" does', async () => {
        const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
        for (const [title, fires] of [['Example', true], ['Use instead', false]] as const) {
          const blocks = codeBlocks(section(readme, title));
          assert.ok(blocks.length > 0, `a code block under ${title}`);
          for (const block of blocks) {
            const language = FENCE_LANG[block.lang];
            assert.ok(language, `fence language ${block.lang}`);
            const { findings } = await findingsOf(rule, block.code, language);
            if (!fires) {
              assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.message}`), [], `${title}: nothing fires`);
              continue;
            }
            assert.ok(findings.length > 0, `${title}: the block fires`);
            // Python examples are the rule's recall suite: every function in them holds a finding.
            const missed = language === 'python' ? pythonFunctions(block.code).filter((fn) => !findings.some((f) => f.start >= fn.start && f.start < fn.end)) : [];
            assert.deepEqual(missed.map((fn) => fn.name), [], `${title}: functions without a finding`);
          }
        }
      });

      it('has valid and invalid fixtures', () => {
        assert.ok(fixtures.some((f) => f.startsWith('valid')), 'a valid.* fixture');
        assert.ok(fixtures.some((f) => f.startsWith('invalid')), 'an invalid.* fixture');
      });

      for (const name of fixtures) {
        const file = path.join(dir, name);
        const language = languageOfPath(name)!;

        if (name.startsWith('valid')) {
          it(`${name}: no findings`, async () => {
            const { findings, syntaxError } = await findingsOf(rule, fs.readFileSync(file, 'utf8'), language);
            assert.equal(syntaxError, undefined, 'fixture parses');
            assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.message}`), []);
          });
          continue;
        }

        describe(name, () => {
          let text: string;
          let findings: Finding[];
          before(async () => {
            text = fs.readFileSync(file, 'utf8');
            const result = await findingsOf(rule, text, language);
            assert.equal(result.syntaxError, undefined, 'fixture parses');
            findings = result.findings;
          });

          it('matches its snapshot', () => {
            assert.ok(findings.length > 0, 'an invalid fixture has findings');
            matchSnapshot(file + '.snap', renderFindings(name, text, findings));
          });

          it('every fix parses and silences the rule at that spot', async () => {
            for (const f of findings) {
              for (const fix of f.fixes) {
                const fixed = applyEdits(text, fix.edits);
                const after = await findingsOf(rule, fixed, language, settingsOf(text));
                assert.equal(after.syntaxError, undefined, `"${fix.title}" at ${f.line}:${f.column} leaves a syntax error:\n${fixed}`);
                const edits = [...fix.edits].sort((a, b) => a.start - b.start);
                const from = mapOffset(f.start, edits);
                const to = Math.max(from, mapOffset(f.end, edits));
                const again = after.findings.filter((g) => g.start >= from && g.start < Math.max(to, from + 1));
                assert.deepEqual(again.map((g) => `${g.line}:${g.column} ${g.message}`), [], `"${fix.title}" at ${f.line}:${f.column} still fires`);
              }
            }
          });

          it('fix-all (safe, then unsafe) reaches a stable, parseable text', async () => {
            const settings = settingsOf(text);
            for (const unsafe of [false, true]) {
              const out = await fixText(text, language, settings, { only: [rule.meta.id], unsafe });
              assert.equal(out.remaining.syntaxError, undefined);
              const left = out.remaining.findings.filter((f) => f.fixes.some((x) => unsafe || x.safety === 'safe'));
              assert.deepEqual(left.map((f) => `${f.line}:${f.column} ${f.message}`), [], 'fixable findings left after fix-all');
            }
          });
        });
      }

      const exec = files.find((f) => /^exec\.(py|js|mjs)$/.test(f));
      it('has an exec fixture (cases run before and after fixing)', () => assert.ok(exec, 'exec.py / exec.js'));
      if (!exec) return;

      describe(exec, () => {
        const ext = path.extname(exec);
        const language = languageOfPath(exec)!;
        let text: string;
        before(() => (text = fs.readFileSync(path.join(dir, exec), 'utf8')));

        it('every case_ function holds a fixable finding', async () => {
          const { findings } = await findingsOf(rule, text, language);
          const starts = [...text.matchAll(/^(?:def |export (?:async )?function |(?:async )?function |exports\.)(case_\w+)/gm)];
          assert.ok(starts.length > 0, 'case_ functions');
          starts.forEach((m, i) => {
            const end = i + 1 < starts.length ? starts[i + 1].index! : text.length;
            const inside = findings.filter((f) => f.start >= m.index! && f.start < end && f.fixes.length > 0);
            assert.ok(inside.length > 0, `${m[1]} has no fixable finding`);
          });
        });

        it('safe fixes: identical output on edge inputs', async () => {
          const fixed = await fixText(text, language, DEFAULTS, { only: [rule.meta.id] });
          if (fixed.applied.length === 0) {
            assert.ok(rule.meta.fixable === 'unsafe' || rule.meta.fixable === 'none', 'a safe-fixable rule applied no safe fix to its exec cases');
            return;
          }
          assert.deepEqual(differences(runCases(text, ext, EDGE_FILES, EDGE_NS), runCases(fixed.text, ext, EDGE_FILES, EDGE_NS)), []);
        });

        it('all fixes (unsafe too): identical output on ordinary input', async () => {
          const fixed = await fixText(text, language, DEFAULTS, { only: [rule.meta.id], unsafe: true });
          assert.ok(fixed.applied.length > 0, 'some fix applied');
          assert.deepEqual(differences(runCases(text, ext, ORDINARY_FILES, ORDINARY_NS), runCases(fixed.text, ext, ORDINARY_FILES, ORDINARY_NS)), []);
        });
      });
    });
  }
});
