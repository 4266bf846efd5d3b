// Entry for the run in a trusted workspace (code-server --disable-workspace-trust).
import { runSuite } from './index';

export function run(): Promise<void> {
  return runSuite(['activation.itest.js', 'diagnostics.itest.js', 'codeActions.itest.js', 'fixAll.itest.js', 'settings.itest.js', 'robustness.itest.js', 'trust.itest.js', 'tracker.itest.js', 'server.itest.js']);
}
