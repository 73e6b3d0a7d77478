import type { EventToAppend } from '../events/event-envelope';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store/event-store.port';
import type { Position } from '../event-store/position';
import { appendDuration, type AppendOutcome } from './event-store-metrics';

/** Any event store, with each append timed into event_store_append_duration_seconds. */
export class TimedEventStore implements EventStore {
  constructor(private readonly inner: EventStore) {}

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const stop = appendDuration.startTimer();
    let outcome: AppendOutcome = 'failed';
    try {
      const result = await this.inner.appendToStream(streamId, events, options);
      outcome = 'appended';
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) outcome = 'conflict';
      throw error;
    } finally {
      stop({ outcome });
    }
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

  countAfter(position: Position | null): Promise<number> {
    return this.inner.countAfter(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
