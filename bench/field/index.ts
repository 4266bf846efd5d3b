// npm run field [-- options]: memlint on real projects it was not written for, against committed human verdicts.
// A study, not a gate: exit 0 whatever the precision; 1 only when the harness itself fails.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { normalize } from '../../src/core/settings';
import { ROOT } from '../paths';
import { installAll } from './install';
import { FIELD_DIR, loadProjects } from './manifest';
import { atLeast, falsePositiveReasons, precisionByRule } from './precision';
import { corpusTable, countsTable, precisionTable, reasonsTable, staleList, unjudgedList, verdictTemplate, type ProjectRun } from './report';
import { extraFindings, scanProject } from './scan';
import { loadVerdicts, matchVerdicts } from './verdicts';

const HELP = `Usage: npm run field -- [options]

Installs the pinned corpus (bench/field/projects.json) into .field-cache/ once, lints it with memlint's
default settings, and measures precision per rule against bench/field/verdicts.json.

Options:
  --unjudged          list the findings at information and above that have no verdict
  --template          print verdict entries for them, to fill in and add to verdicts.json
  --stale             list the verdicts that judge no finding of this run (with --strict: of either run)
  --strict            also lint in strict mode and count the extra hints
  --project id[,id]   only these projects (ids from projects.json)
  --json              machine-readable output (everything, on stdout)
  -h, --help          show this help
`;

interface Options {
  unjudged: boolean;
  template: boolean;
  stale: boolean;
  strict: boolean;
  json: boolean;
  projects?: string[];
}

function parseArgs(args: readonly string[]): Options | 'help' {
  const o: Options = { unjudged: false, template: false, stale: false, strict: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag === '-h' || flag === '--help') return 'help';
    else if (flag === '--unjudged') o.unjudged = true;
    else if (flag === '--template') o.template = true;
    else if (flag === '--stale') o.stale = true;
    else if (flag === '--strict') o.strict = true;
    else if (flag === '--json') o.json = true;
    else if (flag === '--project') {
      const value = inline ?? args[++i];
      if (!value) throw new Error('--project needs ids (e.g. --project django,webpack)');
      o.projects = [...(o.projects ?? []), ...value.split(',').filter(Boolean)];
    } else throw new Error(`unknown option ${args[i]} (see npm run field -- --help)`);
  }
  return o;
}

function commit(): string | null {
  const res = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const log = (line: string) => process.stderr.write(`field: ${line}\n`);
  let projects = loadProjects();
  if (options.projects) {
    const unknown = options.projects.filter((id) => !projects.some((p) => p.id === id));
    if (unknown.length) throw new Error(`unknown project ${unknown.join(', ')} (projects: ${projects.map((p) => p.id).join(', ')})`);
    projects = projects.filter((p) => options.projects!.includes(p.id));
  }
  const cache = path.join(ROOT, '.field-cache');
  const installed = installAll(projects, cache, log);

  // No analysis budget: on a busy machine it would skip rules on the largest files, and the study would measure the load.
  const settings = [normalize({ analysisBudgetMs: 0 }), ...(options.strict ? [normalize({ strict: true, analysisBudgetMs: 0 })] : [])];
  const runs: ProjectRun[] = [];
  const started = Date.now();
  for (const { project, dir, version } of installed) {
    log(`linting ${project.id}`);
    const { stats, findings } = await scanProject(project.id, dir, project.roots, settings);
    runs.push({
      id: project.id,
      from: project.from,
      package: project.package,
      pinned: project.version,
      version,
      stats,
      findings: findings[0],
      strictOnly: options.strict ? extraFindings(findings[0], findings[1]) : undefined,
    });
    for (const e of stats.ruleErrors) log(`warning: rule error: ${e}`);
  }
  const seconds = (Date.now() - started) / 1000;

  const ids = new Set(runs.map((r) => r.id));
  const verdicts = loadVerdicts(path.join(FIELD_DIR, 'verdicts.json')).filter((v) => ids.has(v.file.split('/')[0]));
  const { matched, stale: staleByDefault } = matchVerdicts(runs.flatMap((r) => r.findings), verdicts);
  // A verdict may judge a hint only strict mode reports (what is bounded by construction): with --strict, stale
  // means judging nothing in either run; without it, such verdicts are listed too (the note says so).
  const stale = options.strict ? matchVerdicts(runs.flatMap((r) => [...r.findings, ...(r.strictOnly ?? [])]), verdicts).stale : staleByDefault;
  const precision = precisionByRule(matched);
  const reasons = falsePositiveReasons(matched);
  const unjudged = matched.filter((m) => !m.verdict && atLeast(m.finding.severity, 'information'));
  const moved = matched.filter((m) => m.moved).length;

  if (options.template) {
    process.stdout.write(verdictTemplate(unjudged));
  } else if (options.json) {
    const corpus = runs.map(({ findings, strictOnly, ...r }) => ({ ...r, findings: findings.length, strictOnlyHints: strictOnly?.length }));
    const out = {
      version: 1,
      date: new Date().toISOString().slice(0, 10),
      memlintCommit: commit(),
      corpus,
      findings: matched.map((m) => ({ ...m.finding, verdict: m.verdict?.verdict ?? null, reason: m.verdict?.reason ?? null, moved: !!m.moved })),
      strictOnly: options.strict ? runs.flatMap((r) => r.strictOnly ?? []) : undefined,
      precision,
      falsePositiveReasons: reasons,
      unjudged: unjudged.length,
      stale,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const lines = [
      `memlint field study, ${new Date().toISOString().slice(0, 10)}, memlint ${commit() ?? '(no git)'}, Node ${process.version}; linted in ${seconds.toFixed(1)} s`,
      '',
      '## Corpus',
      '',
      corpusTable(runs),
      '',
      `## Findings per project, rule and severity (default settings${options.strict ? '; strict mode adds the last column' : ''})`,
      '',
      countsTable(runs, options.strict),
      '',
      '## Precision per rule (TP / (TP + FP) over judged findings)',
      '',
      precisionTable(precision),
      '',
      '## Most common reasons for false positives',
      '',
      reasonsTable(reasons, 15),
      '',
      `Unjudged at information and above: ${unjudged.length}${unjudged.length && !options.unjudged ? ' (list them with --unjudged)' : ''}.`,
      `Verdicts found again by their snippet at a moved line: ${moved}. Verdicts judging nothing in this run: ${stale.length}${stale.length && !options.stale ? ' (--stale)' : ''}${stale.length && !options.strict ? '; some may judge hints of strict mode (--strict --stale lists only those that judge nothing there either)' : ''}.`,
    ];
    if (options.unjudged && unjudged.length) lines.push('', '## Unjudged', '', unjudgedList(unjudged));
    if (options.stale && stale.length) lines.push('', '## Stale verdicts', '', staleList(stale));
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (unjudged.length) {
    log(`warning: ${unjudged.length} finding(s) at information and above have no verdict; the precision above leaves them out (npm run field -- --unjudged)`);
  }
}

main().catch((err) => {
  process.stderr.write(`field: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
