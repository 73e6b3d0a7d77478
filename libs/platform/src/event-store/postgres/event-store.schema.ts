/**
 * The event log. `transaction_id` orders events by transaction so readers of the global order can
 * stop at the oldest transaction of this database still running (read-statements.ts) and never
 * skip a late commit.
 * The unique (stream_id, stream_revision) index is the optimistic-concurrency check.
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS es_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_revision bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_revision)
);
CREATE INDEX IF NOT EXISTS es_events_global_order ON es_events (transaction_id, global_position);
`;
