// The analysis core: shared by the CLI, the language server, the ESLint plugin and the tests. Never imports 'vscode'
// nor the rules: hosts pass the registry (`memlint/rules`) in LintOptions.rules.
export * from './rule';
export * from './settings';
export * from './text';
export { applyEdits, applyFixes } from './fixes';
export { lint, lintPrepared, prepare, rulesFor, levelOf, type LintResult, type LintOptions, type SyntaxProblem } from './linter';
export { fixText, chosenFix, type FixOptions, type FixOutcome } from './autofix';
export { PythonDocument, ParserFailure } from './parsers/python';
export { overLimit, describeOverLimit, type OverLimit, type LimitNames } from './limits';
export { languageOfPath, LINTED_EXTENSIONS } from './languages';
