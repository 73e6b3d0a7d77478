import type { UpcasterRegistry } from '../events/upcaster-registry';
import { DelegatingEventStore } from './delegating-event-store';
import type { AllSubscription, EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './event-store.port';

/** Any event store, with every event read passed through the upcasters first. */
export class UpcastingEventStore extends DelegatingEventStore {
  constructor(
    inner: EventStore,
    private readonly upcasters: UpcasterRegistry,
  ) {
    super(inner);
  }

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.upcasters.upcast(event));
  }

  override async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.upcasters.upcast(event));
  }

  override subscribeToAll(options?: SubscribeOptions): AllSubscription {
    const inner = this.inner.subscribeToAll(options);
    const upcasters = this.upcasters;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const batch of inner) yield batch.map((event) => upcasters.upcast(event));
      },
    };
  }
}
