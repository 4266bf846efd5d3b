// Render findings the way reviewers read them: location, code frame, and each fix as a diff with its safety.
import { structuredPatch } from 'diff';
import { applyEdits } from '../../src/core/fixes';
import type { Finding } from '../../src/core/rule';
import { LineIndex } from '../../src/core/text';
import { codeFrame } from '../../src/cli/frame';

const visible = (s: string) => s.replace(/\r/g, '\\r');

export function diffText(before: string, after: string): string {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context: 1 });
  return patch.hunks
    .map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.map(visible)].join('\n'))
    .join('\n');
}

export function renderFindings(name: string, text: string, findings: readonly Finding[]): string {
  const lines = new LineIndex(text);
  const blocks = findings.map((f) => {
    const out = [`${name}:${f.line}:${f.column}: ${f.rule} [${f.severity}] ${f.message}`, codeFrame(lines, f)];
    if (f.fixes.length === 0) out.push('= no fix');
    for (const fix of f.fixes) {
      out.push(`= ${fix.safety} fix: ${fix.title}`);
      out.push(diffText(text, applyEdits(text, fix.edits)));
    }
    return out.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
