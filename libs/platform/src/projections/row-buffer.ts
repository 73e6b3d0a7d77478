import type { SqlRunner } from '../database/sql';

/** A read-model table that a projection fills by inserting rows (an upsert, or insert-if-absent). */
export interface BufferedTable {
  readonly table: string;
  /** Each column's SQL type, in the order of the INSERT. */
  readonly columns: Readonly<Record<string, string>>;
  /** The unique key rows are matched on. */
  readonly key: readonly string[];
  /** Columns a later row for the same key overwrites; none: the first row for a key stays. */
  readonly update?: readonly string[];
}

type Row = Record<string, unknown>;

/**
 * Collects a batch's inserts per table and writes each table's rows with one statement, instead
 * of one statement per event (a projection's cost under load and in a rebuild is mostly round
 * trips). Rows keep the meaning of applying them one by one: for a key seen twice, the last row
 * wins an upsert and the first stays otherwise. Flush before any other statement of the batch,
 * so those see every row added before them; tables are written in the order given (parents first).
 */
export class RowBuffer {
  private readonly pending = new Map<BufferedTable, Map<string, Row>>();

  constructor(private readonly tables: readonly BufferedTable[]) {
    for (const table of tables) this.pending.set(table, new Map());
  }

  add(table: BufferedTable, row: Row): void {
    const rows = this.pending.get(table);
    if (!rows) throw new Error(`${table.table} is not a table of this buffer`);
    const key = JSON.stringify(table.key.map((column) => row[column]));
    if (table.update) rows.delete(key);
    else if (rows.has(key)) return;
    rows.set(key, row);
  }

  async flush(tx: SqlRunner): Promise<void> {
    for (const table of this.tables) {
      const rows = this.pending.get(table)!;
      if (rows.size === 0) continue;
      await tx.query(insertStatement(table), [JSON.stringify([...rows.values()])]);
      rows.clear();
    }
  }
}

const statements = new WeakMap<BufferedTable, string>();

function insertStatement(table: BufferedTable): string {
  let statement = statements.get(table);
  if (!statement) {
    const names = Object.keys(table.columns);
    const record = names.map((name) => `${name} ${table.columns[name]}`).join(', ');
    const onConflict = table.update?.length
      ? `DO UPDATE SET ${table.update.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`
      : 'DO NOTHING';
    statement = `INSERT INTO ${table.table} (${names.join(', ')})
      SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
      ON CONFLICT (${table.key.join(', ')}) ${onConflict}`;
    statements.set(table, statement);
  }
  return statement;
}
