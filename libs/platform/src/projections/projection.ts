import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port';
import { categoryOf } from './stream-catalogue/stream-catalogue.projection';

/**
 * A read model fed from the global order. The runner calls `apply` with each batch inside the
 * transaction that also moves the checkpoint, so rows and checkpoint never disagree.
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
   * Applies a batch (events of every type, in global order; ignore the ones you do not need).
   * Use unqualified table names: a rebuild points the search path at fresh tables. Prefer
   * set-based statements over a query per event: rebuild speed depends on it.
   */
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
}

/** Whether `projection` has anything to do with `event` (see Projection.categories). */
export function concerns(projection: Projection, event: RecordedEvent): boolean {
  return !projection.categories || projection.categories.includes(categoryOf(event.streamId));
}
