// The field study's corpus as committed in projects.json: which projects, at which versions, which folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../paths';

export const FIELD_DIR = path.join(ROOT, 'bench', 'field');

export interface Project {
  /** Short name; a finding's file is `<id>/<path inside the project>`. */
  id: string;
  from: 'npm' | 'debian';
  /** npm package name, or Debian binary package name. */
  package: string;
  /** Pinned version (Debian: with its epoch, as apt prints it). */
  version: string;
  /** Debian: the folder inside the package that paths are relative to. npm: always the package folder. */
  base?: string;
  /** Folders or files inside the project to lint. */
  roots: string[];
}

export function loadProjects(file = path.join(FIELD_DIR, 'projects.json')): Project[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { projects?: unknown };
  if (!Array.isArray(raw.projects)) throw new Error(`${file}: no "projects" array`);
  const ids = new Set<string>();
  return raw.projects.map((p: Project, i: number) => {
    const where = `${file}: projects[${i}]`;
    if (!p || typeof p.id !== 'string' || !/^[\w.-]+$/.test(p.id)) throw new Error(`${where}: "id" must be a plain name`);
    if (ids.has(p.id)) throw new Error(`${where}: duplicate id ${p.id}`);
    ids.add(p.id);
    if (p.from !== 'npm' && p.from !== 'debian') throw new Error(`${where}: "from" must be npm or debian`);
    if (typeof p.package !== 'string' || typeof p.version !== 'string') throw new Error(`${where}: "package" and "version" are required`);
    if (!Array.isArray(p.roots) || p.roots.length === 0) throw new Error(`${where}: "roots" must list folders or files`);
    return p;
  });
}
