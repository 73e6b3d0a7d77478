import type { SqlDatabase } from '@app/platform';

/**
 * Bookkeeping that moves with the clock, not with requests: processes' heartbeats of the read-model
 * cache. Everything else in the schema is state a request could change.
 */
const CLOCK_DRIVEN_TABLES = new Set(['read_model_cache_holders']);

/** Row count and an md5 of each table's rows in a stable order. Works the same on PostgreSQL and PGlite. */
export async function tableDigest(sql: SqlDatabase, tables: readonly string[]): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const name of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await sql.query<{ rows: string; hash: string | null }>(`SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM ${quoted} t`);
    digest[name] = `${row.rows}:${row.hash ?? ''}`;
  }
  return digest;
}

/**
 * A fingerprint of everything a request could change: the event log and every table in the public
 * schema (read models, checkpoints, keys). Two equal digests mean nothing was written in between.
 * Taken once every stored checkpoint has reached the end of the log: a projection stores its
 * checkpoint a little after the batches it skipped, and that earlier write must not count.
 */
export async function worldDigest(sql: SqlDatabase): Promise<Record<string, string>> {
  await checkpointsSettled(sql);
  const tables = await sql.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return tableDigest(sql, tables.map((t) => t.name).filter((name) => !CLOCK_DRIVEN_TABLES.has(name)));
}

async function checkpointsSettled(sql: SqlDatabase, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = await sql.query<{ name: string }>(
      'SELECT name FROM projection_checkpoints WHERE prepare_position IS DISTINCT FROM (SELECT max(global_position) FROM es_events)',
    );
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`checkpoints not at the end of the log: ${behind.map((b) => b.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
