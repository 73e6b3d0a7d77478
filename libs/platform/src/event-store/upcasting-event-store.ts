import type { EventToAppend } from '../events/event-envelope';
import type { UpcasterRegistry } from '../events/upcaster-registry';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.port';
import type { Position } from './position';

/** Any event store, with every event read passed through the upcasters first. */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  appendToStream(streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.upcasters.upcast(event));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.upcasters.upcast(event));
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    const inner = this.inner.subscribeToAll(options);
    const upcasters = this.upcasters;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const batch of inner) yield batch.map((event) => upcasters.upcast(event));
      },
    };
  }

  headPosition(): Promise<Position | null> {
    return this.inner.headPosition();
  }

  countAfter(position: Position | null): Promise<number> {
    return this.inner.countAfter(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
