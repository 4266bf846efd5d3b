#!/usr/bin/env node
// The extension's bundles (`npm run bundle`, part of `npm run build`):
//   dist/extension.js  the extension host side: the language client and the tracker UI, with 'vscode' external;
//                      small, so activation is quick, and no rule in it
//   dist/memlint.js    the CLI: the client forks `memlint server --node-ipc` from it (the language server: documents,
//                      the rules, the core, the parsers), and the tracker UI runs `memlint run --events`, so neither
//                      lints nor tracks on the extension host
//   dist/checkWorker.js  a worker thread of `memlint check --jobs` (src/cli/pool.ts starts it from beside itself):
//                      the core, the rules and the parsers, without the server or the tracker
//   dist/gapWorker.js  a worker thread of `memlint run` (src/tracker/gapWatch.ts starts it from beside itself): reads a
//                      Python script's frames from outside while a call holds the GIL
//   dist/estree.js     typescript-estree + typescript, required only on the first JS/TS lint (and by the tracker)
//   dist/*.wasm        web-tree-sitter's runtime and the Python grammar (src/core/parsers/python.ts looks beside __dirname)
//   dist/docs/<family>/<rule>/README.md   each rule's documentation, for "show documentation" offline
//   dist/probes/       the tracker's Python wrapper, Node preload, checkpoint helpers and watchdog
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const production = process.argv.includes('--production');

/** Send the lazy requires of typescript-estree (the core) and typescript (the tracker) to the separate dist/estree.js. */
const estreeApart = {
  name: 'estree-apart',
  setup(build) {
    build.onResolve({ filter: /^(@typescript-eslint\/typescript-estree|typescript)$/ }, () => ({ path: './estree.js', external: true }));
  },
};

/** web-tree-sitter's ESM build needs import.meta.url, which a CommonJS bundle lacks: take its CommonJS build. */
const treeSitterCjs = {
  name: 'tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

async function main() {
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
      outfile: path.join(DIST, 'extension.js'),
      external: ['vscode'],
      plugins: [estreeApart, treeSitterCjs],
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
      outfile: path.join(DIST, 'memlint.js'),
      plugins: [estreeApart, treeSitterCjs],
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(ROOT, 'src', 'cli', 'checkWorker.ts')],
      outfile: path.join(DIST, 'checkWorker.js'),
      plugins: [estreeApart, treeSitterCjs],
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(ROOT, 'src', 'tracker', 'gapWorker.ts')],
      outfile: path.join(DIST, 'gapWorker.js'),
    }),
    esbuild.build({
      ...common,
      // typescript-estree with TypeScript itself as `.typescript` (src/tracker/typescript.ts loads it from there).
      stdin: {
        contents: "module.exports = Object.assign({}, require('@typescript-eslint/typescript-estree'), { typescript: require('typescript') });",
        resolveDir: ROOT,
        loader: 'js',
      },
      outfile: path.join(DIST, 'estree.js'),
      minify: true, // typescript is 9 MB unminified
      sourcemap: false,
    }),
  ]);

  fs.copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(DIST, 'tree-sitter.wasm'));
  fs.copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(DIST, 'tree-sitter-python.wasm'));

  // The tracker's probes are files the tracked process loads (src/tracker/launch.ts finds them beside the bundle).
  fs.cpSync(path.join(ROOT, 'src', 'tracker', 'probes'), path.join(DIST, 'probes'), { recursive: true });

  const rules = path.join(ROOT, 'src', 'rules');
  let docs = 0;
  for (const family of fs.readdirSync(rules)) {
    const dir = path.join(rules, family);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const id of fs.readdirSync(dir)) {
      const readme = path.join(dir, id, 'README.md');
      // Rule folders only (a rule.ts beside the README), not shared/ helpers.
      if (!fs.existsSync(readme) || !fs.existsSync(path.join(dir, id, 'rule.ts'))) continue;
      fs.mkdirSync(path.join(DIST, 'docs', family, id), { recursive: true });
      fs.copyFileSync(readme, path.join(DIST, 'docs', family, id, 'README.md'));
      docs++;
    }
  }
  const size = (f) => `${(fs.statSync(path.join(DIST, f)).size / 1024).toFixed(0)} KB`;
  console.log(`bundle: dist/extension.js ${size('extension.js')}, dist/memlint.js ${size('memlint.js')}, dist/checkWorker.js ${size('checkWorker.js')}, dist/gapWorker.js ${size('gapWorker.js')}, dist/estree.js ${size('estree.js')}, ${docs} rule docs`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
