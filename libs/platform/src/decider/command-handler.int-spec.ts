import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { counterDecider as counter, type Deposit, type Deposited } from '../testing/counter-decider';
import { testMetadata, uniqueStream } from '../testing/event-factory';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { handleCommand } from './command-handler';
import { KeyedMutex } from './keyed-mutex';
import { StreamStateCache } from './stream-state-cache';
import type { Decider } from './decider';

describe('handleCommand (read, fold, decide, append with expected revision)', () => {
  let test: TestDatabase;
  let store: EventStore;
  const metadata = () => testMetadata();

  beforeAll(async () => {
    test = await createTestDatabase({ poolSize: 12 });
    store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
  });
  afterAll(async () => {
    await store.close();
    await test.dispose();
  });

  it('starts a stream with no_stream, then appends at the revision it read', async () => {
    const stream = uniqueStream('counter');
    const appended: unknown[] = [];
    const first = await handleCommand(store, stream, counter, { amount: 5, limit: 100 }, { metadata, onAppended: (p) => appended.push(p) });
    const second = await handleCommand(store, stream, counter, { amount: 7, limit: 100 }, { metadata });
    expect([first.revision, second.revision]).toEqual([0, 1]);
    expect(second.state).toEqual({ total: 12 });
    expect(appended).toEqual([first.position]);
  });

  it('appends nothing when the decision is empty', async () => {
    const stream = uniqueStream('counter');
    const outcome = await handleCommand(store, stream, counter, { amount: 0, limit: 100 }, { metadata });
    expect(outcome).toMatchObject({ events: [], revision: -1, position: undefined });
  });

  it('re-decides on fresh history after losing a race, so no update is lost and rules hold', async () => {
    const stream = uniqueStream('counter');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => handleCommand(store, stream, counter, { amount: 10, limit: 70 }, { metadata, maxRetries: 20 })),
    );
    const events = await store.readStream(stream);
    expect(events).toHaveLength(7);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect(r.reason.message).toBe('over the limit');
  });

  it('gives up after the bounded number of retries with the concurrency error', async () => {
    const stream = uniqueStream('counter');
    await handleCommand(store, stream, counter, { amount: 1, limit: 100 }, { metadata });
    // Another writer gets in first before every attempt: each append really loses the race.
    let attempts = 0;
    const contended: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        attempts++;
        await store.appendToStream(stream, [{ ...args[1][0], id: randomUUID() }], { expectedRevision: 'any' });
        return store.appendToStream(...args);
      },
    });
    await expect(handleCommand(contended, stream, counter, { amount: 1, limit: 100 }, { metadata, maxRetries: 3 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(attempts).toBe(4);
  });

  describe('with a stream state cache', () => {
    /** The real store, counting the events each read returns. */
    const counting = (inner: EventStore) => {
      const reads: number[] = [];
      const wrapped = Object.create(inner) as EventStore;
      wrapped.readStream = async (streamId, options) => {
        const events = await inner.readStream(streamId, options);
        reads.push(events.length);
        return events;
      };
      return { store: wrapped, reads };
    };

    it('decides on the cached state without a read; after another writer, reads just the newer events', async () => {
      const stream = uniqueStream('counter');
      const cache = new StreamStateCache();
      const { store: watched, reads } = counting(store);
      for (let i = 0; i < 5; i++) await handleCommand(watched, stream, counter, { amount: 1, limit: 100 }, { metadata, stateCache: cache });
      // The first command found no stream (that read throws); the later ones read nothing at all.
      expect(reads).toEqual([]);
      // Another writer (no cache) moves the stream on: the cached writer's append at its revision
      // fails, and it reads just that event and decides again.
      await handleCommand(store, stream, counter, { amount: 10, limit: 100 }, { metadata });
      const outcome = await handleCommand(watched, stream, counter, { amount: 1, limit: 100 }, { metadata, stateCache: cache });
      expect(reads).toEqual([1]);
      expect(outcome.state).toEqual({ total: 16 });
      expect(outcome.revision).toBe(6);
      const full = await handleCommand(store, stream, counter, { amount: 0, limit: 100 }, { metadata });
      expect(full.state).toEqual(outcome.state);
    });

    it('a command refused on a cached state that is out of date is decided again on the history', async () => {
      const stream = uniqueStream('counter');
      const cache = new StreamStateCache();
      await handleCommand(store, stream, counter, { amount: 60, limit: 100 }, { metadata, stateCache: cache });
      await handleCommand(store, stream, counter, { amount: -50, limit: 100 }, { metadata }); // another writer
      // On the cached total (60) this is over the limit; on the real one (10) it is not.
      const outcome = await handleCommand(store, stream, counter, { amount: 45, limit: 100 }, { metadata, stateCache: cache });
      expect(outcome.state).toEqual({ total: 55 });
      expect(outcome.revision).toBe(2);
    });

    it('a command that changes nothing on a cached state is decided again on the history', async () => {
      const zeroIsNoop: Decider<{ total: number }, Deposit, Deposited> = {
        ...counter,
        decide: (command, state) => (state.total === command.limit ? [] : [{ type: 'Deposited', data: { amount: command.limit - state.total } }]),
      };
      const stream = uniqueStream('counter');
      const cache = new StreamStateCache();
      await handleCommand(store, stream, zeroIsNoop, { amount: 0, limit: 30 }, { metadata, stateCache: cache });
      await handleCommand(store, stream, counter, { amount: 5, limit: 100 }, { metadata }); // another writer
      // "Bring it to 30": nothing to do on the cached 30; on the real 35 it takes five off.
      const outcome = await handleCommand(store, stream, zeroIsNoop, { amount: 0, limit: 30 }, { metadata, stateCache: cache });
      expect(outcome.events).toEqual([{ type: 'Deposited', data: { amount: -5 } }]);
      expect(outcome.state).toEqual({ total: 30 });
    });

    it('a stream expected to be new is started without a read, and one that exists is read after all', async () => {
      const { store: watched, reads } = counting(store);
      const fresh = uniqueStream('counter');
      const started = await handleCommand(watched, fresh, counter, { amount: 3, limit: 100 }, { metadata, expectNew: true });
      expect(started).toMatchObject({ revision: 0, state: { total: 3 } });
      expect(reads).toEqual([]);
      const existing = uniqueStream('counter');
      await handleCommand(store, existing, counter, { amount: 90, limit: 100 }, { metadata });
      await expect(handleCommand(watched, existing, counter, { amount: 20, limit: 100 }, { metadata, expectNew: true })).rejects.toThrow('over the limit');
      expect(reads).toEqual([1]);
    });

    it('a refused command leaves the cached state as it was', async () => {
      const stream = uniqueStream('counter');
      const cache = new StreamStateCache();
      await handleCommand(store, stream, counter, { amount: 60, limit: 100 }, { metadata, stateCache: cache });
      await expect(handleCommand(store, stream, counter, { amount: 50, limit: 100 }, { metadata, stateCache: cache })).rejects.toThrow('over the limit');
      const next = await handleCommand(store, stream, counter, { amount: 40, limit: 100 }, { metadata, stateCache: cache });
      expect(next.state).toEqual({ total: 100 });
    });

    it('queued per stream by a keyed mutex, concurrent commands of one process never collide', async () => {
      const stream = uniqueStream('counter');
      const cache = new StreamStateCache();
      const mutex = new KeyedMutex();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => mutex.run(stream, () => handleCommand(store, stream, counter, { amount: 1, limit: 100 }, { metadata, stateCache: cache, maxRetries: 0 }))),
      );
      expect(outcomes.map((o) => o.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect((await store.readStream(stream)).length).toBe(20);
    });
  });
});
