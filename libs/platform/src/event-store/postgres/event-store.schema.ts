import { SETTLED_EVENTS_AFTER } from './read-statements';

/**
 * The event log. `transaction_id` orders events by transaction so readers of the global order can
 * stop at the oldest transaction of this database still running (read-statements.ts) and never
 * skip a late commit.
 * The unique (stream_id, stream_revision) index is the optimistic-concurrency check.
 * es_read_all_after is the tail read every subscription makes (READ_ALL_AFTER): a function, so
 * that its plan is made once per connection and kept (a generic plan, which the server would not
 * choose for the statement on its own); it reads with its caller's snapshot (STABLE), as the
 * statement itself did.
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
CREATE OR REPLACE FUNCTION es_read_all_after(after_commit text, after_prepare bigint, max_count bigint)
RETURNS TABLE (commit text, prepare text, stream_id text, revision text, event_id uuid, type text, data jsonb, metadata jsonb, created_at timestamptz)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $read$
#variable_conflict use_column
BEGIN
  RETURN QUERY ${SETTLED_EVENTS_AFTER};
END $read$;
`;
