// One memlint JS rule as an ESLint rule: it runs the memlint check on ESLint's own AST (espree or
// @typescript-eslint/parser) once per file, and reports each finding with its preferred safe fix as
// `fix` and its other fixes as suggestions. ESLint has no hint level and no project index: a finding is
// reported when memlint, at the rule's own level, would show it at information or above (hints only in
// strict mode); sizes come from the file alone (its own calls of a parameter's function).
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { languageOfPath } from '../core/languages';
import { reportMessage } from '../core/linter';
import { docsUrl, type Finding, type Fix, type JsRule, type LanguageId, type Report } from '../core/rule';
import { normalize } from '../core/settings';
import { severityOf } from '../core/severity';
import { isSuppressed, jsSuppressions } from '../core/suppress';
import { isTestFile } from '../core/testFiles';
import { iteratorHelpersTargeted } from '../host/target';

/** The rule's options: `['warn', { strict: true }]`. */
export interface RuleOptions {
  /** memlint's strict mode: also report what it only notes in strict mode (as ordinary ESLint reports). */
  strict?: boolean;
  /** Test code (`*.test.js`, `test/`, ...) at the same level as the rest: what memlint would lower to a hint there is reported. */
  testsAsSource?: boolean;
  /** The project targets ES2025 iterator helpers; by default detected from package.json / tsconfig.json. */
  iteratorHelpers?: boolean;
}

/** The stable messageId of a rule: its id in camelCase (`chained-copies` -> `chainedCopies`). */
export function messageIdOf(id: string): string {
  return id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function languageOf(filename: string): LanguageId {
  return languageOfPath(filename) ?? 'javascript';
}

function edits(fix: Fix): Rule.ReportFixer {
  return (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text));
}

export function toEslintRule(rule: JsRule): Rule.RuleModule {
  const { meta } = rule;
  const messageId = messageIdOf(meta.id);
  const fixable = meta.fixable === 'safe' || meta.fixable === 'mixed';
  const hasSuggestions = meta.fixable === 'unsafe' || meta.fixable === 'mixed';
  return {
    meta: {
      type: meta.defaultLevel === 'error' || meta.defaultLevel === 'warning' ? 'problem' : 'suggestion',
      docs: { description: meta.description, url: docsUrl(meta) },
      messages: { [messageId]: '{{message}}', crashed: 'memlint could not check this file: {{message}}' },
      ...(fixable ? { fixable: 'code' as const } : {}),
      ...(hasSuggestions ? { hasSuggestions: true } : {}),
      schema: [
        {
          type: 'object',
          properties: { strict: { type: 'boolean' }, testsAsSource: { type: 'boolean' }, iteratorHelpers: { type: 'boolean' } },
          additionalProperties: false,
        },
      ],
    },
    create(context) {
      const options = (context.options[0] ?? {}) as RuleOptions;
      return {
        'Program:exit'() {
          const { sourceCode } = context;
          const language = languageOf(context.filename);
          const reports: Report[] = [];
          try {
            rule.check({
              text: sourceCode.text,
              settings: normalize({ strict: options.strict === true }),
              ast: sourceCode.ast as unknown as TSESTree.Program,
              language,
              iteratorHelpers: options.iteratorHelpers ?? iteratorHelpersTargeted(context.physicalFilename, language),
              report: (r) => reports.push(r),
            });
          } catch (err) {
            // One bad rule must not stop ESLint's run: say so on the file instead.
            context.report({ loc: { line: 1, column: 0 }, messageId: 'crashed', data: { message: err instanceof Error ? err.message : String(err) } });
            return;
          }
          // memlint's own suppression comments hold here too (ESLint's eslint-disable comments apply as usual).
          const suppressions = jsSuppressions(sourceCode.getAllComments().map((c) => ({ body: c.value, line: c.loc!.start.line, endLine: c.loc!.end.line })));
          const strict = options.strict === true;
          const severityContext = { strict, testCode: options.testsAsSource !== true && isTestFile(context.physicalFilename) };
          for (const r of reports) {
            const severity = severityOf(meta.defaultLevel, r, severityContext);
            if (!severity || (severity === 'hint' && !strict)) continue;
            const start = sourceCode.getLocFromIndex(r.start);
            const end = sourceCode.getLocFromIndex(r.end);
            if (isSuppressed(suppressions, { rule: meta.id, line: start.line, endLine: end.line } as Finding)) continue;
            const fixes = r.fixes ?? [];
            const preferred = fixable ? fixes.find((f) => f.safety === 'safe') : undefined;
            const others = hasSuggestions ? fixes.filter((f) => f !== preferred) : [];
            context.report({
              loc: { start, end },
              messageId,
              data: { message: reportMessage(r) },
              ...(preferred ? { fix: edits(preferred) } : {}),
              ...(others.length ? { suggest: others.map((f) => ({ desc: f.title, fix: edits(f) })) } : {}),
            });
          }
        },
      };
    },
  };
}
