// Where a word occurs in a file's text, asked many times over large ranges (every read site asks about its
// function, every chain about the statements before it) without rescanning those ranges every time. The first
// questions scan the range asked; once the scanning adds up to a few times the file's length, one pass indexes
// every word of the file and the rest are binary searches. Either way a file costs time linear in its length.
import type { Node } from 'web-tree-sitter';
import { firstNumberAtLeast as lowerBound } from '../../../core/sorted';
import { minimalEdit } from '../../../core/textDiff';
import { textCache } from './text-cache';

/** Letters, digits and `_`: the word characters of the `\b`-like checks in fixes (`mentions`). */
const MENTION_CHAR = /[\p{L}\p{N}_]/u;
const MENTION_RUNS = /[\p{L}\p{N}_]+/gu;
/** What may continue a Python identifier: letters, digits, combining marks, connectors (`_`). */
const IDENTIFIER_CHAR = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;
const IDENTIFIER_RUNS = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]+/gu;

function asciiWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The code point ending just before `i`, or -1 at the start. */
function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.codePointAt(i - 2)! : low;
}

/** Words of one kind (identifier characters, or mention characters) in one text. */
export class Words {
  private index: Map<string, number[]> | undefined;
  /** Characters the direct scans may still cover before the whole text is indexed. */
  private budget: number;

  constructor(
    private readonly text: string,
    private readonly charClass: RegExp,
    private readonly runs: RegExp,
  ) {
    this.budget = 4 * text.length + 65_536;
  }

  /** Python identifiers' words of `text`. */
  static identifiers(text: string): Words {
    return new Words(text, IDENTIFIER_CHAR, IDENTIFIER_RUNS);
  }

  /** Index every word now (what enough questions do anyway). */
  indexNow(): this {
    this.indexed();
    return this;
  }

  /**
   * The words of `text`, an edit of `prev`'s text (the editor's next version): `prev`'s index with the offsets after
   * the edit moved, and only the words around the edit scanned again. Null when `prev` has no index to start from.
   */
  static after(prev: Words, text: string): Words | null {
    if (!prev.index) return null;
    const edit = minimalEdit(prev.text, text);
    // Another file altogether (the CLI's next one): indexed afresh, only if its questions come to need it.
    if (edit && edit.end - edit.start + edit.text.length > text.length / 4) return null;
    const words = new Words(text, prev.charClass, prev.runs);
    if (!edit) return ((words.index = prev.index), words);
    // Widen the edit to whole words of the old text: no word starts inside it but in the widened stretch.
    const old = prev.text;
    let from = edit.start;
    for (let c = codePointBefore(old, from); prev.isWord(c); c = codePointBefore(old, from)) from -= c > 0xffff ? 2 : 1;
    let to = edit.end;
    for (let c = to < old.length ? old.codePointAt(to)! : -1; prev.isWord(c); c = to < old.length ? old.codePointAt(to)! : -1) to += c > 0xffff ? 2 : 1;
    const delta = edit.text.length - (edit.end - edit.start);
    const index = new Map<string, number[]>();
    for (const [word, at] of prev.index) {
      const keep = at.slice(0, lowerBound(at, from));
      for (let i = lowerBound(at, to); i < at.length; i++) keep.push(at[i] + delta);
      if (keep.length) index.set(word, keep);
    }
    // The words of the new stretch, put in their place in each list.
    const stretch = text.slice(from, to + delta);
    prev.runs.lastIndex = 0;
    for (let m = prev.runs.exec(stretch); m; m = prev.runs.exec(stretch)) {
      const p = from + m.index;
      const list = index.get(m[0]);
      if (!list) index.set(m[0], [p]);
      else list.splice(lowerBound(list, p), 0, p);
    }
    words.index = index;
    return words;
  }

  private isWord(code: number): boolean {
    if (code < 0) return false;
    return code < 128 ? asciiWord(code) : this.charClass.test(String.fromCodePoint(code));
  }

  /** Whether `length` characters at `i` stand alone: no word character just before or just after (in the whole text). */
  private alone(i: number, length: number): boolean {
    const after = i + length < this.text.length ? this.text.codePointAt(i + length)! : -1;
    return !this.isWord(after) && !this.isWord(codePointBefore(this.text, i));
  }

  /** The first run of word characters in `word`, if any. */
  private firstRun(word: string): RegExpExecArray | null {
    this.runs.lastIndex = 0;
    return this.runs.exec(word);
  }

  private indexed(): Map<string, number[]> {
    if (!this.index) {
      const index = new Map<string, number[]>();
      this.runs.lastIndex = 0;
      for (let m = this.runs.exec(this.text); m; m = this.runs.exec(this.text)) {
        const list = index.get(m[0]);
        if (list) list.push(m.index);
        else index.set(m[0], [m.index]);
      }
      this.index = index;
    }
    return this.index;
  }

  /** The first offset in [from, end - word.length] where `word` stands alone, or -1. */
  next(word: string, from: number, end: number): number {
    const last = end - word.length;
    if (word === '' || from > last) return -1;
    const run = this.firstRun(word);
    if (this.index && run) {
      // Where `word` stands alone, its first run of word characters is a whole word of the text.
      const k = run.index;
      const at = this.index.get(run[0]) ?? [];
      for (let i = lowerBound(at, from + k); i < at.length && at[i] - k <= last; i++) {
        const p = at[i] - k;
        if (run[0].length === word.length || (this.text.startsWith(word, p) && this.alone(p, word.length))) return p;
      }
      return -1;
    }
    for (let i = this.text.indexOf(word, from); i !== -1 && i <= last; i = this.text.indexOf(word, i + 1)) {
      if (this.alone(i, word.length)) {
        this.charge(i - from);
        return i;
      }
    }
    this.charge(end - from);
    return -1;
  }

  /** Charge a direct scan of `length` characters; past the budget, index every word once instead. */
  private charge(length: number): void {
    if (this.index) return;
    this.budget -= length;
    if (this.budget < 0) this.indexed();
  }

  /** Offsets in [start, end) where `word` stands alone, in order. */
  all(word: string, start: number, end: number): number[] {
    const out: number[] = [];
    for (let i = this.next(word, start, end); i !== -1; i = this.next(word, i + 1, end)) out.push(i);
    return out;
  }

  /**
   * Whether `word` occurs in text[start, end) as a word of that slice (no word character next to it inside the
   * slice): what a `\b`-style regex finds in `text.slice(start, end)`.
   */
  within(word: string, start: number, end: number): boolean {
    const { text } = this;
    if (word === '' || end - start < word.length) return false;
    const atEdge = (i: number) =>
      text.startsWith(word, i) &&
      (i === start || !this.isWord(codePointBefore(text, i))) &&
      (i + word.length === end || !this.isWord(text.codePointAt(i + word.length)!));
    // Away from the slice's edges, standing alone in the slice is standing alone in the text.
    return atEdge(start) || atEdge(end - word.length) || this.next(word, start, end) !== -1;
  }

  /**
   * Whether `word` occurs as a word in one of the statements `siblings[from, to)` (comments left out), each taken
   * as a slice of its own, asked of the stretch they cover at once. A statement sits between line breaks, `;` or
   * `:`, so its edges are word edges and standing alone in it is standing alone in the text.
   */
  withinStatements(word: string, siblings: readonly Node[], from: number, to: number): boolean {
    if (from >= to) return false;
    const end = siblings[to - 1].endIndex;
    let n = from;
    for (let p = this.next(word, siblings[from].startIndex, end); p !== -1; p = this.next(word, p + 1, end)) {
      while (n < to && siblings[n].endIndex < p + word.length) n++;
      if (n === to) return false;
      if (siblings[n].startIndex <= p && siblings[n].type !== 'comment') return true;
    }
    return false;
  }
}

/** The words of the text asked about last, derived from the previous text's when it was indexed (an editor's edit). */
function wordsCache(charClass: RegExp, runs: RegExp): (text: string) => Words {
  let last: { text: string; words: Words } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, words: (last && Words.after(last.words, text)) ?? new Words(text, charClass, runs) };
    return last.words;
  };
}

const IDENTIFIERS = wordsCache(IDENTIFIER_CHAR, IDENTIFIER_RUNS);
const MENTIONS = wordsCache(MENTION_CHAR, MENTION_RUNS);

const FIXED = textCache(() => new Map<string, number[]>());

/**
 * Whether the fixed string `needle` (`:=`: one of a few a rule asks about) occurs within text[start, end). Its
 * offsets are found once per text, so asking for each of many nested expressions costs a binary search each.
 */
export function containsIn(text: string, needle: string, start: number, end: number): boolean {
  const known = FIXED(text);
  let at = known.get(needle);
  if (!at) {
    at = [];
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) at.push(i);
    known.set(needle, at);
  }
  return lowerBound(at, end - needle.length + 1) > lowerBound(at, start);
}

/** Offsets in [start, end) where `name` occurs as a whole word (not inside a longer name), in order. */
export function wordsAt(text: string, name: string, start = 0, end = text.length): number[] {
  return IDENTIFIERS(text).all(name, start, end);
}

/** The offsets of `wordsAt`, one at a time (a caller after the first few stops early). */
export function* wordsFrom(text: string, name: string, start = 0, end = text.length): Generator<number> {
  const words = IDENTIFIERS(text);
  for (let i = words.next(name, start, end); i !== -1; i = words.next(name, i + 1, end)) yield i;
}

/** Whether `name` occurs as a whole word in [start, end). */
export function hasWord(text: string, name: string, start: number, end: number): boolean {
  return IDENTIFIERS(text).next(name, start, end) !== -1;
}

/** Whether `word` occurs in text[start, end) as a whole word of that slice (`mentions(text.slice(start, end), word)`). */
export function mentionsIn(text: string, word: string, start: number, end: number): boolean {
  return MENTIONS(text).within(word, start, end);
}

/** Whether `word` occurs as a whole word in one of the statements `siblings[from, to)`, comments left out. */
export function mentionedInStatements(text: string, word: string, siblings: readonly Node[], from: number, to: number): boolean {
  return MENTIONS(text).withinStatements(word, siblings, from, to);
}

const BLANK = /\s/;

/** The first character from `i` on (or before `i`, going back) that is not a blank (`\s`); -1 past either end. */
export function pastBlanks(text: string, i: number, step: 1 | -1): number {
  while (i >= 0 && i < text.length && BLANK.test(text[i])) i += step;
  return i >= 0 && i < text.length ? i : -1;
}

/**
 * Where one of `names` stands as a word with, blanks aside, `before` just before it and `after` just after it (each
 * when given): `.read(` is `wordSites(text, ['read'], { before: '.', after: '(' })`. In text order, from the word
 * index, so an editor's next version costs what its edit changed.
 */
export function wordSites(text: string, names: readonly string[], shape: { before?: string; after?: string }): Array<{ at: number; name: string }> {
  const out: Array<{ at: number; name: string }> = [];
  for (const name of names) {
    for (const at of wordsAt(text, name)) {
      if (shape.before !== undefined && text[pastBlanks(text, at - 1, -1)] !== shape.before) continue;
      if (shape.after !== undefined && text[pastBlanks(text, at + name.length, 1)] !== shape.after) continue;
      out.push({ at, name });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
