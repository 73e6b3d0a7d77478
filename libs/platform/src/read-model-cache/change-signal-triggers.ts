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
