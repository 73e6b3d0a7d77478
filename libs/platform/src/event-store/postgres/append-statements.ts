/**
 * Appends are plain INSERTs; the concurrency check is the unique (stream_id, stream_revision)
 * index. Writing revision r+1 fails with a unique violation if someone already wrote it, and the
 * EXISTS guard refuses to write r+1 when the stream is not at r yet. One statement, one round
 * trip, no extra row to update per append; concurrent appends share it (grouped-appends.ts).
 */
const COLUMNS = 'INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata)';

/**
 * Events of several streams in one statement, so all or none of them are written: $3 is the
 * events with the revisions they get, in order, as one JSON array of
 * {stream_id, revision, id, type, data, metadata}; $1/$2 each stream and the revision it must be
 * at (-1: none). A stream that is behind its expected revision stops the whole insert (no row
 * comes back); one that is past it fails on the unique index. One JSON document, not an array
 * parameter per column: the driver would quote every event's JSON again into an array literal.
 * The document is taken as jsonb and read with jsonb_to_recordset, which parses it once: as
 * `json`, it was checked once by the cast, lexed again by json_to_recordset, and each event's data
 * and metadata parsed a third time into their jsonb columns (a quarter of the statement's CPU).
 */
export const APPEND_TO_STREAMS = `${COLUMNS}
SELECT e.stream_id, e.revision, e.id, e.type, e.data, e.metadata
FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (stream_id text, revision bigint, id uuid, type text, data jsonb, metadata jsonb))
  WITH ORDINALITY AS e(stream_id, revision, id, type, data, metadata, ord)
WHERE NOT EXISTS (
  SELECT 1 FROM unnest($1::text[], $2::bigint[]) AS g(stream_id, expected)
  WHERE g.expected >= 0 AND NOT EXISTS (SELECT 1 FROM es_events x WHERE x.stream_id = g.stream_id AND x.stream_revision = g.expected))
ORDER BY e.ord
RETURNING stream_id, stream_revision::text AS revision, transaction_id::text AS commit, global_position::text AS prepare`;

export const STREAM_REVISION = 'SELECT max(stream_revision)::text AS revision FROM es_events WHERE stream_id = $1';

/** True for the unique violation that means another writer took the revision first. */
export function isRevisionTaken(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
