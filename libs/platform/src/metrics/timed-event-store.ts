import type { EventToAppend } from '../events/event-envelope';
import { DelegatingEventStore } from '../event-store/delegating-event-store';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { AppendResult, ExpectedRevision, StreamAppend } from '../event-store/event-store.port';
import { appendDuration, type AppendOutcome } from './event-store-metrics';

/** Any event store, with each append timed into event_store_append_duration_seconds. */
export class TimedEventStore extends DelegatingEventStore {
  override appendToStream(streamId: string, events: readonly EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return timed(() => this.inner.appendToStream(streamId, events, options));
  }

  override get appendToStreams(): ((appends: readonly StreamAppend[]) => Promise<AppendResult[]>) | undefined {
    const inner = this.inner;
    return inner.appendToStreams && ((appends) => timed(() => inner.appendToStreams!(appends)));
  }
}

async function timed<T>(append: () => Promise<T>): Promise<T> {
  const stop = appendDuration.startTimer();
  let outcome: AppendOutcome = 'failed';
  try {
    const result = await append();
    outcome = 'appended';
    return result;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) outcome = 'conflict';
    throw error;
  } finally {
    stop({ outcome });
  }
}
