import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { comparePositions, type Position } from '../event-store/position';
import { testEvent, uniqueStream } from './event-factory';
import { eventually } from './eventually';

export interface EventStoreUnderTest {
  store: EventStore;
  /** A new store instance over the same log, as after a process restart. */
  reopen(): Promise<EventStore>;
  dispose(): Promise<void>;
}

/** The behaviour every event store adapter must have. Call inside a describe block. */
export function eventStoreContract(open: () => Promise<EventStoreUnderTest>): void {
  let subject: EventStoreUnderTest;
  let store: EventStore;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => subject?.dispose());

  describe('append and read a stream', () => {
    it('appends to a new stream and reads back type, data, metadata and ids in order', async () => {
      const stream = uniqueStream();
      const events = [testEvent('ThingCreated', { name: 'a', n: 1 }), testEvent('ThingRenamed', { name: 'b' })];
      const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.id, e.type, e.data, e.revision, e.streamId])).toEqual([
        [events[0].id, 'ThingCreated', { name: 'a', n: 1 }, 0, stream],
        [events[1].id, 'ThingRenamed', { name: 'b' }, 1, stream],
      ]);
      expect(read[0].metadata).toEqual(events[0].metadata);
      expect(read[1].createdAt).toBeInstanceOf(Date);
      expect(comparePositions(read[1].position, result.position)).toBe(0);
    });

    it('reads from a revision and at most a count', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [1, 2, 3, 4].map((n) => testEvent('Counted', { n })), { expectedRevision: 'no_stream' });
      const read = await store.readStream(stream, { fromRevision: 1, maxCount: 2 });
      expect(read.map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
    });

    it('reports a stream that does not exist', async () => {
      await expect(store.readStream(uniqueStream())).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('expected revision', () => {
    it('refuses no_stream when the stream exists, and writes nothing', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [testEvent('A')], { expectedRevision: 'no_stream' });
      const error = await store.appendToStream(stream, [testEvent('B')], { expectedRevision: 'no_stream' }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error.actual).toBe(0);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
    });

    it('appends at the exact revision and refuses a stale one', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [testEvent('A'), testEvent('B')], { expectedRevision: 'no_stream' });
      const ok = await store.appendToStream(stream, [testEvent('C')], { expectedRevision: 1 });
      expect(ok.nextExpectedRevision).toBe(2);
      const error = await store.appendToStream(stream, [testEvent('D')], { expectedRevision: 1 }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 1, actual: 2 });
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('refuses an exact revision or stream_exists on a missing stream', async () => {
      const stream = uniqueStream();
      await expect(store.appendToStream(stream, [testEvent('A')], { expectedRevision: 0 })).rejects.toMatchObject({ actual: 'no_stream' });
      await expect(store.appendToStream(stream, [testEvent('A')], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('appends with any whether or not the stream exists', async () => {
      const stream = uniqueStream();
      expect((await store.appendToStream(stream, [testEvent('A')], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
      expect((await store.appendToStream(stream, [testEvent('B'), testEvent('C')], { expectedRevision: 'any' })).nextExpectedRevision).toBe(2);
    });

    it('checks the expectation of an empty append and writes nothing', async () => {
      const stream = uniqueStream();
      expect((await store.appendToStream(stream, [], { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(-1);
      await store.appendToStream(stream, [testEvent('A')], { expectedRevision: 'no_stream' });
      expect((await store.appendToStream(stream, [], { expectedRevision: 0 })).nextExpectedRevision).toBe(0);
      await expect(store.appendToStream(stream, [], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('lets exactly one of several concurrent writers at one revision win', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [testEvent('A')], { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => store.appendToStream(stream, [testEvent('Raced', { i })], { expectedRevision: 0 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('global order', () => {
    it('reads all events in append order, after a position, at most a count', async () => {
      const start = await store.headPosition();
      const a = uniqueStream();
      const b = uniqueStream();
      await store.appendToStream(a, [testEvent('One')], { expectedRevision: 'no_stream' });
      await store.appendToStream(b, [testEvent('Two'), testEvent('Three')], { expectedRevision: 'no_stream' });
      await store.appendToStream(a, [testEvent('Four')], { expectedRevision: 0 });
      const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === a || e.streamId === b);
      const all = ours(await readUntil(store, start, (events) => ours(events).length >= 4));
      expect(all.map((e) => `${e.type}@${e.streamId === a ? 'a' : 'b'}`)).toEqual(['One@a', 'Two@b', 'Three@b', 'Four@a']);
      assertStrictlyIncreasing(all);
      // Read again until seen: on PostgreSQL a transaction that ends while a read runs may hold
      // that one read back (ADR 001); what every read must give stays asserted.
      const rest = ours(await readUntil(store, all[1].position, (events) => events.length > 0, 1));
      expect(rest.map((e) => e.type)).toEqual(['Three']);
      expect(await eventually(async () => comparePositions((await store.headPosition())!, all[3].position), (order) => order === 0)).toBe(0);
      // Every append that has returned is at or before the last position, at once.
      expect(comparePositions((await store.lastPosition())!, all[3].position)).toBe(0);
      expect(await eventually(() => store.countAfter(all[1].position), (count) => count === 2)).toBe(2);
    });

    it('subscribes from a position and receives later appends', async () => {
      const from = await store.headPosition();
      const stream = uniqueStream();
      await store.appendToStream(stream, [testEvent('Before')], { expectedRevision: 'no_stream' });
      const subscription = store.subscribeToAll({ after: from, batchSize: 2 });
      const received: RecordedEvent[] = [];
      const done = (async () => {
        for await (const batch of subscription) {
          received.push(...batch.filter((e) => e.streamId === stream));
          if (received.length >= 4) break;
        }
      })();
      await store.appendToStream(stream, [testEvent('After1'), testEvent('After2')], { expectedRevision: 0 });
      await store.appendToStream(stream, [testEvent('After3')], { expectedRevision: 2 });
      await withTimeout(done, 10_000);
      await subscription.close();
      expect(received.map((e) => e.type)).toEqual(['Before', 'After1', 'After2', 'After3']);
    });

    it('resumes after a restart from a saved position without gaps or repeats', async () => {
      const stream = uniqueStream();
      await store.appendToStream(stream, [testEvent('E1'), testEvent('E2')], { expectedRevision: 'no_stream' });
      const firstRun = await readUntil(store, null, (events) => events.some((e) => e.streamId === stream && e.type === 'E2'));
      const saved: Position = firstRun.find((e) => e.streamId === stream && e.type === 'E1')!.position;
      const reopened = await subject.reopen();
      await reopened.appendToStream(stream, [testEvent('E3')], { expectedRevision: 1 });
      const subscription = reopened.subscribeToAll({ after: saved });
      const received: string[] = [];
      for await (const batch of subscription) {
        received.push(...batch.filter((e) => e.streamId === stream).map((e) => e.type));
        if (received.length >= 2) break;
      }
      await subscription.close();
      expect(received).toEqual(['E2', 'E3']);
      if (reopened !== store) await reopened.close();
    });
  });
}

/**
 * Reads the global order until `done` holds. An append is readable in the global order once every
 * older transaction has ended (on PostgreSQL: in the whole cluster), which can take a moment.
 */
function readUntil(store: EventStore, after: Position | null, done: (events: RecordedEvent[]) => boolean, maxCount = 100_000): Promise<RecordedEvent[]> {
  return eventually(() => store.readAll({ after, maxCount }), done);
}

function assertStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(comparePositions(events[i - 1].position, events[i].position)).toBe(-1);
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]);
}
