import type { SqlDatabase } from '@app/platform';

/**
 * Bookkeeping that moves with the clock, not with requests: processes' heartbeats of the read-model
 * cache. Everything else in the schema is state a request could change.
 */
const CLOCK_DRIVEN_TABLES = new Set(['read_model_cache_holders']);

/**
 * A fingerprint of everything a request could change: the event log's length and last position,
 * and the content of every table in the public schema (read models, checkpoints, keys). Two equal
 * digests mean nothing was written in between. Works the same on PostgreSQL and PGlite.
 */
export async function worldDigest(sql: SqlDatabase): Promise<Record<string, string>> {
  const tables = await sql.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    if (CLOCK_DRIVEN_TABLES.has(name)) continue;
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await sql.query<{ rows: string; hash: string | null }>(`SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM ${quoted} t`);
    digest[name] = `${row.rows}:${row.hash ?? ''}`;
  }
  return digest;
}
