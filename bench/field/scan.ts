// Lints one project of the corpus in-process, file by file, as `memlint check` does (same walk, same decoding).
import * as path from 'node:path';
import { collectFiles } from '../../src/cli/files';
import { projectFor } from '../../src/cli/project';
import { readSource } from '../../src/cli/source';
import { languageOfPath } from '../../src/core/languages';
import { lint } from '../../src/core/linter';
import { familyOf, type Severity } from '../../src/core/rule';
import type { Settings } from '../../src/core/settings';
import { hostOptions } from '../../src/host/options';
import { INDEXERS } from '../../src/rules';
import { lineCount } from '../measure';

/** A file with a line this long is minified or generated (bundles, embedded assets): not code anyone edits. */
export const MAX_LINE_CHARS = 5000;

export interface FieldFinding {
  /** `<project id>/<path inside the project>`, '/'-separated. */
  file: string;
  line: number;
  column: number;
  /** `python/whole-file-read`, `javascript/chained-copies`: rules of one id differ per language. */
  rule: string;
  severity: Severity;
  message: string;
  /** The finding's source line, trimmed (and cut to SNIPPET_CHARS): what re-anchors a verdict when lines move. */
  snippet: string;
}

export interface ScanStats {
  files: number;
  lines: number;
  /** Minified or generated files left out (a line over MAX_LINE_CHARS, or `.min.` in the name). */
  skipped: number;
  /** Binary or unreadable files (readSource refused them). */
  unreadable: number;
  /** JS/TS files that do not parse (not checked) and Python files with syntax errors (checked). */
  syntaxErrors: number;
  /** `file: rule: message` for every rule that threw: a bug worth knowing about. */
  ruleErrors: string[];
}

export interface ScanResult {
  stats: ScanStats;
  /** One list per settings object given, in the same order. */
  findings: FieldFinding[][];
}

const SNIPPET_CHARS = 160;

export function snippetOf(sourceLine: string): string {
  return sourceLine.trim().slice(0, SNIPPET_CHARS);
}

function generated(file: string, text: string): boolean {
  if (/\.min\.[cm]?js$/i.test(file)) return true;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    if ((end === -1 ? text.length : end) - start > MAX_LINE_CHARS) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}

/**
 * Lints `roots` (relative to `dir`) once per settings object. Paths in findings are `${id}/...` relative to `dir`.
 * Throws when a root is missing: the manifest no longer matches the project.
 */
export async function scanProject(id: string, dir: string, roots: readonly string[], settings: readonly Settings[]): Promise<ScanResult> {
  const { files, errors } = collectFiles(roots.map((r) => path.join(dir, r)));
  if (errors.length) throw new Error(`${id}: ${errors.join('; ')}`);
  const stats: ScanStats = { files: 0, lines: 0, skipped: 0, unreadable: 0, syntaxErrors: 0, ruleErrors: [] };
  const findings: FieldFinding[][] = settings.map(() => []);
  // As `memlint check` does: one project index over the roots, so findings follow data across modules.
  const project = projectFor(roots.map((r) => path.join(dir, r)), INDEXERS);
  for (const file of files) {
    const shown = `${id}/${path.relative(dir, file).split(path.sep).join('/')}`;
    const source = readSource(file, settings[0]);
    if (!source.ok) {
      stats.unreadable++;
      continue;
    }
    if (generated(file, source.text)) {
      stats.skipped++;
      continue;
    }
    stats.files++;
    stats.lines += lineCount(source.text);
    const language = languageOfPath(file)!;
    const lines = source.text.split('\n');
    for (const [i, s] of settings.entries()) {
      const result = await lint(source.text, language, s, { ...hostOptions(language, path.resolve(file)), file: path.resolve(file), root: dir, project: project.view(path.resolve(file)) });
      if (i === 0 && result.syntaxError) stats.syntaxErrors++;
      if (i === 0) for (const e of result.ruleErrors) stats.ruleErrors.push(`${shown}: ${e.rule}: ${e.message}`);
      for (const f of result.findings) {
        findings[i].push({
          file: shown,
          line: f.line,
          column: f.column,
          rule: `${familyOf(language)}/${f.rule}`,
          severity: f.severity,
          message: f.message,
          snippet: snippetOf(lines[f.line - 1] ?? ''),
        });
      }
    }
  }
  return { stats, findings };
}

const findingKey = (f: FieldFinding) => `${f.file}:${f.line}:${f.column}:${f.rule}:${f.severity}`;

/** The findings of `more` that `base` does not have (what strict mode adds to the default settings). */
export function extraFindings(base: readonly FieldFinding[], more: readonly FieldFinding[]): FieldFinding[] {
  const known = new Set(base.map(findingKey));
  return more.filter((f) => !known.has(findingKey(f)));
}
