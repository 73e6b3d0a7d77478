import type { AllSubscription, ReadAllOptions, RecordedEvent } from './event-store.port';
import type { Position } from './position';
import type { WakeSignal } from './wake-signal';

/** Delays between re-reads after a wake-up that found nothing (events can be waiting on an older, still-open transaction). */
const SETTLE_DELAYS_MS = [5, 20, 100, 500];
/** Safety net for a lost notification while idle; not a polling loop. */
const IDLE_RECHECK_MS = 30_000;

/** A catch-up subscription: reads in batches, then sleeps until the store signals new events. */
export class PollingSubscription implements AllSubscription {
  private closed = false;

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
    private readonly signal: WakeSignal,
    private after: Position | null,
    private readonly batchSize: number,
  ) {}

  async close(): Promise<void> {
    this.closed = true;
    this.signal.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<readonly RecordedEvent[]> {
    let settle = SETTLE_DELAYS_MS.length;
    while (!this.closed) {
      const seen = this.signal.current;
      const batch = await this.readAll({ after: this.after, maxCount: this.batchSize });
      if (this.closed) return;
      if (batch.length > 0) {
        this.after = batch[batch.length - 1].position;
        settle = 0;
        yield batch;
        continue;
      }
      const delay = settle < SETTLE_DELAYS_MS.length ? SETTLE_DELAYS_MS[settle++] : IDLE_RECHECK_MS;
      if (await this.signal.wait(seen, delay)) settle = 0;
    }
  }
}
