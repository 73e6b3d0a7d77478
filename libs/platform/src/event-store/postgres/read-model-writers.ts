/**
 * The application_name a transaction takes (for itself only: SET LOCAL) when it writes read models
 * and never the log: a projection's batch, a rebuild's batch, its swap. The settled horizon
 * (read-statements) leaves such transactions out. Otherwise one held up by a lock, or just slow,
 * would hold back every reader of the log, and with them every write waiting to read its own
 * change: an audit batch stuck behind a lock would make every write answer 503 (ADR 001).
 */
export const READ_MODEL_WRITER = 'read-model-writer';

/** Marks the current transaction as a read-model writer; the mark ends with the transaction. */
export const MARK_READ_MODEL_WRITER = `SET LOCAL application_name = '${READ_MODEL_WRITER}'`;
