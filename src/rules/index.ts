// The rule registry: one import per rule.
import type { Rule } from '../core/rule';
import pyWholeFileRead from './python/whole-file-read/rule';
import pyReadlinesForTail from './python/readlines-for-tail/rule';
import pyFullReadForPrefix from './python/full-read-for-prefix/rule';
import pyChainedCopies from './python/chained-copies/rule';
import pyListAccumulation from './python/list-accumulation/rule';
import jsWholeFileRead from './javascript/whole-file-read/rule';
import jsReadlinesForTail from './javascript/readlines-for-tail/rule';
import jsFullReadForPrefix from './javascript/full-read-for-prefix/rule';
import jsChainedCopies from './javascript/chained-copies/rule';
import jsAccumulatingSpread from './javascript/accumulating-spread/rule';

export const RULES: readonly Rule[] = [
  pyWholeFileRead,
  pyReadlinesForTail,
  pyFullReadForPrefix,
  pyChainedCopies,
  pyListAccumulation,
  jsWholeFileRead,
  jsReadlinesForTail,
  jsFullReadForPrefix,
  jsChainedCopies,
  jsAccumulatingSpread,
];

/** Every rule id (Python and JavaScript share ids where the idea is the same). */
export const RULE_IDS: readonly string[] = [...new Set(RULES.map((r) => r.meta.id))];

export { INDEXERS } from './indexers';
