// Applying fixes: whole fixes at a time, never overlapping, identical edits merged (two fixes adding the same import).
import type { Edit, Fix } from './rule';

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

function key(e: Edit): string {
  return `${e.start}:${e.end}:${e.text}`;
}

function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

export interface Applied {
  text: string;
  applied: Fix[];
  skipped: Fix[];
}

/** Apply as many of `fixes` as fit together, in order; a fix whose edits collide with an earlier one waits for the next round. */
export function applyFixes(text: string, fixes: readonly Fix[]): Applied {
  const taken: Edit[] = [];
  const seen = new Set<string>();
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => taken.some((t) => overlaps(e, t))) || fresh.some((e, i) => fresh.some((o, j) => i < j && overlaps(e, o)))) {
      skipped.push(fix);
      continue;
    }
    for (const e of fresh) {
      taken.push(e);
      seen.add(key(e));
    }
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied, skipped };
}
