/** A run could not start (no /proc, a missing script or interpreter, TypeScript without a transpiler): one clear line. */
export class TrackerError extends Error {
  override name = 'TrackerError';
}
