// Does every caller iterate the function's result exactly once, in the file and in the modules that import it?
// Only then is a generator enough.
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { parentOf } from '../../../core/parsers/pythonTree';
import type { PythonContext, RelatedSpan } from '../../../core/rule';
import { inField } from '../shared/calls';
import { identifiersNamed, within } from '../shared/identifiers';
import { iteratesOnce } from '../shared/iteration';
import { Resolver, type Module } from '../shared/resolver';

/**
 * How many calls of the function `name` the file makes whose result is iterated once, when every mention of it
 * (but its own `def`) is such a call; -1 when one is not (a reference passed around, a result stored, indexed or
 * measured: some caller may need the list). A recursive call must iterate once too, but is not a caller.
 */
export function callersIterateOnce(root: Node, text: string, fn: Node, name: string): number {
  let calls = 0;
  for (const id of identifiersNamed(root, text, name)) {
    const p = parentOf(id)!;
    if (p.id === fn.id) continue;
    if ((p.type === 'attribute' && inField(p, 'attribute', id)) || (p.type === 'keyword_argument' && inField(p, 'name', id))) continue;
    if (p.type !== 'call' || !inField(p, 'function', id) || !iteratesOnce(p, text)) return -1;
    if (!within(p, fn)) calls++;
  }
  return calls;
}

export interface RemoteCallers {
  /** False when some caller elsewhere needs the list, re-exports the function, or the project is not fully seen. */
  ok: boolean;
  related: RelatedSpan[];
}

/** Callers in other modules of the project: each must iterate the result once. */
export function remoteCallers(context: PythonContext, name: string): RemoteCallers {
  const project = context.project;
  const none: RemoteCallers = { ok: true, related: [] };
  if (!project) return none;
  const resolver = new Resolver(context, project);
  const self = resolver.module(project.file);
  if (!self) return none;
  const { calls, complete } = resolver.callers(self, name);
  const related: RelatedSpan[] = [];
  const modules = new Map<string, Module>();
  for (const { module, call } of calls) {
    if (module.file === self.file) continue;
    if (!complete || !call.iteratesOnce) return { ok: false, related };
    modules.set(module.file, module);
    related.push({ file: module.file, range: call.range, message: `\`${name}()\` is called here, its result iterated once` });
  }
  for (const file of project.importers(self.file).files) {
    const module = resolver.module(file);
    if (!module) continue;
    // `from .rows import read_rows` in a package's __init__.py: public API, callers may be anywhere.
    if (path.basename(file) === '__init__.py' && Object.values(module.summary.imports).some((i) => i.member === name)) return { ok: false, related };
    if (module.summary.references.some((ref) => resolver.means(module, ref, self.file, name))) return { ok: false, related };
  }
  return { ok: complete || related.length === 0 ? true : false, related };
}
