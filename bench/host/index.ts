// npm run bench -- host: the extension host while typing, with memlint's linting in a language server process.
// In the real editor (code-server, as the real-editor tests run it): the host's longest event-loop stall while
// typing into a 10,000-line TypeScript file for 5 s, against the same typing with memlint disabled and against the
// in-host lint the extension ran before (measured in the same host, same run); the server's re-lint time; activate();
// and the packaged .vsix.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../../test/vscode/harness/browser';
import { runExtensionTests } from '../../test/vscode/harness/extensionTests';
import { packageVsix } from '../../test/vscode/harness/package';
import { codeServerInstalled, startServer } from '../../test/vscode/harness/server';
import { tenThousandLinesOfTs } from '../javascript';
import { fmt, ratio, table } from '../measure';
import { ROOT } from '../paths';
import { benchTracking } from './tracking';

interface Inside {
  lines: number;
  activationMs: number;
  on: { maxStallMs: number; p99Ms: number; cpuMs: number; lints: number };
  off: { maxStallMs: number; p99Ms: number; cpuMs: number };
  serverLintMedianMs: number;
  inHostLintMedianMs: number;
  relints: number;
}

const QUIET_TYPESCRIPT = {
  'typescript.validate.enable': false,
  'typescript.suggest.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.semanticHighlighting.enabled': false,
  'editor.codeLens': false,
  'editor.occurrencesHighlight': 'off',
};

/** (a) typing, in the real editor. */
async function benchTyping(): Promise<string> {
  if (!codeServerInstalled()) return 'skipped: code-server is not installed (`npm run setup`).';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'memlint-bench-host-'));
  try {
    // The .vsix first: packaging writes the production bundles (minified) that the run below then loads.
    const vsix = packageVsix(path.join(scratch, 'memlint.vsix'));
    const folder = path.join(scratch, 'workspace');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'big.ts'), tenThousandLinesOfTs());
    // The built-in TypeScript extension works in the host on every keystroke too: as quiet as settings make it.
    const server = await startServer({ trusted: true, settings: QUIET_TYPESCRIPT });
    const browser = await launchBrowser();
    let inside: Inside | undefined;
    try {
      const result = await runExtensionTests(browser, server, { name: 'bench host', folder, extensionPath: ROOT, testsPath: path.join(__dirname, 'inside.js'), timeoutMs: 180_000 });
      const line = result.output.find((l) => l.startsWith('MEMLINT-BENCH '));
      if (!line) throw new Error(`the extension host did not report (exit ${result.exitCode}):\n${result.output.slice(-20).join('\n')}`);
      inside = JSON.parse(line.slice('MEMLINT-BENCH '.length)) as Inside;
    } finally {
      await browser.close();
      server.stop();
    }
    const r = inside;
    return [
      `The extension host while typing into a ${r.lines.toLocaleString('en-US')}-line TypeScript file (memlint's own sources) for 5 s, one character every 300 ms (each pause outlasts the 250 ms debounce, so every keystroke is linted; ${r.on.lints} lints ran), twice with memlint and twice with it disabled, interleaved: VS Code 1.100.3 (code-server), the production bundles, the built-in TypeScript extension's validation, suggestions and semantic highlighting off. Re-lints: a keystroke linted by the server, then the same lint in the host as before the server (${r.relints} each, interleaved).`,
      '',
      table(
        ['measure', 'memlint (language server)', 'baseline', 'ratio'],
        [
          ['longest event-loop stall in the extension host (ms)', fmt(r.on.maxStallMs), `${fmt(r.off.maxStallMs)} (memlint disabled)`, ratio(r.on.maxStallMs, r.off.maxStallMs)],
          ['p99 event-loop delay in the extension host (ms)', fmt(r.on.p99Ms), `${fmt(r.off.p99Ms)} (memlint disabled)`, ratio(r.on.p99Ms, r.off.p99Ms)],
          ['extension host CPU time per 5 s of typing (ms, median)', fmt(r.on.cpuMs), `${fmt(r.off.cpuMs)} (memlint disabled)`, ratio(r.on.cpuMs, r.off.cpuMs)],
          ['stall a lint causes in the host (ms)', '0 (it runs in the server)', `${fmt(r.inHostLintMedianMs)} (in-host lint, median)`, ''],
          ['re-lint of a keystroke (ms, median)', `${fmt(r.serverLintMedianMs)} (server)`, `${fmt(r.inHostLintMedianMs)} (in the host)`, ratio(r.serverLintMedianMs, r.inHostLintMedianMs)],
          ['activate() (ms)', fmt(r.activationMs), '', ''],
          ['.vsix (MB)', (vsix.bytes / 1024 / 1024).toFixed(2), '', ''],
        ],
      ),
      '',
      `Load average when it ran: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (${os.cpus().length} cores): stalls are wall-clock and grow with the machine's load, CPU time does not.`,
    ].join('\n');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The host section: (a) typing in the real editor, then (b) a tracked run. */
export async function benchHost(): Promise<string> {
  return [await benchTyping(), await benchTracking()].join('\n\n');
}
