import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port';

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
   * Applies a batch (events of every type, in global order; ignore the ones you do not need).
   * Use unqualified table names: a rebuild points the search path at fresh tables. Prefer
   * set-based statements over a query per event: rebuild speed depends on it.
   */
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
}
