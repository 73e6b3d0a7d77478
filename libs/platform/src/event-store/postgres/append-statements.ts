import type { ExpectedRevision } from '../event-store.port';

/**
 * One statement per append: a CTE moves the stream's revision (the concurrency check) and the
 * events are inserted from it, so an append is a single round trip and a single transaction.
 * $1 stream id, $2 event count, $3 events as a JSON array, $4 expected revision (exact only).
 */
const STREAM_UPDATE: Record<'no_stream' | 'stream_exists' | 'any' | 'exact', string> = {
  no_stream: `INSERT INTO es_streams (stream_id, revision) VALUES ($1, $2::bigint - 1)
              ON CONFLICT DO NOTHING RETURNING revision`,
  stream_exists: `UPDATE es_streams SET revision = revision + $2::bigint WHERE stream_id = $1 RETURNING revision`,
  any: `INSERT INTO es_streams (stream_id, revision) VALUES ($1, $2::bigint - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = es_streams.revision + $2::bigint RETURNING revision`,
  exact: `UPDATE es_streams SET revision = revision + $2::bigint
          WHERE stream_id = $1 AND revision = $4::bigint RETURNING revision`,
};

export function appendStatement(expected: ExpectedRevision): string {
  const update = STREAM_UPDATE[typeof expected === 'number' ? 'exact' : expected];
  return `
WITH stream AS (${update})
INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata)
SELECT $1, stream.revision - $2::bigint + e.ord, (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata'
FROM stream, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)
RETURNING stream_revision::text AS revision, transaction_id::text AS commit, global_position::text AS prepare`;
}
