import type { EntityManager } from 'typeorm';
import { quoteIdent } from '../database/quote-ident';

interface IndexRow {
  name: string;
  definition: string;
}

/**
 * Puts `schema.table` (built by `CREATE TABLE ... (LIKE public.table INCLUDING ALL)`) in the place
 * of `public.table`, inside the caller's transaction: the live table is dropped and the fresh one
 * moved into `public` under the same name. What LIKE does not carry is carried here, so the table
 * is the one the migrations made: index and constraint names (LIKE invents its own), triggers,
 * per-column statistics targets and storage parameters. Grants are not carried (the service's own
 * user owns its tables), and a view or foreign key depending on the live table makes the drop
 * fail, which fails the rebuild before anything changed.
 *
 * Moving the table costs a few catalogue updates where copying its rows cost writing every row
 * and index entry again, and leaves no dead rows behind. Readers of the table wait for the
 * caller's commit (the drop takes an exclusive lock) and then read the new table. Returns the
 * definitions of the triggers carried over.
 */
export async function swapTableIn(tx: EntityManager, schema: string, table: string): Promise<string[]> {
  const live = `public.${quoteIdent(table)}`;
  const fresh = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const liveIndexes = await indexesOf(tx, live);
  const freshIndexes = await indexesOf(tx, fresh);
  const triggers: { definition: string }[] = await tx.query(
    'SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname',
    [live],
  );
  // PostgreSQL 17 keeps "default" as null, earlier versions as -1.
  const statistics: { name: string; target: number }[] = await tx.query(
    `SELECT attname AS name, attstattarget AS target FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND coalesce(attstattarget, -1) >= 0`,
    [live],
  );
  const [{ options }]: { options: string[] | null }[] = await tx.query('SELECT reloptions AS options FROM pg_class WHERE oid = $1::regclass', [live]);

  await tx.query(`DROP TABLE ${live}`);
  await tx.query(`ALTER TABLE ${fresh} SET SCHEMA public`);
  await renameIndexes(tx, table, matchIndexes(table, liveIndexes, freshIndexes));
  for (const trigger of triggers) await tx.query(trigger.definition);
  for (const { name, target } of statistics) await tx.query(`ALTER TABLE ${live} ALTER COLUMN ${quoteIdent(name)} SET STATISTICS ${Number(target)}`);
  if (options?.length) await tx.query(`ALTER TABLE ${live} SET (${options.join(', ')})`);
  return triggers.map((trigger) => trigger.definition);
}

/** Pairs each fresh index with the live one of the same shape: [fresh name, live name]. */
function matchIndexes(table: string, live: readonly IndexRow[], fresh: readonly IndexRow[]): [string, string][] {
  const unmatched = [...live];
  const pairs = fresh.map((index): [string, string] => {
    const at = unmatched.findIndex((candidate) => sameIndex(candidate, index));
    if (at < 0) throw new Error(`rebuilt ${table} has an index the live table lacks: ${index.definition}`);
    return [index.name, unmatched.splice(at, 1)[0].name];
  });
  if (unmatched.length) throw new Error(`rebuilt ${table} lacks the live table's index ${unmatched[0].name}`);
  return pairs;
}

/** Through temporary names: a fresh index may bear the name another one is to get. */
async function renameIndexes(tx: EntityManager, table: string, pairs: readonly [string, string][]): Promise<void> {
  const renamed = pairs.filter(([from, to]) => from !== to);
  for (const [i, [from]] of renamed.entries()) await tx.query(`ALTER INDEX public.${quoteIdent(from)} RENAME TO ${quoteIdent(`${table}_swap_${i}`)}`);
  for (const [i, [, to]] of renamed.entries()) await tx.query(`ALTER INDEX public.${quoteIdent(`${table}_swap_${i}`)} RENAME TO ${quoteIdent(to)}`);
}

async function indexesOf(tx: EntityManager, table: string): Promise<IndexRow[]> {
  return tx.query(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
    [table],
  );
}

/** The same index apart from its name and schema: `CREATE [UNIQUE] INDEX name ON schema.table USING ...`. */
function sameIndex(a: IndexRow, b: IndexRow): boolean {
  const shape = (definition: string) => definition.replace(/^(CREATE (?:UNIQUE )?INDEX) \S+ ON (?:ONLY )?\S+?\.(\S+)/, '$1 $2');
  return shape(a.definition) === shape(b.definition);
}
