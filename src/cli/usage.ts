/** A mistake in how memlint was called: printed as one line, exit 2. */
export class UsageError extends Error {}
