import { createTestDatabase, describeOnEachDatabase, eventStoreContract, openTestEventStore, recordingStatements, testEvent, uniqueStream, withTimeout, type TestEventStore } from '../../testing';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { comparePositions } from '../position';
import { EVENTS_CHANNEL, PostgresEventStore } from './postgres-event-store';
import { READ_ALL_AFTER } from './read-statements';

describeOnEachDatabase(
  (kind) => `event store contract on ${kind}`,
  (kind) => {
    eventStoreContract(async () => {
      const test = await createTestDatabase({}, kind);
      const open = () => PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
      const store = await open();
      const reopened: PostgresEventStore[] = [];
      return {
        store,
        reopen: async () => {
          const next = await open();
          reopened.push(next);
          return next;
        },
        dispose: async () => {
          await store.close();
          for (const r of reopened) await r.close();
          await test.dispose();
        },
      };
    });
  },
);

describeOnEachDatabase(
  (kind) => `appendToStreams on ${kind} (several streams, all or nothing)`,
  (kind) => {
    let opened: TestEventStore;
    let store: PostgresEventStore;
    beforeAll(async () => {
      opened = await openTestEventStore(kind);
      store = opened.store;
    });
    afterAll(() => opened.dispose());

    const countOf = async (streamId: string) => (await store.readStream(streamId).catch(() => [])).length;

    it('writes every stream at its expected revision, in the order given', async () => {
      const [fresh, existing] = [uniqueStream(), uniqueStream()];
      await store.appendToStream(existing, [testEvent('First')], { expectedRevision: 'no_stream' });
      const results = await store.appendToStreams([
        { streamId: fresh, events: [testEvent('A1'), testEvent('A2')], expectedRevision: 'no_stream' },
        { streamId: existing, events: [testEvent('B1')], expectedRevision: 0 },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1, 1]);
      expect(comparePositions(results[0].position, results[1].position)).toBeLessThan(0);
      expect((await store.readStream(fresh)).map((e) => [e.type, e.revision])).toEqual([
        ['A1', 0],
        ['A2', 1],
      ]);
      const existingEvents = await store.readStream(existing);
      expect(existingEvents.map((e) => e.type)).toEqual(['First', 'B1']);
      // In the global order as given: A1, A2, then B1 (read by stream: other tests' open transactions may hold readAll back).
      const [a1, a2] = await store.readStream(fresh);
      expect([comparePositions(a1.position, a2.position), comparePositions(a2.position, existingEvents[1].position)]).toEqual([-1, -1]);
      expect(existingEvents[1].position).toEqual(results[1].position);
    });

    it("keeps each event's id, type, data and metadata exactly as given", async () => {
      const [first, second] = [uniqueStream(), uniqueStream()];
      // What a JSON text must escape, and what it need not: quotes, backslashes, control and non-ASCII characters.
      const awkward = { text: 'a "quoted" \\ back\\slash, {braces}, a tab\t and a newline\n, é, 東京, 🙂', nested: { list: [1, 2.5, -0.001, null, true, ['x']], empty: {} } };
      const events = [testEvent('A1', awkward, { actorId: 'actor "with" quotes' }), testEvent('A2', ['array', 'data']), testEvent('B1', 'a string', { correlationId: 'c\\d' })];
      await store.appendToStreams([
        { streamId: first, events: events.slice(0, 2), expectedRevision: 'no_stream' },
        { streamId: second, events: events.slice(2), expectedRevision: 'no_stream' },
      ]);
      const stored = [...(await store.readStream(first)), ...(await store.readStream(second))];
      expect(stored.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }))).toEqual(events);
    });

    it.each([
      ['a stream already past its expected revision', 0, 2],
      ['a stream behind its expected revision', 5, 1],
      ['a stream expected not to exist', 'no_stream' as const, 1],
    ])('refuses everything when one stream is off: %s', async (_case, expectedRevision, existingEvents) => {
      const [fresh, contested] = [uniqueStream(), uniqueStream()];
      await store.appendToStream(contested, Array.from({ length: existingEvents }, () => testEvent('Earlier')), { expectedRevision: 'no_stream' });
      await expect(
        store.appendToStreams([
          { streamId: fresh, events: [testEvent('Never')], expectedRevision: 'no_stream' },
          { streamId: contested, events: [testEvent('Never')], expectedRevision },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect([await countOf(fresh), await countOf(contested)]).toEqual([0, existingEvents]);
    });
  },
);

describeOnEachDatabase(
  (kind) => `announcements of appends on ${kind}`,
  (kind) => {
    it("wake another store's subscribers, and the appending store's only once", async () => {
      const test = await createTestDatabase({}, kind);
      // Each store's statements are recorded: its reads of the log's tail are counted.
      const tailReads = (recorded: { statements: string[] }) => recorded.statements.filter((text) => text === READ_ALL_AFTER).length;
      const [writer, other] = [recordingStatements(test.database.sql), recordingStatements(test.database.sql)];
      const writing = await PostgresEventStore.open({ sql: writer, notifications: test.database.notifications });
      const elsewhere = await PostgresEventStore.open({ sql: other, notifications: test.database.notifications });
      try {
        const start = await writing.headPosition();
        // Subscribers that keep going after the event, as a projection does.
        const subscriptions = [writing, elsewhere].map((store) => store.subscribeToAll({ after: start }));
        const recorders = [writer, other];
        const received = subscriptions.map((subscription, i) => {
          let announced!: (readsSoFar: number) => void;
          const arrived = new Promise<number>((resolve) => (announced = resolve));
          const running = (async () => {
            for await (const batch of subscription) if (batch.some((e) => e.type === 'Announced')) announced(tailReads(recorders[i]));
          })();
          return { arrived, running };
        });
        // Both have read the log once and sleep (the re-checks of a listener that has just connected are over).
        while (recorders.some((c) => tailReads(c) === 0)) await new Promise((resolve) => setTimeout(resolve, 10));
        await test.database.notifications.joined();
        await new Promise((resolve) => setTimeout(resolve, 200));
        // The announcement as the stores hear it, on the connection they listen on.
        let heard!: () => void;
        const announcementHeard = new Promise<void>((resolve) => (heard = resolve));
        const unlisten = await test.database.notifications.listen(EVENTS_CHANNEL, () => heard());
        await writing.appendToStream(uniqueStream('announced'), [testEvent('Announced')], { expectedRevision: 'no_stream' });
        const readsOnArrival = await withTimeout(Promise.all(received.map((r) => r.arrived)), 10_000);
        // The append's own NOTIFY has come back to the writer, and a read it caused would have begun.
        await withTimeout(announcementHeard, 10_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await unlisten();
        expect(recorders.map(tailReads)).toEqual(readsOnArrival);
        for (const subscription of subscriptions) await subscription.close();
        await Promise.all(received.map((r) => r.running));
      } finally {
        await writing.close();
        await elsewhere.close();
        await test.dispose();
      }
    });
  },
);
