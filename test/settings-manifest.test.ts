// package.json declares every core setting, with the core's defaults, and nothing the core does not read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGE_IDS, LEVELS } from '../src/core/rule';
import { DEFAULTS, normalize, type Settings } from '../src/core/settings';
import { RULES, RULE_IDS } from '../src/rules';
import { CLIENT_KEYS, manifestRuleIds, readSettings, RESTRICTED_KEYS, RULES_PREFIX, SETTING_KEYS } from '../src/server/config';
import { ROOT } from './support/paths';

interface Property {
  type: string;
  default: unknown;
  scope?: string;
  markdownDescription?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;
const declared = (key: string) => properties[`memlint.${key}`];

describe('settings manifest (package.json contributes.configuration)', () => {
  for (const [field, key] of Object.entries(SETTING_KEYS)) {
    it(`declares memlint.${key} with the core's default for ${field}`, () => {
      const p = declared(key);
      assert.ok(p, `memlint.${key} is not declared`);
      assert.deepEqual(p.default, DEFAULTS[field as keyof Settings]);
      assert.ok(p.markdownDescription && p.markdownDescription.length > 20, 'needs a markdownDescription');
      assert.ok(p.scope, 'needs a scope');
    });
  }

  for (const id of RULE_IDS) {
    it(`declares memlint.rules.${id} with every level and the rule's default level`, () => {
      const p = declared(RULES_PREFIX + id);
      assert.ok(p, `memlint.rules.${id} is not declared`);
      assert.deepEqual([...(p.enum ?? [])].sort(), [...LEVELS].sort());
      for (const rule of RULES.filter((r) => r.meta.id === id)) {
        assert.equal(p.default, rule.meta.defaultLevel, `${rule.meta.family}/${id} defaults to ${rule.meta.defaultLevel}`);
      }
      assert.equal(p.scope, 'language-overridable');
      assert.ok(p.markdownDescription?.includes(id));
    });
  }

  it('declares memlint.trace.server for the language client (off, messages, verbose)', () => {
    const p = declared('trace.server');
    assert.ok(p, 'memlint.trace.server is not declared');
    assert.deepEqual(p.enum, ['off', 'messages', 'verbose']);
    assert.equal(p.default, 'off');
    assert.equal(p.scope, 'window');
  });

  it('declares a level for exactly the registry\'s rules (the client takes the rule ids from the manifest)', () => {
    assert.deepEqual([...manifestRuleIds(manifest)].sort(), [...RULE_IDS].sort());
  });

  it('declares nothing the core or the client does not read', () => {
    const known = new Set([...Object.values(SETTING_KEYS), ...CLIENT_KEYS, ...RULE_IDS.map((id) => RULES_PREFIX + id)].map((k) => `memlint.${k}`));
    assert.deepEqual(Object.keys(properties).filter((k) => !known.has(k)), []);
  });

  it('reads the declared defaults back as the core DEFAULTS', () => {
    const settings = readSettings((key) => declared(key)?.default, RULE_IDS);
    const { rules, ...rest } = settings;
    const { rules: _defaultRules, ...defaults } = DEFAULTS;
    assert.deepEqual(rest, defaults);
    for (const r of RULES) assert.equal(rules[r.meta.id], r.meta.defaultLevel);
  });

  it("bounds numbers as the core's normalize() clamps them", () => {
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const p = declared(key);
      if (p.type !== 'integer') continue;
      assert.ok(p.minimum !== undefined && p.maximum !== undefined, `memlint.${key} needs minimum and maximum`);
      const f = field as keyof Settings;
      assert.equal(normalize({ [field]: p.minimum - 1 })[f], p.minimum, `memlint.${key} minimum`);
      assert.equal(normalize({ [field]: p.maximum + 1 })[f], p.maximum, `memlint.${key} maximum`);
    }
  });

  it('restricts the settings that name an executable in untrusted workspaces', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), RESTRICTED_KEYS.map((k) => `memlint.${k}`).sort());
    assert.equal(declared(SETTING_KEYS.pythonPath).scope, 'machine-overridable');
  });

  it('activates lazily: on the five languages and the commands only', () => {
    const commands: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(
      [...manifest.activationEvents].sort(),
      [...LANGUAGE_IDS.map((l) => `onLanguage:${l}`), ...commands.map((c) => `onCommand:${c}`)].sort(),
    );
  });
});
