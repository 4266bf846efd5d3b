// Every import points down: the engine (src/core) knows no rule, no host and no editor; rules know only the engine;
// the language server knows no editor; the VS Code client carries no rule (the server runs them) and shares only
// the server's protocol and settings modules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/paths';

const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.ts$/.test(e.name) && !/(^|[\\/])(valid|invalid|exec)[^\\/]*$/.test(e.name) ? [full] : [];
  });
}

/** Module specifiers a file loads at run time (type-only imports excepted): import, export ... from, require(), import(). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [/^\s*import\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm, /^\s*import\s+['"]([^'"]+)['"]/gm, /^\s*export\s+(?!type\b)[^'";]*?from\s+['"]([^'"]+)['"]/gm, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** Where a specifier leads: a path under src/ ('core/linter'), or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  return path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
}

const layerOf = (rel: string) => (rel === 'extension.ts' || rel === 'extension' ? 'vscode' : rel.split('/')[0]);

/** What each layer of src/ may load from the others. */
const ALLOWED: Record<string, (to: string) => boolean> = {
  core: (to) => layerOf(to) === 'core',
  rules: (to) => ['core', 'rules'].includes(layerOf(to)),
  host: (to) => ['core', 'rules', 'host'].includes(layerOf(to)),
  server: (to) => ['core', 'rules', 'host', 'server'].includes(layerOf(to)),
  cli: (to) => ['core', 'rules', 'host', 'cli', 'tracker', 'report', 'server'].includes(layerOf(to)),
  eslint: (to) => ['core', 'rules', 'host', 'eslint'].includes(layerOf(to)),
  tracker: (to) => ['core', 'tracker'].includes(layerOf(to)),
  // The client: the server's shared modules only (protocol, settings keys, the log's once-only rule); the tracker
  // and the core's plain data.
  vscode: (to) => ['vscode', 'tracker', 'report'].includes(layerOf(to)) || ['server/protocol', 'server/config', 'server/onceLog', 'core/settings', 'core/rule'].includes(to),
};

const EDITOR_PACKAGES = ['vscode', 'vscode-languageclient', '@vscode/python-extension'];

describe('layers: every import points down', () => {
  const files = sources(SRC);
  const edges = files.flatMap((file) => {
    const from = path.relative(SRC, file).split(path.sep).join('/');
    return specifiers(file).map((spec) => ({ from, spec, to: target(file, spec) }));
  });
  const local = (e: { spec: string }) => e.spec.startsWith('.');

  it('src/core imports nothing from src/rules, src/host, src/server, src/cli, src/vscode, src/eslint or src/tracker', () => {
    const bad = edges.filter((e) => layerOf(e.from) === 'core' && local(e) && layerOf(e.to) !== 'core');
    assert.deepEqual(bad.map((e) => `${e.from} -> ${e.spec}`), []);
  });

  it('no engine, rule, host, server or CLI file imports an editor package', () => {
    const bad = edges.filter((e) => !['vscode', 'tracker'].includes(layerOf(e.from)) && EDITOR_PACKAGES.includes(e.to));
    assert.deepEqual(bad.map((e) => `${e.from} -> ${e.spec}`), []);
  });

  for (const layer of Object.keys(ALLOWED)) {
    it(`src/${layer} imports only what it may`, () => {
      const bad = edges.filter((e) => layerOf(e.from) === layer && local(e) && !ALLOWED[layer](e.to));
      assert.deepEqual(bad.map((e) => `${e.from} -> ${e.spec}`), []);
    });
  }

  it('every layer of src/ is known to this test', () => {
    const layers = new Set(files.map((f) => layerOf(path.relative(SRC, f).split(path.sep).join('/'))));
    assert.deepEqual([...layers].filter((l) => !(l in ALLOWED) && l !== 'report'), []);
  });

  it('catches a bad import (the check itself works)', () => {
    const fake = path.join(SRC, 'core', 'x.ts');
    assert.equal(layerOf(target(fake, '../rules')), 'rules');
    assert.equal(ALLOWED.core(target(fake, '../rules')), false);
    assert.equal(ALLOWED.core(target(fake, './rule')), true);
  });
});
