import { createTestDatabase, describeOnEachDatabase, recordingStatements, testEvent, uniqueStream, type TestDatabase } from '../../testing';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { comparePositions } from '../position';
import { APPEND_TO_STREAMS } from './append-statements';
import { PostgresEventStore } from './postgres-event-store';

/** The streams of every append statement a recorded store sent, in order. */
const appendsOf = (recorded: ReturnType<typeof recordingStatements>): string[][] =>
  recorded.statements.flatMap((text, i) => (text === APPEND_TO_STREAMS ? [recorded.parameters[i]![0] as string[]] : []));

describeOnEachDatabase(
  (kind) => `concurrent appends on ${kind} (group commit)`,
  (kind) => {
    let test: TestDatabase;
    let recorded: ReturnType<typeof recordingStatements>;
    let store: PostgresEventStore;
    /** A store of another process on the same database. */
    let elsewhere: PostgresEventStore;
    beforeAll(async () => {
      test = await createTestDatabase({}, kind);
      recorded = recordingStatements(test.database.sql);
      store = await PostgresEventStore.open({ sql: recorded, notifications: test.database.notifications });
      elsewhere = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
    });
    afterAll(async () => {
      await store.close();
      await elsewhere.close();
      await test.dispose();
    });

    it('writes the appends asked for while one is in flight in one transaction, each caller getting its own revisions and positions', async () => {
      const streams = Array.from({ length: 12 }, () => uniqueStream('together'));
      const sentBefore = appendsOf(recorded).length;
      const results: AppendResult[] = await Promise.all(
        streams.map((streamId, i) =>
          i % 2 === 0
            ? store.appendToStream(streamId, [testEvent('One'), testEvent('Two')], { expectedRevision: 'no_stream' })
            : store.appendToStreams([{ streamId, events: [testEvent('One'), testEvent('Two')], expectedRevision: 'no_stream' }]).then(([result]) => result),
        ),
      );
      // The first went alone; the other eleven waited for it and went together.
      expect(appendsOf(recorded).slice(sentBefore)).toEqual([streams.slice(0, 1), streams.slice(1)]);
      expect(new Set(results.slice(1).map((r) => r.position.commit)).size).toBe(1);
      for (const [i, streamId] of streams.entries()) {
        const events = await store.readStream(streamId);
        expect(events.map((e) => [e.type, e.revision])).toEqual([
          ['One', 0],
          ['Two', 1],
        ]);
        expect(results[i].nextExpectedRevision).toBe(1);
        expect(comparePositions(results[i].position, events[1].position)).toBe(0);
      }
    });

    it.each([
      ['past its expected revision (the revision is taken)', 0],
      ['behind its expected revision', 5],
    ])('refuses only the caller whose stream is %s; the others of its statement are written', async (_, expectedRevision) => {
      const contested = uniqueStream('contested');
      await store.appendToStream(contested, [testEvent('First')], { expectedRevision: 'no_stream' });
      // Another process writes revision 1 first.
      await elsewhere.appendToStream(contested, [testEvent('Theirs')], { expectedRevision: 0 });
      const [ahead, mine, alsoMine] = [uniqueStream('ahead'), uniqueStream('mine'), uniqueStream('also-mine')];
      const sentBefore = appendsOf(recorded).length;
      const outcomes = await Promise.allSettled([
        store.appendToStream(ahead, [testEvent('Ahead')], { expectedRevision: 'no_stream' }),
        store.appendToStream(mine, [testEvent('Mine')], { expectedRevision: 'no_stream' }),
        store.appendToStream(contested, [testEvent('Late')], { expectedRevision }),
        store.appendToStreams([{ streamId: alsoMine, events: [testEvent('AlsoMine')], expectedRevision: 'no_stream' }]),
      ]);
      // The three went together, were refused together, and then each alone.
      expect(appendsOf(recorded).slice(sentBefore)).toEqual([[ahead], [mine, contested, alsoMine], [mine], [contested], [alsoMine]]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const refusal = (outcomes[2] as PromiseRejectedResult).reason as WrongExpectedRevisionError;
      expect(refusal).toBeInstanceOf(WrongExpectedRevisionError);
      expect(refusal.actual).toBe(1);
      expect((await store.readStream(contested)).map((e) => e.type)).toEqual(['First', 'Theirs']);
      for (const [streamId, type] of [
        [mine, 'Mine'],
        [alsoMine, 'AlsoMine'],
      ]) {
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual([type]);
      }
    });
  },
);
