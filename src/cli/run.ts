import { UsageError } from './usage';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('memlint run is not available yet');
}
