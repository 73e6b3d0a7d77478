import { Client } from 'pg';
import { createTestDatabase, describeOnEachDatabase, testEvent, testServerUrl, eventually, uniqueStream, untilLogSettled, withTimeout, type TestDatabase } from '../../testing';
import type { RecordedEvent } from '../event-store.port';
import { comparePositions, hasReached, type Position } from '../position';
import { APPEND_TO_STREAMS } from './append-statements';
import { PostgresEventStore } from './postgres-event-store';

const WRITERS = 8;
const APPENDS_PER_WRITER = 500;

describeOnEachDatabase(
  (kind) => `global order under concurrent writers on ${kind}`,
  (kind) => {
    let test: TestDatabase;
    let store: PostgresEventStore;

    beforeAll(async () => {
      test = await createTestDatabase({ poolSize: WRITERS + 2 }, kind);
      store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
    });
    afterAll(async () => {
      await store.close();
      await test.dispose();
    });

    it(`delivers ${WRITERS} x ${APPENDS_PER_WRITER} appends to a tailing subscriber exactly once, in order, without gaps`, async () => {
      const total = WRITERS * APPENDS_PER_WRITER;
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: null, batchSize: 137 });
      const tail = (async () => {
        for await (const batch of subscription) {
          received.push(...batch);
          if (received.length >= total) break;
        }
      })();

      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          const stream = uniqueStream('writer');
          for (let i = 0; i < APPENDS_PER_WRITER; i++) {
            await store.appendToStream(stream, [testEvent('Appended', { writer, i })], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
          }
        }),
      );
      await withTimeout(tail, 60_000);
      await subscription.close();

      const log = await store.readAll({ after: null, maxCount: total + 1 });
      expect(log).toHaveLength(total);
      expect(received).toHaveLength(total);
      expect(new Set(received.map((e) => e.id)).size).toBe(total);
      expect(received.map((e) => e.id)).toEqual(log.map((e) => e.id));
      for (let i = 1; i < received.length; i++) expect(comparePositions(received[i - 1].position, received[i].position)).toBe(-1);
      // Each writer's events arrive in its own order, none missing.
      const perWriter = new Map<number, number[]>();
      for (const event of received) {
        const { writer, i } = event.data as { writer: number; i: number };
        perWriter.set(writer, [...(perWriter.get(writer) ?? []), i]);
      }
      for (const sequence of perWriter.values()) expect(sequence).toEqual(Array.from({ length: APPENDS_PER_WRITER }, (_, i) => i));
      // 4,000 appends take seconds on a quiet machine, many more on a loaded one.
    }, 180_000);
  },
);

const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('an event that commits late on postgres', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let slowWriter: Client;

  beforeAll(async () => {
    test = await createTestDatabase({}, 'postgres');
    store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
    slowWriter = new Client({ connectionString: test.url });
    await slowWriter.connect();
  });
  afterAll(async () => {
    await slowWriter.end();
    await store.close();
    await test.dispose();
  });

  it('is neither skipped nor overtaken by a reader of the global order', async () => {
    const start = await store.headPosition();
    const slowStream = uniqueStream('slow');
    // The slow transaction takes its place in the log first but commits last.
    await slowWriter.query('BEGIN');
    const slow = testEvent('Slow');
    await slowWriter.query(APPEND_TO_STREAMS, [[slowStream], [-1], JSON.stringify([{ stream_id: slowStream, revision: 0, id: slow.id, type: slow.type, data: {}, metadata: slow.metadata }])]);
    const fast = await store.appendToStream(uniqueStream('fast'), [testEvent('Fast')], { expectedRevision: 'no_stream' });

    // While the slow one is open, the fast one is not readable yet: reading it now would mean skipping the slow one later.
    expect(await store.readAll({ after: start, maxCount: 10 })).toEqual([]);
    // The head is what is readable; the last position is the fast append's, which has returned.
    expect(hasReached(await store.headPosition(), fast.position)).toBe(false);
    expect(comparePositions((await store.lastPosition())!, fast.position)).toBe(0);

    const subscription = store.subscribeToAll({ after: start });
    const received: string[] = [];
    const tail = (async () => {
      for await (const batch of subscription) {
        received.push(...batch.map((e) => e.type));
        if (received.length >= 2) break;
      }
    })();
    await slowWriter.query('COMMIT');
    await withTimeout(tail, 10_000);
    await subscription.close();

    expect(received).toEqual(['Slow', 'Fast']);
    const all = await store.readAll({ after: start, maxCount: 10 });
    expect(all.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    expect(comparePositions(all[1].position, fast.position)).toBe(0);
  });
});

describePostgres('a transaction running in another database on postgres', () => {
  let test: TestDatabase;
  let other: TestDatabase;
  let store: PostgresEventStore;
  let elsewhere: Client;

  beforeAll(async () => {
    test = await createTestDatabase({}, 'postgres');
    other = await createTestDatabase({}, 'postgres');
    store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
    elsewhere = new Client({ connectionString: other.url });
    await elsewhere.connect();
  });
  afterAll(async () => {
    await elsewhere.query('ROLLBACK').catch(() => undefined);
    await elsewhere.end();
    await store.close();
    await test.dispose();
    await other.dispose();
  });

  /** The types of the events after `after`, read again until they are `expected` (10 s at most). */
  const typesAfter = (after: Position | null, expected: string[]) =>
    eventually(async () => (await store.readAll({ after, maxCount: 10 })).map((e) => e.type), (types) => types.join() === expected.join());

  it('does not hold back the readers of this log, while one in this database does', async () => {
    const start = await store.headPosition();
    // A write transaction of another database on the same server: it can never write this log.
    await elsewhere.query('BEGIN');
    await elsewhere.query('SELECT pg_current_xact_id()');
    const first = await store.appendToStream(uniqueStream('first'), [testEvent('First')], { expectedRevision: 'no_stream' });

    // Read until seen (a transaction of any database that ends while a read runs may hold that one
    // read back): with `elsewhere` open throughout, readers it held back would never get there.
    expect(await typesAfter(start, ['First'])).toEqual(['First']);
    await untilLogSettled(store, first.position, 10_000);
    const subscription = store.subscribeToAll({ after: start });
    const iterator = subscription[Symbol.asyncIterator]();
    const delivered = await withTimeout(iterator.next(), 5_000);
    await subscription.close();
    expect((delivered.value as RecordedEvent[]).map((e) => e.type)).toEqual(['First']);

    // The same kind of transaction in this database still holds them back: it might be an append.
    const here = new Client({ connectionString: test.url });
    await here.connect();
    try {
      await here.query('BEGIN');
      await here.query('SELECT pg_current_xact_id()');
      await store.appendToStream(uniqueStream('second'), [testEvent('Second')], { expectedRevision: 'no_stream' });
      expect((await store.readAll({ after: first.position, maxCount: 10 })).map((e) => e.type)).toEqual([]);
      await here.query('COMMIT');
      expect(await typesAfter(first.position, ['Second'])).toEqual(['Second']);
    } finally {
      await here.end();
    }
    await elsewhere.query('COMMIT');
  });
});
