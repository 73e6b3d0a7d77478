import type { EventToAppend } from '../events/event-envelope';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from './event-store.port';
import type { Position } from './position';

/** An event store that hands everything to another: decorators override only what they change. */
export abstract class DelegatingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  appendToStream(streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  /** Present when the inner store has it. */
  get appendToStreams(): ((appends: readonly StreamAppend[]) => Promise<AppendResult[]>) | undefined {
    const inner = this.inner;
    return inner.appendToStreams && ((appends) => inner.appendToStreams!(appends));
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  lastPosition(): Promise<Position | null> {
    return this.inner.lastPosition();
  }

  countAfter(position: Position | null): Promise<number> {
    return this.inner.countAfter(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
