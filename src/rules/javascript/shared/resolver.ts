// Size questions for a rule: with a project index, a module-level function's parameter is as large as what its
// callers in this file and in the modules importing it pass; without one, what this file's calls pass.
import type { JsContext } from '../../../core/rule';
import { localSizeEnv } from './callers';
import type { SizeEnv } from './size';

export function sizeEnv(context: JsContext): SizeEnv {
  return localSizeEnv(context);
}
