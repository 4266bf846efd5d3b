// What each family contributes to the project index (apart from the rule registry: the index loads no rule).
import type { LanguageIndexer } from '../core/project';
import { pythonIndexer } from './python/shared/indexer';
import { javascriptIndexer } from './javascript/shared/indexer';

export const INDEXERS: readonly LanguageIndexer[] = [pythonIndexer, javascriptIndexer];
