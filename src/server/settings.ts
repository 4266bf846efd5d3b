// Settings per document through `workspace/configuration` (section `memlint`, scoped to the document: the VS Code
// client answers with the document's language overrides applied), cached until the configuration changes.
// A client without `workspace/configuration` gives them in `workspace/didChangeConfiguration` (`{ memlint: {...} }`).
import type { Connection } from 'vscode-languageserver';
import type { Settings } from '../core/settings';
import { RULE_IDS } from '../rules';
import { readSettings } from './config';

/** A `memlint` settings object, nested (`{ python: { path } }`, as VS Code and most clients send it) or dotted. */
export function settingsFromSection(section: unknown): Settings {
  const root = section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
  return readSettings((key) => {
    if (key in root) return root[key];
    let value: unknown = root;
    for (const part of key.split('.')) {
      if (!value || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }, RULE_IDS);
}

export class ServerSettings {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  /** Set from the client's capabilities once it has said them. */
  canAsk = false;

  constructor(private readonly connection: Connection) {}

  for(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.canAsk
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'memlint' }).then(settingsFromSection, () => settingsFromSection(this.pushed))
        : Promise.resolve(settingsFromSection(this.pushed));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** The configuration changed: ask again. `settings` is what `didChangeConfiguration` carried. */
  changed(settings: unknown): void {
    if (settings && typeof settings === 'object' && 'memlint' in settings) this.pushed = (settings as { memlint: unknown }).memlint;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
