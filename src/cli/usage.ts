/** A mistake in how memlint was called: printed as one line, exit 2. */
export class UsageError extends Error {}

/**
 * The option at `args[at.i]`, split from an inline `--flag=value`. `value()` returns the inline value or takes the
 * next argument (advancing `at.i`); a missing or empty value is a UsageError.
 */
export function optionAt(args: readonly string[], at: { i: number }): { flag: string; value: () => string } {
  const arg = args[at.i];
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  const flag = eq > 0 ? arg.slice(0, eq) : arg;
  const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
  return {
    flag,
    value: () => {
      const v = inline ?? args[++at.i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    },
  };
}
