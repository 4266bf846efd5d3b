// `memlint.exclude` globs as VS Code reads them: relative to the workspace folder (`vendor/**`) or matching the whole
// path (`**/generated/**`). `*` and `?` stop at '/', `**` crosses folders, `{a,b}` and `[abc]` as usual.
import * as path from 'node:path';

function toRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] !== '*') re += '[^/]*';
      else if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i++;
      }
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const cache = new Map<string, RegExp>();

export function matchesGlob(file: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) cache.set(glob, (re = toRegExp(glob)));
  return re.test(file);
}

/** Whether `file` (absolute) matches one of `globs`, relative to `folder` or as a whole path. */
export function isExcluded(file: string, folder: string | undefined, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const whole = file.split(path.sep).join('/');
  const relative = folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
  const inside = relative !== undefined && relative !== '' && !relative.startsWith('../') && !path.isAbsolute(relative);
  return globs.some((g) => matchesGlob(whole, g) || (inside && matchesGlob(relative, g)));
}
