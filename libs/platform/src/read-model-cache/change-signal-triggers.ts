import { READ_MODEL_CHANGED_CHANNEL } from './cache-coherence';

/** The kinds of row change a cache can depend on. */
export type SignalledChange = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * DDL that makes every change of `table` of the given kinds bump the read-model change counter
 * (for use in a module's migration). Caches of rows of this table stay coherent across processes.
 */
export function signalChangesOf(table: string, changes: readonly SignalledChange[] = ['UPDATE', 'DELETE']): string[] {
  return changes.map((change) => {
    const transition = change === 'INSERT' ? 'NEW' : 'OLD';
    return `CREATE TRIGGER ${table}_signal_${change.toLowerCase()} AFTER ${change} ON ${table}
      REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION signal_read_model_change()`;
  });
}

/** The DDL that undoes `signalChangesOf`. */
export function stopSignallingChangesOf(table: string, changes: readonly SignalledChange[] = ['UPDATE', 'DELETE']): string[] {
  return changes.map((change) => `DROP TRIGGER ${table}_signal_${change.toLowerCase()} ON ${table}`);
}

/** Whether a trigger (as `pg_get_triggerdef` shows it) is one of `signalChangesOf`'s. */
export function isChangeSignalTrigger(definition: string): boolean {
  return definition.includes('EXECUTE FUNCTION signal_read_model_change()');
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
