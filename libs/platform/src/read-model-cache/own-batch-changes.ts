import { hasReached, type Position } from '../event-store/position';

/**
 * How far this process's own projection batches brought the read-model change counter, and where
 * each projection's current lead in this process began.
 *
 * A write's read models are all made by this process when, for every projection its reply waits
 * for, this process leads the projection from a checkpoint before the write. Every counter bump of
 * those read models then came from a batch of this process, which read the counter inside its
 * transaction and reported it here before the projection's progress moved: once the write's
 * projections have reached it, `counter` covers all its changes. A lone process (CacheCoherence)
 * then waits only until its own holder has seen that counter, with no query.
 */
export class OwnBatchChanges {
  private reached = 0;
  /** The stored checkpoint each current lead started from (null: from the first event). */
  private readonly leadsAfter = new Map<string, Position | null>();

  /** This process now applies `projection`'s events after `after`. */
  leading(projection: string, after: Position | null): void {
    this.leadsAfter.set(projection, after);
  }

  /** The lead ended (stopped, lost, or the checkpoint moved): later batches may be another process's. */
  notLeading(projection: string): void {
    this.leadsAfter.delete(projection);
  }

  /** A batch of this process committed with the counter at `counter` inside its transaction. */
  committed(counter: number): void {
    if (counter > this.reached) this.reached = counter;
  }

  /**
   * The counter that covers every read-model change up to `position` of `projections`, when this
   * process's current leads made them all; undefined when another process (or an earlier lead)
   * may have made some.
   */
  counterCovering(position: Position, projections: readonly string[]): number | undefined {
    for (const projection of projections) {
      if (!this.leadsAfter.has(projection)) return undefined;
      if (hasReached(this.leadsAfter.get(projection) ?? null, position)) return undefined;
    }
    return this.reached;
  }
}
