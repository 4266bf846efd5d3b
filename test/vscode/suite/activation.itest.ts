// Runs first: the extension must not be active until a linted document (or a command) needs it.
import * as assert from 'node:assert/strict';
import { extension, open, waitFor } from './helpers';

describe('activation', () => {
  it('is lazy, quick, and loads no JS/TS parser for a Python document', async () => {
    const ext = extension();
    assert.equal(ext.isActive, false, 'memlint activated before any Python/JS/TS document was opened');
    const opened = performance.now();
    await open('python/clean.py');
    const memlint = await waitFor('activation on opening a Python file', () => ext.isActive && ext.exports);
    await memlint.idle();
    const firstLint = performance.now() - opened;
    console.log(`activation: activate() took ${memlint.activationMs.toFixed(1)} ms; open -> first Python lint done ${firstLint.toFixed(0)} ms`);
    assert.ok(memlint.activationMs < 250, `activate() took ${memlint.activationMs} ms`);
    const estreeLoaded = Object.keys(require.cache).some((f) => f.endsWith('/dist/estree.js'));
    assert.equal(estreeLoaded, false, 'the JS/TS parser was loaded for a Python document');
  });
});
