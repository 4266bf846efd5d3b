import * as path from 'node:path';

/** The repository root (this file runs from out/test/vscode/harness). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SERVER_DIR = path.join(ROOT, 'test', 'vscode', 'server');
export const CODE_SERVER = path.join(SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
export const EXAMPLES = path.join(ROOT, 'examples');
/** Where the UI test saves its screenshots (for the README; not shipped in the .vsix). */
export const SCREENSHOTS = path.join(ROOT, 'media', 'screenshots');
