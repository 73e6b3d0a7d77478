import type { AllSubscription, ReadAllOptions, RecordedEvent } from './event-store.port';
import type { Position } from './position';
import type { WakeSignal } from './wake-signal';

/**
 * Delays between re-reads while events exist that are not settled yet: they wait for an older
 * transaction to end, which may not be an append and so may never announce itself.
 */
const SETTLE_DELAYS_MS = [5, 20, 50, 100, 200, 500];
/** Safety net for a lost notification while idle; not a polling loop. */
const IDLE_RECHECK_MS = 30_000;

/** A catch-up subscription: reads in batches, then sleeps until the store signals new events. */
export class PollingSubscription implements AllSubscription {
  private closed = false;
  private gathering: { timer: NodeJS.Timeout; end: () => void } | undefined;

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
    /**
     * True when events after the position exist, settled or not. `seen` is the signal's generation
     * the caller saw before it read: the answer must include every append signalled by then.
     */
    private readonly hasUnsettled: (after: Position | null, seen: number) => Promise<boolean>,
    private readonly signal: WakeSignal,
    private after: Position | null,
    private readonly batchSize: number,
    /**
     * While appends keep coming, how long to let them gather after a short batch before reading
     * again (0: read at once). Without it each read found the one or two appends made while the
     * last batch was applied, and every batch cost its own round trips (ADR 025).
     */
    private readonly gatherMs = 0,
  ) {}

  async close(): Promise<void> {
    this.closed = true;
    this.endGathering();
    this.signal.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<readonly RecordedEvent[]> {
    let settle = 0;
    while (!this.closed) {
      const seen = this.signal.current;
      const batch = await this.readAll({ after: this.after, maxCount: this.batchSize });
      if (this.closed) return;
      if (batch.length > 0) {
        this.after = batch[batch.length - 1].position;
        settle = 0;
        yield batch;
        if (batch.length >= this.batchSize) continue;
        if (this.signal.current !== seen) {
          await this.gather();
          continue;
        }
        // A short batch got what was readable when it (or the shared run it came from) was read,
        // and anything appended since has signalled: an immediate re-read would mostly find
        // nothing. Read again only if something follows, settled or not; else sleep.
        if (await this.hasUnsettled(this.after, seen)) continue;
        await this.signal.wait(seen, IDLE_RECHECK_MS);
        continue;
      }
      const delay = (await this.hasUnsettled(this.after, seen))
        ? SETTLE_DELAYS_MS[Math.min(settle++, SETTLE_DELAYS_MS.length - 1)]
        : IDLE_RECHECK_MS;
      await this.signal.wait(seen, delay);
    }
  }

  /** Waits `gatherMs` (ended early by close). */
  private gather(): Promise<void> {
    if (this.gatherMs <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.gathering = { timer: setTimeout(resolve, this.gatherMs), end: resolve };
    }).finally(() => (this.gathering = undefined));
  }

  private endGathering(): void {
    if (!this.gathering) return;
    clearTimeout(this.gathering.timer);
    this.gathering.end();
  }
}
