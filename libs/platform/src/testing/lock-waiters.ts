import type { Client } from 'pg';
import { eventually } from './eventually';

/**
 * How many transactions wait for a lock on `table`, read on `client` until at least one does (10 s
 * at most): a test that locks a read model's table knows the writer it holds up has begun.
 */
export function lockWaitersOn(client: Client, table: string): Promise<number> {
  const waiting = async () => Number((await client.query('SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass', [table])).rows[0].n);
  return eventually(waiting, (count) => count > 0);
}
