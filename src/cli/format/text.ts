// --format text: Ruff-style location, message, code frame and fix titles; colours only on a TTY.
import type { Severity } from '../../core/rule';
import { codeFrame } from '../frame';
import { escapeControls } from './escape';
import type { FileFindings } from './types';

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  severity(s: Severity, text: string): string;
  fix(s: string): string;
}

const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const SEVERITY_CODE: Record<Severity, string> = { error: '31;1', warning: '33;1', information: '36;1', hint: '2' };

export const COLOURS: Paint = {
  bold: sgr('1'),
  dim: sgr('2'),
  severity: (s, text) => sgr(SEVERITY_CODE[s])(text),
  fix: sgr('32'),
};

export const PLAIN: Paint = { bold: (s) => s, dim: (s) => s, severity: (_s, t) => t, fix: (s) => s };

/** Colour when writing to a terminal, unless NO_COLOR; FORCE_COLOR forces it. */
export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return COLOURS;
  if (env.NO_COLOR) return PLAIN;
  return stream.isTTY ? COLOURS : PLAIN;
}

export function formatText(results: readonly FileFindings[], paint: Paint): string {
  const blocks: string[] = [];
  for (const { file, lines, findings } of results) {
    for (const f of findings) {
      const where = `${escapeControls(file)}:${f.line}:${f.column}:`;
      const head = `${paint.bold(where)} ${paint.severity(f.severity, f.severity)} ${paint.dim(f.rule)} ${escapeControls(f.message)}`;
      const fixes = f.fixes.map((x) => paint.fix(`  = ${x.safety === 'safe' ? 'fix' : 'unsafe fix'}: ${escapeControls(x.title)}`));
      const via = (f.related ?? []).map((r) => paint.dim(`  = via ${escapeControls(r.file ?? file)}:${r.line}: ${escapeControls(r.message)}`));
      blocks.push([head, codeFrame(lines, f).replace(/^/gm, '  '), ...via, ...fixes].join('\n'));
    }
  }
  return blocks.length ? blocks.join('\n\n') + '\n' : '';
}

export interface Totals {
  problems: number;
  files: number;
  safe: number;
  unsafe: number;
  fixed: number;
  /** Files with syntax errors (reported on stderr). */
  unparsed: number;
  /** Files skipped or failed, not checked at all (reported on stderr). */
  unchecked: number;
}

export function summary(t: Totals): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const fixed = t.fixed ? `Fixed ${plural(t.fixed, 'problem')}. ` : '';
  const unparsed = t.unparsed ? ` ${plural(t.unparsed, 'file')} with syntax errors (see above).` : '';
  const unchecked = t.unchecked ? ` ${plural(t.unchecked, 'file')} not checked (see above).` : '';
  if (t.problems === 0) return `${fixed}No problems found.${unparsed}${unchecked}`;
  const hints = [t.safe && `${t.safe} fixable with --fix`, t.unsafe && `${t.unsafe} more with --unsafe-fixes`].filter(Boolean);
  return `${fixed}Found ${plural(t.problems, 'problem')} in ${plural(t.files, 'file')}${hints.length ? ` (${hints.join(', ')})` : ''}.${unparsed}${unchecked}`;
}
