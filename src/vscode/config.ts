// How memlint's editor settings map onto the core's Settings. No 'vscode' here: the manifest test reads this too.
import { normalize, type Settings } from '../core/settings';

/** Each core setting (but `rules`) and its key under `memlint.` in VS Code. */
export const SETTING_KEYS = {
  enable: 'enable',
  strict: 'strict',
  debounceMs: 'debounceMs',
  maxFileSizeKb: 'maxFileSizeKb',
  analysisBudgetMs: 'analysisBudgetMs',
  exclude: 'exclude',
  pythonPath: 'python.path',
  trackerIntervalMs: 'tracker.intervalMs',
  trackerLimitMb: 'tracker.limitMb',
} as const satisfies Record<Exclude<keyof Settings, 'rules'>, string>;

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
