// Test code: findings there are one level lower by default (fixtures are small, test inputs fixed).
import * as path from 'node:path';

const TEST_DIRS = new Set(['tests', 'test', 'testing', '__tests__', '__mocks__']);
const TEST_NAMES = [/^test_.*\.py$/, /^.*_test\.py$/, /^conftest\.py$/, /\.(?:test|spec)\.[cm]?[jt]sx?$/];

/**
 * Whether a file is test code by its path: in a `tests/`, `test/`, `testing/` or `__tests__/` folder, or named
 * `test_*.py`, `*_test.py`, `conftest.py`, `*.test.*`, `*.spec.*`.
 */
export function isTestFile(file: string | undefined): boolean {
  if (!file) return false;
  const parts = file.split(/[\\/]+/);
  const name = parts.pop() ?? '';
  return parts.some((p) => TEST_DIRS.has(p)) || TEST_NAMES.some((re) => re.test(name));
}

/** The same, for a path relative to a root (so a checkout living under `/home/me/tests/` is not all tests). */
export function isTestFileIn(file: string, root: string | undefined): boolean {
  if (!root) return isTestFile(file);
  const rel = path.relative(root, file);
  return isTestFile(rel.startsWith('..') || path.isAbsolute(rel) ? file : rel);
}
