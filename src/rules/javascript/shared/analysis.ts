// The file-read analysis of one AST, computed once and shared by whole-file-read, readlines-for-tail and
// full-read-for-prefix (each rule reports its own share). Cost: nothing for a file whose text never mentions
// `readFile`; otherwise one look at the calls of walk.ts's shared index (the single walk all JS rules share),
// then scope work only around the few read calls found.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, siteOf } from './ast';
import { wholeReadAt, READ_FUNCTIONS, type WholeRead } from './reads';
import { usageOf, type Usage } from './usage';
import { indexAst } from './walk';

export interface ReadAnalysis {
  /** Whole-file reads and the one thing each is used for, when a rule claims it. */
  usages: Usage[];
  /** Whole-file reads no rule claims (used whole, used twice, parsed...): strict mode's hints. */
  others: WholeRead[];
}

const EMPTY: ReadAnalysis = Object.freeze({ usages: [], others: [] }) as unknown as ReadAnalysis;
const cache = new WeakMap<TSESTree.Program, ReadAnalysis>();

/** `{ readFileSync: read }` / `{ readFile as read }`: local names a read function is imported under. */
function aliases(text: string): Set<string> {
  const names = new Set<string>(READ_FUNCTIONS);
  const re = /\breadFile(?:Sync)?\s*(?::|\bas\b)\s*([A-Za-z_$][\w$]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) names.add(m[1]);
  return names;
}

export function analyzeReads(ast: TSESTree.Program, text: string): ReadAnalysis {
  const cached = cache.get(ast);
  if (cached) return cached;
  let result = EMPTY;
  if (text.includes('readFile')) {
    const names = aliases(text);
    result = { usages: [], others: [] };
    for (const call of indexAst(ast).ofType('CallExpression')) {
      const callee = call.callee;
      const candidate =
        callee.type === 'Identifier' ? names.has(callee.name) : callee.type === 'MemberExpression' && READ_FUNCTIONS.has(propertyName(callee) ?? '');
      if (!candidate) continue;
      const site = siteOf(call);
      // The fallback reads inside memlint's own inserted helpers are not the program's.
      const top = site.ancestors[1];
      if (top?.type === 'FunctionDeclaration' && top.id?.name.startsWith('memlint')) continue;
      const read = wholeReadAt(site, text);
      if (!read) continue;
      const usage = usageOf(read);
      if (usage) result.usages.push(usage);
      else result.others.push(read);
    }
  }
  cache.set(ast, result);
  return result;
}
