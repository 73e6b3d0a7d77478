import type { EventMetadata } from '../events/event-metadata';
import type { EventToAppend } from '../events/event-envelope';
import type { Position } from './position';

/**
 * What the writer believes the stream's last revision is (revisions count from 0):
 * `no_stream` - the stream must not exist; a number - it must be exactly there;
 * `stream_exists` - any revision; `any` - no check at all.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface RecordedEvent<Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly position: Position;
  readonly createdAt: Date;
}

export interface AppendResult {
  /** The stream's last revision after the append. */
  readonly nextExpectedRevision: number;
  /** Position of the last appended event in the global order. */
  readonly position: Position;
}

/** One stream's part of an append to several streams at once. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  /** Exactly where the stream must be: its last revision, or `no_stream`. */
  readonly expectedRevision: number | 'no_stream';
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Null or absent: from the start. */
  after?: Position | null;
  maxCount: number;
}

export interface SubscribeOptions {
  after?: Position | null;
  batchSize?: number;
}

/** Batches of events in global order, starting after a position, waiting for new ones at the end. */
export interface AllSubscription extends AsyncIterable<readonly RecordedEvent[]> {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction: every stream's events or none, and
   * WrongExpectedRevisionError when any stream is not where expected. Results are in the order
   * given. Absent on a store without transactions across streams (EventStoreDB here).
   */
  readonly appendToStreams?: (appends: readonly StreamAppend[]) => Promise<AppendResult[]>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Events in global order. Never skips an event that commits late: an event becomes readable only
   * once every event ordered before it is committed (or rolled back).
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Position of the last readable event, or null when the log is empty. */
  headPosition(): Promise<Position | null>;
  /**
   * Position of the last event committed, readable yet or not (an older append may still be
   * open), or null when the log is empty: at or after every append that has returned. A reader
   * that must see every write answered before it waits until its read model has passed this.
   */
  lastPosition(): Promise<Position | null>;
  /** How many events come after `position` (to report projection lag). */
  countAfter(position: Position | null): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export type { EventMetadata };
