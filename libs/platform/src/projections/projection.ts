import type { SqlRunner } from '../database/sql';
import type { RecordedEvent } from '../event-store/event-store.port';
import { categoryOf } from './stream-catalogue/stream-catalogue.projection';

/**
 * A read model fed from the global order. The runner sends each batch's writes and the checkpoint
 * move as one query (one transaction, apply-batch.ts), so rows and checkpoint never disagree.
 */
export interface Projection {
  /** Stable name; also the checkpoint's key. */
  readonly name: string;
  /** Bump when the read model's meaning changes: the projection is then rebuilt from the log. */
  readonly version: number;
  /** The tables it owns, parents before children (rebuild copies them in this order). */
  readonly tables: readonly string[];
  /**
   * The stream categories (`account` of `account-<id>`) whose events it applies; absent: events
   * of every stream. The runner skips the transaction for a batch with none of them.
   */
  readonly categories?: readonly string[];
  /**
   * Who waits for it to include a write. `writers` (absent: the same): a write's reply waits until
   * it has passed the write (OwnWrites), so a read made after the reply needs no wait. `readers`:
   * replies do not wait for it; whatever reads its tables first waits until it has passed the
   * last event the log holds (ReadersWait). For a read model that many writes feed and few
   * requests read (the audit timeline), or that no request reads (the stream catalogue): its
   * batches then stay off every write's path.
   */
  readonly awaitedBy?: 'writers' | 'readers';
  /**
   * Applies a batch (events of every type, in global order; ignore the ones you do not need).
   * Use unqualified table names: a rebuild points the search path at fresh tables. Prefer
   * set-based statements over a query per event: rebuild speed depends on it. In the live runner
   * `tx` collects writes that run later, together: their answers cannot be read. A projection
   * that must read to make its writes implements `replay` instead, which the runner also uses.
   */
  apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void>;
  /**
   * For a projection that reads to make its writes, or whose batches cost as much in this process
   * as in the database: the live runner prepares its batches through one replay while it leads
   * (reads first, then the writes in the batch's one query; a failed batch ends the lead, and the
   * next lead starts a fresh replay), and a rebuild prepares each batch while the database still
   * writes the one before (see ReplayOfBatches). Applying the batches through it must give the
   * rows `apply` gives.
   */
  replay?(use: ReplayUse): ReplayOfBatches;
}

/**
 * Who replays: the live runner (small batches, one after another, for as long as it leads) or a
 * rebuild (large batches over the whole log). A replay that remembers may size its memory by it.
 */
export type ReplayUse = 'live' | 'rebuild';

/**
 * One replay of a rebuild or of a live lead, split in two per batch: `prepare` does the work in
 * this process (it may read the read model's tables through `read`, not write them) and returns
 * what writes the batch. Every event comes once, in order, and none is in the tables yet. The
 * rebuild calls `prepare` for each batch in order, the next one while the previous batch's writes
 * are still being made, and runs the writes in order, each in its own transaction. So `prepare`
 * must not read rows the previous batch writes: remember what it prepared instead. A failed write
 * ends the replay (nothing prepared after it is written).
 */
export interface ReplayOfBatches {
  prepare(events: readonly RecordedEvent[], read: SqlRunner): Promise<(tx: SqlRunner) => Promise<void>>;
}

/** Whether `projection` has anything to do with `event` (see Projection.categories). */
export function concerns(projection: Projection, event: RecordedEvent): boolean {
  return !projection.categories || projection.categories.includes(categoryOf(event.streamId));
}
