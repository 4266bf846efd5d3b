// Entry for the run in an untrusted workspace (Workspace Trust on, the folder never trusted).
import { runSuite } from './index';

export function run(): Promise<void> {
  return runSuite(['untrusted.itest.js']);
}
