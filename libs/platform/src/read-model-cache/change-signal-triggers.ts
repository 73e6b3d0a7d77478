import { sqlLiteral } from '../database/sql-literals';
import { READ_MODEL_CHANGED_CHANNEL } from './cache-coherence';

/** The kinds of row change a cache can depend on. */
export type SignalledChange = 'INSERT' | 'UPDATE' | 'DELETE';

/** The cache key a changed row names: `prefix` followed by the value of `column`. */
export interface SignalledKeys {
  readonly prefix: string;
  readonly column: string;
}

/**
 * DDL that makes every change of `table` of the given kinds bump the read-model change counter
 * (for use in a module's migration). Caches of rows of this table stay coherent across processes.
 * With `keys`, the signal names the changed rows' cache keys and holders drop only those entries
 * (for a table whose rows each back one cache entry and nothing else); without, every holder
 * drops everything it caches.
 */
export function signalChangesOf(table: string, changes: readonly SignalledChange[] = ['UPDATE', 'DELETE'], keys?: SignalledKeys): string[] {
  const signal = keys ? `signal_read_model_change_of_keys(${sqlLiteral(keys.prefix)}, ${sqlLiteral(keys.column)})` : 'signal_read_model_change()';
  return changes.map((change) => {
    const transition = change === 'INSERT' ? 'NEW' : 'OLD';
    return `CREATE TRIGGER ${table}_signal_${change.toLowerCase()} AFTER ${change} ON ${table}
      REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${signal}`;
  });
}

/** The DDL that undoes `signalChangesOf`. */
export function stopSignallingChangesOf(table: string, changes: readonly SignalledChange[] = ['UPDATE', 'DELETE']): string[] {
  return changes.map((change) => `DROP TRIGGER ${table}_signal_${change.toLowerCase()} ON ${table}`);
}

/** Whether a trigger (as `pg_get_triggerdef` shows it) is one of `signalChangesOf`'s, keyed or not. */
export function isChangeSignalTrigger(definition: string): boolean {
  return /EXECUTE FUNCTION signal_read_model_change(_of_keys)?\(/.test(definition);
}

/**
 * Bumps the change counter as the triggers do, for a change no trigger sees (a rebuilt table
 * swapped in for the live one): every process drops its cached rows. Inside the caller's transaction.
 */
export async function signalReadModelChange(tx: { query(text: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  await tx.query(
    `WITH bumped AS (UPDATE read_model_changes SET counter = counter + 1 RETURNING counter)
     SELECT pg_notify($1, counter::text) FROM bumped`,
    [READ_MODEL_CHANGED_CHANNEL],
  );
}
