// full-read-for-prefix, ES modules: a named import only, so the fix adds the namespace import.
import { readFileSync } from 'node:fs';

export const firstLine = (file) => readFileSync(file, 'utf8').split('\n', 1)[0];
export const isXml = (file) => readFileSync(file).toString().startsWith('<?xml');
