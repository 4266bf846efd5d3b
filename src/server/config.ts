// How memlint's editor settings map onto the core's Settings, for the server (which reads them) and the VS Code
// client (which answers `workspace/configuration` with them). No 'vscode' here: the manifest test reads this too.
import { normalize, type Settings } from '../core/settings';

/** Each core setting (but `rules`) and its key under `memlint.` in VS Code. */
export const SETTING_KEYS = {
  enable: 'enable',
  strict: 'strict',
  testsAsSource: 'testsAsSource',
  debounceMs: 'debounceMs',
  maxFileSizeKb: 'maxFileSizeKb',
  maxLineLength: 'maxLineLength',
  exclude: 'exclude',
  pythonPath: 'python.path',
  trackerIntervalMs: 'tracker.intervalMs',
  trackerLimitMb: 'tracker.limitMb',
  trackerLineMarks: 'tracker.lineMarks',
} as const satisfies Record<Exclude<keyof Settings, 'rules'>, string>;

/** Settings only the VS Code client reads (not the core's): `memlint.trace.server`, the LSP message trace. */
export const CLIENT_KEYS: readonly string[] = ['trace.server'];

/** A rule's level lives at `memlint.rules.<rule-id>`. */
export const RULES_PREFIX = 'rules.';

/** Settings that take an executable or run code: VS Code ignores their workspace values in untrusted workspaces. */
export const RESTRICTED_KEYS: readonly string[] = [SETTING_KEYS.pythonPath];

/** Read every setting through `get` (a `WorkspaceConfiguration.get` for section 'memlint') and clean it. */
export function readSettings(get: (key: string) => unknown, ruleIds: readonly string[]): Settings {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(SETTING_KEYS)) raw[field] = get(key);
  const rules: Record<string, unknown> = {};
  for (const id of ruleIds) {
    const level = get(RULES_PREFIX + id);
    if (level !== undefined) rules[id] = level;
  }
  raw.rules = rules;
  return normalize(raw);
}

/**
 * The `memlint` section as the client sends it: every key read through `get` (a `WorkspaceConfiguration.get`),
 * nested at its first dot (`rules.whole-file-read` -> `{ rules: { 'whole-file-read': ... } }`), as VS Code and other
 * editors nest settings.
 */
export function configSection(get: (key: string) => unknown, ruleIds: readonly string[]): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const key of [...Object.values(SETTING_KEYS), ...ruleIds.map((id) => RULES_PREFIX + id)]) {
    const value = get(key);
    if (value === undefined) continue;
    const dot = key.indexOf('.');
    if (dot < 0) section[key] = value;
    else ((section[key.slice(0, dot)] ??= {}) as Record<string, unknown>)[key.slice(dot + 1)] = value;
  }
  return section;
}

/** The rule ids a package.json declares `memlint.rules.<id>` for (the VS Code client's list of rules). */
export function manifestRuleIds(manifest: unknown): string[] {
  const properties = (manifest as { contributes?: { configuration?: { properties?: Record<string, unknown> } } } | undefined)?.contributes?.configuration?.properties ?? {};
  const prefix = `memlint.${RULES_PREFIX}`;
  return Object.keys(properties)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}
