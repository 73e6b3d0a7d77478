import { evolveStreamContext, initialStreamContext, type AuditedEvent, type StreamContext } from '../domain';
import type { EventStore } from '@app/platform';

/**
 * The contexts of the streams seen lately, at most `capacity` of them, so that replaying millions
 * of events keeps memory flat. A stream that fell out is folded again from its own events up to
 * the one at hand: slower, but exact.
 */
export class StreamContextCache {
  private readonly contexts = new Map<string, StreamContext>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly capacity = 20_000,
  ) {}

  /** The context of the event's stream just before the event. */
  async before(event: AuditedEvent): Promise<StreamContext> {
    const cached = this.contexts.get(event.streamId);
    if (cached && cached.revision === event.revision - 1) {
      // Map order is insertion order: re-inserting marks the stream as recently used.
      this.contexts.delete(event.streamId);
      this.contexts.set(event.streamId, cached);
      return cached;
    }
    if (event.revision === 0) return initialStreamContext();
    const earlier = await this.store.readStream(event.streamId, { maxCount: event.revision });
    return earlier.reduce(evolveStreamContext, initialStreamContext());
  }

  remember(streamId: string, context: StreamContext): void {
    this.contexts.delete(streamId);
    this.contexts.set(streamId, context);
    if (this.contexts.size > this.capacity) this.contexts.delete(this.contexts.keys().next().value!);
  }
}
