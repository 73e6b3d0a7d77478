import type { ReadAllOptions, RecordedEvent } from './event-store.port';
import { comparePositions, formatPosition, samePosition, type Position } from './position';

/**
 * The subscriptions of one process (one per projection) all read the same tail of the log, woken
 * by the same appends. This keeps the most recent run of events any of them read, and serves the
 * others from it; reads of the same position that are already in flight are shared.
 *
 * A read of "events after A" returns every event in (A, last] in order (the store's visibility
 * rule guarantees no event can later appear inside that range), so a run is complete and any
 * suffix of it answers a read from inside it exactly as the store would.
 */
export class SharedTailReads {
  /** The run: every event after `from`, in order, up to the last one of `events`. */
  private from: Position | null = null;
  private events: RecordedEvent[] = [];
  private readonly inFlight = new Map<string, Promise<RecordedEvent[]>>();
  private readonly checks = new Map<string, Promise<boolean>>();

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
    private readonly hasUnsettled: (after: Position | null) => Promise<boolean>,
    private readonly capacity = 5_000,
  ) {}

  async read(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? null;
    const cached = this.slice(after, options.maxCount);
    if (cached.length > 0) return cached;
    const key = `${formatPosition(after)}:${options.maxCount}`;
    let reading = this.inFlight.get(key);
    if (!reading) {
      reading = this.readAll({ after, maxCount: options.maxCount })
        .then((events) => {
          this.remember(after, events);
          return events;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, reading);
    }
    return reading;
  }

  /**
   * Shares a check already in flight for the same position, begun by a reader that had seen the
   * same wake-up generation `seen`. A check begun before a later append cannot see it: a reader
   * woken by that append that took its "nothing follows" would sleep past the append.
   */
  unsettledAfter(after: Position | null, seen: number): Promise<boolean> {
    const key = `${formatPosition(after)}@${seen}`;
    let checking = this.checks.get(key);
    if (!checking) {
      checking = this.hasUnsettled(after).finally(() => this.checks.delete(key));
      this.checks.set(key, checking);
    }
    return checking;
  }

  private slice(after: Position | null, maxCount: number): RecordedEvent[] {
    const start = this.indexAfter(after);
    return start === undefined ? [] : this.events.slice(start, start + maxCount);
  }

  /** Where the events after `after` begin in the run; undefined when the run does not cover it. */
  private indexAfter(after: Position | null): number | undefined {
    if (this.events.length === 0) return undefined;
    if (samePosition(after, this.from)) return 0;
    if (after === null) return undefined;
    let low = 0;
    let high = this.events.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = comparePositions(this.events[middle].position, after);
      if (order === 0) return middle + 1;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private remember(after: Position | null, events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const last = this.events.length > 0 ? this.events[this.events.length - 1].position : undefined;
    if (last !== undefined && after !== null && comparePositions(after, last) === 0) {
      this.events.push(...events);
    } else if (last === undefined || comparePositions(events[events.length - 1].position, last) > 0) {
      // Not a continuation, but it reaches further: it becomes the run. (A lagging reader's
      // answer, ending before the run does, would only push the leaders back to the database.)
      this.from = after;
      this.events = [...events];
    }
    const excess = this.events.length - this.capacity;
    if (excess > 0) {
      this.from = this.events[excess - 1].position;
      this.events = this.events.slice(excess);
    }
  }
}
