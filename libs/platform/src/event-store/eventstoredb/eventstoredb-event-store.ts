/*
 * The only file that knows the EventStoreDB client: it now also ships as `@kurrent/kurrentdb-client`,
 * and keeping it here makes that switch a one-file change.
 */
import { appendNothing } from '../empty-append';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  StreamDeletedError as NativeStreamDeletedError,
  StreamNotFoundError as NativeStreamNotFoundError,
  START,
  WrongExpectedVersionError,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONType,
  type ReadAllOptions as NativeReadAllOptions,
  type ReadStreamOptions as NativeReadStreamOptions,
  type RecordedEvent as NativeRecordedEvent,
} from '@eventstore/db-client';
import type { EventToAppend } from '../../events/event-envelope';
import type { EventMetadata } from '../../events/event-metadata';
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { comparePositions, type Position } from '../position';

/** The newer client's schemes, which this one only knows by its older name. */
const KURRENT_SCHEME = /^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;

/** Failures that say nothing about the request, only that the server could not answer it now. */
const CONNECTION_FAILURES = new Set<ErrorType>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/**
 * The event store on EventStoreDB (22.6 or later: older servers leave positions off stream reads).
 * Revisions and positions are EventStoreDB's own; its system events (`$` types, `$` streams) are
 * never part of our log.
 */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects and checks the server answers, so a wrong address fails at start-up rather than on the first request. */
  static async connect(connectionString: string): Promise<EventStoreDbEventStore> {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString.trim().replace(KURRENT_SCHEME, 'esdb$1://'));
    } catch {
      // The parser's message repeats the whole string, credentials included.
      throw new Error('EVENTSTORE_CONNECTION_STRING is not a valid esdb:// or kurrentdb:// connection string');
    }
    const store = new EventStoreDbEventStore(client);
    try {
      await store.headPosition();
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    // The client never settles an append of nothing; the expectation is still checked here.
    if (events.length === 0) return appendNothing(this, streamId, expected, await this.lastRevision(streamId));
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision: toNativeExpected(expected) });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // An idempotent retry of an earlier append comes back without a position.
      const position = result.position ?? (await this.positionOfRevision(streamId, nextExpectedRevision));
      return { nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamId, expected, fromNativeRevision(error.actualVersion));
      }
      throw translate(error);
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.collectStream(streamId, { fromRevision: BigInt(options.fromRevision ?? 0), maxCount: options.maxCount });
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? null;
    const events: RecordedEvent[] = [];
    if (options.maxCount <= 0) return events;
    await this.scanAll({ fromPosition: after ?? START }, (event) => {
      // A read from a position includes the event at it; ours starts after it.
      if (after && comparePositions(event.position, after) <= 0) return true;
      events.push(event);
      return events.length < options.maxCount;
    });
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    const after = options.after ?? null;
    const batchSize = options.batchSize ?? 500;
    // The stream buffers up to a batch, so a catch-up delivers full batches while live updates come as they arrive.
    const native = this.client.subscribeToAll({ fromPosition: after ?? START, filter: excludeSystemEvents() }, { highWaterMark: batchSize });
    return new EventStoreDbSubscription(native, after, batchSize);
  }

  async headPosition(): Promise<Position | null> {
    let head: Position | null = null;
    await this.scanAll({ direction: BACKWARDS, fromPosition: END }, (event) => {
      head = event.position;
      return false;
    });
    return head;
  }

  /** EventStoreDB makes an event readable when it commits: the last one is the head. */
  lastPosition(): Promise<Position | null> {
    return this.headPosition();
  }

  /** Reads every event after `position` to count it: O(lag). $all keeps no count of user events to ask for. */
  async countAfter(position: Position | null): Promise<number> {
    let count = 0;
    await this.scanAll({ fromPosition: position ?? START }, (event) => {
      if (!position || comparePositions(event.position, position) > 0) count++;
      return true;
    });
    return count;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Visits $all's non-system events in order until `visit` returns false. */
  private async scanAll(options: NativeReadAllOptions, visit: (event: RecordedEvent) => boolean): Promise<void> {
    const read = this.client.readAll(options);
    try {
      for await (const resolved of read) {
        if (!resolved.event || isSystemEvent(resolved.event)) continue;
        if (!visit(toRecordedEvent(resolved.event))) {
          // Leaving the loop only stops our side; the server would go on sending.
          await read.cancel();
          return;
        }
      }
    } catch (error) {
      throw translate(error);
    }
  }

  private async collectStream(streamId: string, options: NativeReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) if (resolved.event) events.push(toRecordedEvent(resolved.event));
    } catch (error) {
      // A deleted stream has no events to read either.
      if (error instanceof NativeStreamNotFoundError || error instanceof NativeStreamDeletedError) throw new StreamNotFoundError(streamId);
      throw translate(error);
    }
    return events;
  }

  private async lastRevision(streamId: string): Promise<number | 'no_stream'> {
    try {
      const [last] = await this.collectStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      return last ? last.revision : 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw error;
    }
  }

  private async positionOfRevision(streamId: string, revision: number): Promise<Position> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`Stream ${streamId} has no event at revision ${revision} right after appending it`);
    return event.position;
  }

}

/** Batches of what the native subscription has delivered so far; it never holds events back to fill a batch. */
class EventStoreDbSubscription implements AllSubscription {
  private failure: unknown;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly native: AllStreamSubscription,
    private readonly after: Position | null,
    private readonly batchSize: number,
  ) {
    // Kept for the iterator to throw; an 'error' without a listener would bring the process down.
    native.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  close(): Promise<void> {
    this.closing ??= this.native
      .unsubscribe()
      // A subscription that never reached the server has nothing to cancel.
      .catch(() => undefined)
      .then(() => {
        this.native.destroy();
      });
    return this.closing;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<readonly RecordedEvent[]> {
    try {
      for (;;) {
        if (this.closing) return;
        const batch = this.takeArrived();
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        if (this.failure) throw translate(this.failure);
        if (this.native.destroyed || this.native.readableEnded) return;
        await nextSignal(this.native);
      }
    } finally {
      // Leaving the loop early must not leave the server-side subscription running.
      await this.close();
    }
  }

  private takeArrived(): RecordedEvent[] {
    const batch: RecordedEvent[] = [];
    while (batch.length < this.batchSize) {
      const resolved = this.native.read() as AllStreamResolvedEvent | null;
      if (resolved === null) break;
      // The server filter drops `$` types only; `$` streams can still hold other types.
      if (!resolved.event || isSystemEvent(resolved.event)) continue;
      const event = toRecordedEvent(resolved.event);
      // Subscriptions start after their position already; this only guards a resume against a repeat.
      if (this.after && comparePositions(event.position, this.after) <= 0) continue;
      batch.push(event);
    }
    return batch;
  }
}

const WAKE_EVENTS = ['readable', 'end', 'close', 'error'] as const;

/** Resolves at the stream's next sign of life: something to read, its end or its failure. */
function nextSignal(stream: AllStreamSubscription): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      for (const name of WAKE_EVENTS) stream.off(name, wake);
      resolve();
    };
    for (const name of WAKE_EVENTS) stream.on(name, wake);
  });
}

function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

function toEventData(event: EventToAppend) {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: { ...event.metadata } });
}

/** The port names its expectations as EventStoreDB does; only exact revisions change type. */
function toNativeExpected(expected: ExpectedRevision): AppendExpectedRevision {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

function fromNativeRevision(revision: CurrentRevision): number | 'no_stream' {
  return typeof revision === 'bigint' ? Number(revision) : 'no_stream';
}

function toRecordedEvent(event: NativeRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error('EventStoreDB sent an event without its log position; version 22.6 or later is required');
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    createdAt: event.created,
  };
}

function translate(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (isCommandError(error) && CONNECTION_FAILURES.has(error.type)) return new EventStoreUnavailableError(error);
  // Cluster discovery gives up with a plain Error after its retries; it is a connection failure all the same.
  if (error.message.startsWith('Failed to discover')) return new EventStoreUnavailableError(error);
  return error;
}
