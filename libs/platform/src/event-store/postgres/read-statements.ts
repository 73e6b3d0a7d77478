import { READ_MODEL_WRITER } from './read-model-writers';

/** The reads of the log. Positions are ($1 commit, $2 prepare); see ADR 001 for the global order. */

const EVENT_COLUMNS = `transaction_id::text AS commit, global_position::text AS prepare, stream_id,
  stream_revision::text AS revision, event_id, type, data, metadata, created_at`;

/**
 * The settled horizon: the oldest transaction that was running when the statement's snapshot was
 * taken and may append to this log, or the snapshot's end when there is none. Transaction ids are
 * shared by every database of the server, and a transaction still running in another database
 * (found by its id among the server's backends) can never write this log, so it does not hold the
 * readers back; nor does one of this database marked as a read-model writer (READ_MODEL_WRITER).
 * Every other running one does, as the plain snapshot minimum would (one that ended after the
 * snapshot was taken, or one whose backend cannot be seen, counts as a possible append). Each id
 * in the snapshot is matched on its low 32 bits, the backends' ids being 32-bit. See ADR 001.
 * Every statement reading it runs on its own (never inside a transaction that looked at the
 * backends before): the backends are then read after the snapshot was taken, and a backend found
 * marked with one of the snapshot's running ids was marked for that id's whole transaction (the
 * mark is set before an id is taken and ends with the transaction). A transaction's earlier look
 * could pair a backend's old mark with the id of the append it began since.
 */
const HORIZON = `(SELECT coalesce(min(running), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS running
  WHERE running::text::bigint % 4294967296 NOT IN (
    SELECT backend_xid::text::bigint FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND (application_name = '${READ_MODEL_WRITER}'
      OR datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))))`;

/** Only what is before the horizon is settled: nothing can commit before it any more. */
const SETTLED = `transaction_id < ${HORIZON}`;

/** Events after the position ($1, $2). */
const AFTER = '(transaction_id, global_position) > ($1::text::xid8, $2::bigint)';

/**
 * The same with a redundant bound on transaction_id, for a count: PostgreSQL keeps no statistics
 * for a row comparison and guesses a third of the table (a sequential scan before the log has
 * statistics), while the bound has them. Reads in order must not use it: with statistics that
 * underestimate it (a log that grew since the last ANALYZE) the planner trades the ordered index
 * scan that stops after LIMIT rows for a bitmap scan of everything after the position and a sort,
 * which made each batch of a rebuild cost the rest of the log.
 */
const AFTER_BOUNDED = `transaction_id >= $1::text::xid8 AND ${AFTER}`;

/** $1 stream id, $2 first revision, $3 at most this many (null: all). */
export const READ_STREAM = `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 AND stream_revision >= $2
ORDER BY stream_revision LIMIT $3`;

/**
 * Settled events after the position, in the global order; $3 at most this many. The body of
 * es_read_all_after (event-store.schema.ts), where it runs on a generic plan.
 */
export const SETTLED_EVENTS_AFTER = `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${AFTER} AND ${SETTLED}
ORDER BY transaction_id, global_position LIMIT $3`;

/**
 * The tail read (SETTLED_EVENTS_AFTER), through the function that plans it once per connection.
 * As a prepared statement of its own, the server planned it anew on almost every call: the values
 * make each custom plan look cheaper than the generic one, yet both are the same index scan, and
 * planning the horizon's look at the backends cost more than running the read.
 */
export const READ_ALL_AFTER = 'SELECT commit, prepare, stream_id, revision, event_id, type, data, metadata, created_at FROM es_read_all_after($1, $2, $3)';

/**
 * Reads of at most this many events go through READ_ALL_AFTER (a subscription's batch is 500);
 * larger ones (a rebuild's 5,000) run SETTLED_EVENTS_AFTER itself. The function hands its rows
 * over through a store of its own (on disk past work_mem, some 4,000 events): reading 100,000
 * events 5,000 at a time took 955 ms through it against 868 ms by the statement, while in batches
 * of 500 the two were even. One planning is little beside thousands of rows.
 */
export const PLANNED_ONCE_UP_TO = 1_000;

export const HEAD_POSITION = `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events
WHERE ${SETTLED} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

/** The last event committed, settled or not (every returned append is visible to the statement). */
export const LAST_POSITION = `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events
ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

export const COUNT_AFTER = `SELECT count(*)::text AS count FROM es_events WHERE ${AFTER_BOUNDED} AND ${SETTLED}`;

/** Whether anything, settled or not, follows the position. In index order: without it, a scan of the log. */
export const UNSETTLED_AFTER = `SELECT 1 FROM es_events WHERE ${AFTER} ORDER BY transaction_id, global_position LIMIT 1`;
