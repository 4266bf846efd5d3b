'use strict';
// memlint tracker preload (`node --require preload.js SCRIPT`): records VmHWM at exit (the exact peak) in the run
// directory, before anything else the exit costs (V8 then writes the --cpu-prof profile the tracker places the peak
// with); and runs TypeScript the tracker transpiled ahead of time, so no compiler enters the measured process.
// It stays small: nothing is required up front that the process would not load anyway (worker_threads alone costs
// 1.5 MB of RSS, so it is asked only at exit, once VmHWM has been read).
(function memlintPreload() {
  const runDir = process.env.MEMLINT_RUN_DIR;
  if (!runDir) return;
  const fs = require('fs');
  const path = require('path');
  const probe = require(path.join(__dirname, 'nodepath', 'memlint-checkpoint.js'))._probe;

  const manifestFile = process.env.MEMLINT_TS_MANIFEST;
  if (manifestFile) installTypeScript(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));

  process.on('exit', () => {
    const mem = probe.status();
    const mono = probe.monoMs();
    if (mem && require('worker_threads').isMainThread) probe.record({ type: 'exit', mono, rssKiB: mem.rssKiB, hwmKiB: mem.hwmKiB });
  });

  /** Compile .ts/.mts/.cts/.tsx through the tracker's ahead-of-time output; a `.js` import may name a `.ts` file. */
  function installTypeScript(manifest) {
    const Module = require('module');
    const outputs = new Map(Object.entries(manifest.files));
    const compile = function (module, filename) {
      const out = outputs.get(filename);
      if (out === undefined) {
        throw new Error(`memlint: ${filename} was not transpiled ahead of the run (it is imported with a computed path); run compiled JavaScript, or Node >= 22.6, which strips types itself`);
      }
      module._compile(fs.readFileSync(out, 'utf8'), filename);
    };
    for (const ext of ['.ts', '.mts', '.cts', '.tsx']) Module._extensions[ext] = compile;

    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, parent, ...rest) {
      try {
        return resolve.call(this, request, parent, ...rest);
      } catch (err) {
        const ts = /^\.\.?\//.test(request) && /\.(c|m)?jsx?$/.test(request) ? request.replace(/\.(c|m)?js(x?)$/, '.$1ts$2') : null;
        if (!ts || err.code !== 'MODULE_NOT_FOUND') throw err;
        return resolve.call(this, ts, parent, ...rest);
      }
    };

    // The entry goes through the CommonJS loader even where package.json says "type": "module".
    const runMain = Module.runMain;
    Module.runMain = function (main = process.argv[1], ...rest) {
      const file = path.resolve(main);
      if (!outputs.has(file)) return runMain.call(this, main, ...rest);
      Module._load(file, null, true);
    };
  }
})();
