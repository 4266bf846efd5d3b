// The workspace's project index, in the server: the workspace folders' files listed by a non-blocking walk, their
// imports read a few dozen files per turn of the event loop so messages are never kept waiting, open documents read
// before the disk. A change to a file (typed, or seen by the client's file watcher) re-lints the open documents
// whose findings took facts from it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dependencyFile, ProjectIndex, type Dependencies, type ProjectFiles, type ProjectView } from '../core/project';
import { INDEXERS } from '../rules';
import { listFiles } from './walk';

/** Files read from disk for the index are skipped above this size (an open document is always read). */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_FILES = 50_000;
const SCAN_PER_TURN = 50;

class WorkspaceFiles implements ProjectFiles {
  files: string[] = [];
  private readonly existing = new Map<string, boolean>();

  /** `open(file)`: an open document's text, which wins over the disk. */
  constructor(private readonly open: (file: string) => string | undefined) {}

  read(file: string): string | undefined {
    const text = this.open(file);
    if (text !== undefined) return text;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  exists(file: string): boolean {
    let known = this.existing.get(file);
    if (known === undefined) {
      try {
        known = fs.statSync(file).isFile();
      } catch {
        known = false;
      }
      this.existing.set(file, known);
    }
    return known;
  }

  list(): Iterable<string> {
    return this.files;
  }

  forget(file: string): void {
    this.existing.delete(file);
  }
}

export class WorkspaceIndex {
  private readonly source: WorkspaceFiles;
  private index: ProjectIndex;
  private folders: string[] = [];
  /** Which files each open document's last lint took facts from (by document URI). */
  private readonly dependsOn = new Map<string, { file: string | undefined; files: Set<string> }>();
  private build = 0;
  private disposed = false;
  /** Open documents (by URI) whose findings may change: the server re-lints them. */
  onStale: (uris: string[]) => void = () => {};

  constructor(open: (file: string) => string | undefined) {
    this.source = new WorkspaceFiles(open);
    this.index = new ProjectIndex(this.source, INDEXERS);
  }

  /** The workspace folder holding `file` (the innermost), for test-folder detection and `memlint.exclude`. */
  folderOf(file: string): string | undefined {
    return this.folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  /** (Re)list the folders' files and read their imports in the background. Returns at once. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    void this.rebuild();
  }

  private async rebuild(): Promise<void> {
    const build = ++this.build;
    const current = () => this.disposed || build !== this.build;
    const files = await listFiles(this.folders, MAX_FILES, current);
    if (current()) return;
    this.source.files = files;
    if (build > 1) this.index = new ProjectIndex(this.source, INDEXERS); // other folders: start over
    while (!current() && !this.index.scanSome(SCAN_PER_TURN)) await new Promise((r) => setImmediate(r));
    if (current()) return;
    this.onStale([...this.dependsOn.keys()]);
  }

  /** A view for linting a document; lookups never wait for the background scan. */
  view(file: string): ProjectView {
    return this.index.view(file, { wait: false });
  }

  /** Remember what a document's lint read, to re-lint it when one of those files changes. */
  record(uri: string, file: string, dependencies: Dependencies): void {
    this.dependsOn.set(uri, { file, files: new Set([...dependencies.keys()].map(dependencyFile)) });
  }

  forgetDocument(uri: string): void {
    this.dependsOn.delete(uri);
  }

  /** `file` changed; `listChanged`: it was created or deleted. */
  changed(file: string, listChanged = false): void {
    this.source.forget(file);
    if (listChanged) {
      const known = this.source.files.includes(file);
      const there = this.source.exists(file);
      if (there && !known && this.folderOf(file)) this.source.files.push(file);
      if (!there && known) this.source.files = this.source.files.filter((f) => f !== file);
    }
    this.index.invalidate(file);
    const stale = [...this.dependsOn].filter(([, d]) => d.files.has(file) && d.file !== file).map(([uri]) => uri);
    if (stale.length) this.onStale(stale);
  }

  dispose(): void {
    this.disposed = true;
  }
}
