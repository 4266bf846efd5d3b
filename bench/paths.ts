import * as path from 'node:path';

/** The repository root (bench runs from out/bench). */
export const ROOT = path.resolve(__dirname, '..', '..');
