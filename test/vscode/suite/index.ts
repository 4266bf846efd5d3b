// A mocha run inside the extension host; prints `N passed, N failed` last, which the runner counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runSuite(files: string[]): Promise<void> {
  // MEMLINT_TEST_GREP (inherited through code-server) runs only the matching tests, as mocha --grep.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', grep: process.env.MEMLINT_TEST_GREP || undefined });
  for (const f of files) {
    const file = path.join(__dirname, f);
    if (!fs.existsSync(file)) throw new Error(`missing test file ${file}`);
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
