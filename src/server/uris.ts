// Document URIs and file paths: only `file:` documents have a path (the index, test folders, exclusion, iterator-
// helper targeting need one); `untitled:` and others are linted on their text alone.
import { fileURLToPath } from 'node:url';

export function fileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
