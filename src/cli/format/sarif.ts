// --format sarif: SARIF 2.1.0 as GitHub code scanning ingests it.
import { docsUrl, type Rule, type Severity } from '../../core/rule';
import { editPosition } from './json';
import { arrayDocument, type ArrayDocument } from './stream';
import type { FileFindings } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(p: { line: number; column: number; endLine: number; endColumn: number }) {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

/** One SARIF rule per id; Python and JS rules of the same idea share it. */
function sarifRules(): { id: string; rule: Rule }[] {
  // The registry loads every rule: only when a SARIF document is made.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RULES } = require('../../rules') as typeof import('../../rules');
  const byId = new Map<string, Rule>();
  for (const rule of RULES) if (!byId.has(rule.meta.id)) byId.set(rule.meta.id, rule);
  return [...byId].map(([id, rule]) => ({ id, rule }));
}

/** One checked file's findings as SARIF results. */
export function sarifResults({ file, lines, findings }: FileFindings): object[] {
  const index = ruleIndex();
  return findings.map((f) => {
    const artifactLocation = { uri: encodeURI(file), uriBaseId: 'SRCROOT' };
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(f) } }],
      relatedLocations: (f.related ?? []).map((r, i) => ({
        id: i + 1,
        message: { text: r.message },
        physicalLocation: { artifactLocation: { uri: encodeURI(r.file ?? file), uriBaseId: 'SRCROOT' }, region: region(r) },
      })),
      fixes: f.fixes.map((fix) => ({
        description: { text: `${fix.title} (${fix.safety} fix)` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: fix.edits.map((e) => {
              const p = editPosition(lines, e);
              return { deletedRegion: region(p), insertedContent: { text: p.text } };
            }),
          },
        ],
      })),
    };
  });
}

let indexOfRule: Map<string, number> | undefined;

function ruleIndex(): Map<string, number> {
  return (indexOfRule ??= new Map(sarifRules().map((r, i) => [r.id, i])));
}

/** The SARIF document around the results: one run of memlint, its rules, the results array streamed in. */
export function sarifDocument(version: string, rootUri: string): ArrayDocument {
  const rules = sarifRules();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'memlint',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/memlint/memlint',
            rules: rules.map(({ id, rule }) => ({
              id,
              name: id.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: rule.meta.description },
              helpUri: docsUrl(rule.meta),
              help: { text: `${rule.meta.description} See ${docsUrl(rule.meta)}` },
              defaultConfiguration: { level: LEVEL[rule.meta.defaultLevel] },
              properties: { tags: ['memory', 'performance'] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  return arrayDocument(sarif, ['runs', 0, 'results']);
}
