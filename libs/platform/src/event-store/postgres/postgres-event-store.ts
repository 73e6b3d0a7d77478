import { randomUUID } from 'node:crypto';
import { appendNothing } from '../empty-append';
import type { Notifications, SqlDatabase } from '../../database/sql';
import type { EventToAppend } from '../../events/event-envelope';
import type { EventMetadata } from '../../events/event-metadata';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
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
} from '../event-store.port';
import { PollingSubscription } from '../polling-subscription';
import { SharedTailReads } from '../shared-tail-reads';
import type { Position } from '../position';
import { WakeSignal } from '../wake-signal';
import { APPEND_TO_STREAMS, STREAM_REVISION } from './append-statements';
import { GroupedAppends, type InsertedRow, type StreamInsert } from './grouped-appends';
import { COUNT_AFTER, HEAD_POSITION, LAST_POSITION, PLANNED_ONCE_UP_TO, READ_ALL_AFTER, READ_STREAM, SETTLED_EVENTS_AFTER, UNSETTLED_AFTER } from './read-statements';
import { EVENT_STORE_SCHEMA } from './event-store.schema';

/**
 * Under a steady flow of appends, subscribers read again 3 ms after a short batch rather than at
 * once: the next batch gathers those milliseconds' appends (ADR 025). A lone append, with nothing
 * appended while its batch was applied, is read as soon as it is signalled, as before.
 */
const GATHER_MS = 3;

/** Channel on which appends announce themselves to other processes. */
export const EVENTS_CHANNEL = 'es_events_appended';

interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  created_at: Date;
}

/** The event store on PostgreSQL (or the same SQL on embedded PGlite). */
export class PostgresEventStore implements EventStore {
  private readonly appended = new WakeSignal();
  /** The projections' subscriptions read the same tail: one read serves them all. */
  private readonly tail = new SharedTailReads(
    (options) => this.readAll(options),
    (after) => this.hasUnsettled(after),
  );
  private announcing = false;
  private announceAgain = false;
  /** Names this store's announcements: its own come back to it through LISTEN, already acted on. */
  private readonly announcer = randomUUID();
  private unlisten: (() => Promise<void>) | undefined;
  /** Appends asked for while one is in flight share the next statement (group commit). */
  private readonly grouped = new GroupedAppends((streams) => this.insertStreams(streams));

  private constructor(
    private readonly sql: SqlDatabase,
    private readonly notifications: Notifications,
    private readonly onBackgroundError: (error: Error) => void,
  ) {}

  /** Creates the schema if needed (run it under the schema lock) and starts listening for appends. */
  static async open(options: {
    sql: SqlDatabase;
    notifications: Notifications;
    withSchemaLock?: <T>(work: () => Promise<T>) => Promise<T>;
    onBackgroundError?: (error: Error) => void;
  }): Promise<PostgresEventStore> {
    const withLock = options.withSchemaLock ?? ((work) => work());
    await withLock(() => options.sql.query(EVENT_STORE_SCHEMA));
    const store = new PostgresEventStore(options.sql, options.notifications, options.onBackgroundError ?? (() => undefined));
    store.unlisten = await options.notifications.listen(EVENTS_CHANNEL, (payload) => {
      // Its own appends woke the local subscribers at once; another wake would only re-read the tail.
      if (payload !== store.announcer) store.appended.notify();
    });
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    if (events.length === 0) return appendNothing(this, streamId, expected, await this.revisionOf(streamId));
    for (let attempt = 0; ; attempt++) {
      // `any` and `stream_exists` append after whatever is there now; losing that race is retried.
      const at = typeof expected === 'number' ? expected : expected === 'no_stream' ? -1 : await this.revisionOf(streamId);
      if (at === 'no_stream' && expected === 'stream_exists') throw new WrongExpectedRevisionError(streamId, expected, at);
      const outcome = await this.grouped.append([{ streamId, at: at === 'no_stream' ? -1 : at, events }]);
      if ('refused' in outcome) {
        if (typeof expected !== 'number' && expected !== 'no_stream' && attempt < 10) continue;
        throw new WrongExpectedRevisionError(streamId, expected, await this.revisionOf(streamId));
      }
      this.announce();
      return resultOf(outcome.rows);
    }
  }

  readonly appendToStreams = async (appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    const streams = appends;
    if (streams.some((a) => a.events.length === 0)) throw new Error('appendToStreams: every stream needs events');
    if (new Set(streams.map((a) => a.streamId)).size !== streams.length) throw new Error('appendToStreams: a stream may appear once');
    const at = streams.map((a) => (a.expectedRevision === 'no_stream' ? -1 : a.expectedRevision));
    const outcome = await this.grouped.append(streams.map((a, i) => ({ streamId: a.streamId, at: at[i], events: a.events })));
    if ('refused' in outcome) {
      const behind = await Promise.all(streams.map(async (a) => ({ a, revision: await this.revisionOf(a.streamId) })));
      const first = behind.find(({ a, revision }) => (revision === 'no_stream' ? -1 : revision) !== (a.expectedRevision === 'no_stream' ? -1 : a.expectedRevision)) ?? behind[0];
      throw new WrongExpectedRevisionError(first.a.streamId, first.a.expectedRevision, first.revision);
    }
    this.announce();
    return streams.map((a) => resultOf(outcome.rows.filter((row) => row.stream_id === a.streamId)));
  };

  /** APPEND_TO_STREAMS for one statement's streams (GroupedAppends puts several callers' streams in one). */
  private insertStreams(streams: readonly StreamInsert[]): Promise<InsertedRow[]> {
    const events = streams.flatMap((s) => s.events.map((event, k) => ({ stream_id: s.streamId, revision: s.at + 1 + k, id: event.id, type: event.type, data: event.data, metadata: event.metadata })));
    return this.sql.query<InsertedRow>(APPEND_TO_STREAMS, [streams.map((s) => s.streamId), streams.map((s) => s.at), JSON.stringify(events)]);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.sql.query<EventRow>(
      READ_STREAM,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    // Events are never deleted: a stream with nothing from its first revision does not exist (one
    // read for none is looked up). A first append that commits just after this read is simply later.
    if (rows.length === 0 && (options.fromRevision ?? 0) === 0 && (options.maxCount !== 0 || (await this.revisionOf(streamId)) === 'no_stream')) {
      throw new StreamNotFoundError(streamId);
    }
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? { commit: 0n, prepare: 0n };
    const rows = await this.sql.query<EventRow>(
      options.maxCount <= PLANNED_ONCE_UP_TO ? READ_ALL_AFTER : SETTLED_EVENTS_AFTER,
      [after.commit.toString(), after.prepare.toString(), options.maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return new PollingSubscription(
      (o) => this.tail.read(o),
      (after, seen) => this.tail.unsettledAfter(after, seen),
      this.appended,
      options.after ?? null,
      options.batchSize ?? 500,
      GATHER_MS,
    );
  }

  headPosition(): Promise<Position | null> {
    return this.positionOf(HEAD_POSITION);
  }

  lastPosition(): Promise<Position | null> {
    return this.positionOf(LAST_POSITION);
  }

  private async positionOf(statement: string): Promise<Position | null> {
    const rows = await this.sql.query<{ commit: string; prepare: string }>(statement);
    return rows[0] ? { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) } : null;
  }

  async countAfter(position: Position | null): Promise<number> {
    const after = position ?? { commit: 0n, prepare: 0n };
    const rows = await this.sql.query<{ count: string }>(
      COUNT_AFTER,
      [after.commit.toString(), after.prepare.toString()],
    );
    return Number(rows[0].count);
  }

  private async hasUnsettled(position: Position | null): Promise<boolean> {
    const after = position ?? { commit: 0n, prepare: 0n };
    const rows = await this.sql.query(
      UNSETTLED_AFTER,
      [after.commit.toString(), after.prepare.toString()],
    );
    return rows.length > 0;
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    this.appended.notify();
  }

  private async revisionOf(streamId: string): Promise<number | 'no_stream'> {
    const rows = await this.sql.query<{ revision: string | null }>(STREAM_REVISION, [streamId]);
    return rows[0]?.revision == null ? 'no_stream' : Number(rows[0].revision);
  }

  /**
   * Wakes local subscribers at once and other processes by NOTIFY. NOTIFY runs after the append
   * committed and outside its transaction (NOTIFY inside would serialise every commit on the
   * notification queue lock); concurrent appends share one NOTIFY in flight.
   */
  private announce(): void {
    this.appended.notify();
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    this.notifications
      .notify(EVENTS_CHANNEL, this.announcer)
      .catch((error: Error) => this.onBackgroundError(error))
      .finally(() => {
        this.announcing = false;
        if (this.announceAgain) {
          this.announceAgain = false;
          this.announce();
        }
      });
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    createdAt: row.created_at,
  };
}

/** The stream's last event written: the revision to expect next, and the position to wait for. */
function resultOf(rows: readonly InsertedRow[]): AppendResult {
  const last = rows.reduce((a, b) => (BigInt(a.prepare) > BigInt(b.prepare) ? a : b));
  return { nextExpectedRevision: Number(last.revision), position: { commit: BigInt(last.commit), prepare: BigInt(last.prepare) } };
}
