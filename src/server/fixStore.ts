// The fixes computed when a document was linted, kept for the code-action provider to look up (never recomputed there).
// Keyed by document, rule, range and document version; a later version whose text is still the linted text
// (an edit undone, a change that was no change) keeps them too, since their offsets still hold.
import type { Finding } from '../core/rule';
import { findingKey, spanOf, type Span } from './diagnosticData';

interface Entry {
  version: number;
  text: string;
  findings: Map<string, Finding>;
}

export class FixStore {
  private readonly byDocument = new Map<string, Entry>();

  /** Record a document's findings as linted at `version` from `text`. */
  set(uri: string, version: number, text: string, findings: readonly Finding[]): void {
    const map = new Map<string, Finding>();
    for (const f of findings) map.set(findingKey(f.rule, spanOf(f)), f);
    this.byDocument.set(uri, { version, text, findings: map });
  }

  /** The finding behind a diagnostic, only while the document still holds the linted text (offsets are valid). */
  get(uri: string, version: number, rule: string, span: Span, currentText: () => string): Finding | undefined {
    const entry = this.byDocument.get(uri);
    if (!entry) return undefined;
    if (entry.version !== version) {
      if (currentText() !== entry.text) return undefined;
      entry.version = version;
    }
    return entry.findings.get(findingKey(rule, span));
  }

  delete(uri: string): void {
    this.byDocument.delete(uri);
  }

  clear(): void {
    this.byDocument.clear();
  }
}
