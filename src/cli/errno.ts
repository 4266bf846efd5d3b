// One short reason for a failed file operation: "EACCES: permission denied".
const MEANING: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  ELOOP: 'too many levels of symlinks',
  ENAMETOOLONG: 'name too long',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'is a folder',
  ENOENT: 'no such file or folder',
};

export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (!code) return err instanceof Error ? err.message : String(err);
  return MEANING[code] ? `${code}: ${MEANING[code]}` : code;
}
