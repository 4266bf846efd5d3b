import * as path from 'node:path';

/** The repository root (tests run from out/test/...). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RULES_DIR = path.join(ROOT, 'src', 'rules');
