// npm run bench [python|index|javascript|adversarial|tracker|host|scale ...]: every table measured against its baseline in the same run.
import { benchAdversarial } from './adversarial';
import { benchHost } from './host';
import { benchJavascript } from './javascript';
import { benchIndex } from './projectIndex';
import { benchPython } from './python';
import { benchScale } from './scale';
import { benchTracker } from './tracker';

const SECTIONS: Record<string, () => Promise<string> | string> = {
  python: benchPython,
  index: benchIndex,
  javascript: benchJavascript,
  adversarial: benchAdversarial,
  tracker: benchTracker,
  host: benchHost,
  scale: benchScale,
};

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((s) => !(s in SECTIONS));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  console.log(`memlint bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${require('node:os').cpus().length} cores\n`);
  for (const name of chosen.length ? chosen : Object.keys(SECTIONS)) {
    console.log(`## ${name}\n\n${await SECTIONS[name]()}\n`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
