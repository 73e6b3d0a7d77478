import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PersonalDataVault, PostgresEventStore } from '@app/platform';
import { countHeld, createTestDatabase, eventually, testEvent, testServerUrl, uniqueStream, type TestDatabase } from '@app/platform/testing';
import type { ShownEntry } from './open-entries';
import { eventLogTimeline, type TimelineProgress } from './event-log-timeline';

const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('the audit replay of the event log (PostgreSQL)', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let slowWriter: Client;

  beforeEach(async () => {
    test = await createTestDatabase({}, 'postgres');
    store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
    vault = await PersonalDataVault.open(test.database.sql);
    slowWriter = new Client({ connectionString: test.url });
    await slowWriter.connect();
  });
  afterEach(async () => {
    await slowWriter.end();
    await store.close();
    await test.dispose();
  });

  /** An append left open (on `writer`, the slow writer by default): it takes its place in the global order now and commits when told. */
  async function openAppend(type: string, writer = slowWriter): Promise<() => Promise<void>> {
    const event = testEvent(type);
    await writer.query('BEGIN');
    await writer.query('INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ($1, 0, $2, $3, $4, $5)', [
      uniqueStream('slow'),
      randomUUID(),
      event.type,
      '{}',
      JSON.stringify(event.metadata),
    ]);
    return async () => void (await writer.query('COMMIT'));
  }

  const typesOf = async (replay: AsyncGenerator<ShownEntry[]>) => {
    const types: string[] = [];
    for await (const batch of replay) types.push(...batch.map((entry) => entry.type));
    return types;
  };

  it('includes every event committed before it started, waiting for those an older open append holds back', async () => {
    await store.appendToStream(uniqueStream('early'), [testEvent('Early')], { expectedRevision: 'no_stream' });
    const commitSlow = await openAppend('Slow');
    await store.appendToStream(uniqueStream('answered'), [testEvent('Answered')], { expectedRevision: 'no_stream' });
    // The answered append is committed but not readable: the slow one before it is still open.
    const replay = typesOf(eventLogTimeline(store, vault, {}, { batchSize: 2 }));
    setTimeout(() => void commitSlow(), 300);
    expect(await replay).toEqual(['Early', 'Slow', 'Answered']);
  });

  it('counts its bound from each wait, so a replay that has run longer than the bound still waits', async () => {
    await store.appendToStream(uniqueStream('early'), [testEvent('Early')], { expectedRevision: 'no_stream' });
    const commitSlow = await openAppend('Slow');
    await store.appendToStream(uniqueStream('answered'), [testEvent('Answered')], { expectedRevision: 'no_stream' });
    const replay = eventLogTimeline(store, vault, {}, { batchSize: 1, settleTimeoutMs: 300 });
    const first = await replay.next();
    // The reader takes longer than the bound over the first batch before asking for the next.
    await new Promise((resolve) => setTimeout(resolve, 400));
    setTimeout(() => void commitSlow(), 150);
    const rest = await typesOf(replay);
    expect([...(first.value as ShownEntry[]).map((entry) => entry.type), ...rest]).toEqual(['Early', 'Slow', 'Answered']);
  });

  it('starts its bound afresh at each wait, however long the waits before it', async () => {
    const secondWriter = new Client({ connectionString: test.url });
    await secondWriter.connect();
    try {
      const commitFirst = await openAppend('FirstSlow');
      await store.appendToStream(uniqueStream('between'), [testEvent('Between')], { expectedRevision: 'no_stream' });
      const commitSecond = await openAppend('SecondSlow', secondWriter);
      await store.appendToStream(uniqueStream('answered'), [testEvent('Answered')], { expectedRevision: 'no_stream' });
      // Two waits of about 200 ms each: together past the bound, each within it.
      const replay = typesOf(eventLogTimeline(store, vault, {}, { settleTimeoutMs: 300 }));
      setTimeout(() => void commitFirst().then(() => setTimeout(() => void commitSecond(), 200)), 200);
      expect(await replay).toEqual(['FirstSlow', 'Between', 'SecondSlow', 'Answered']);
    } finally {
      await secondWriter.end();
    }
  });

  it('ends, past its bound, at what is readable when an older append stays open', async () => {
    await store.appendToStream(uniqueStream('early'), [testEvent('Early')], { expectedRevision: 'no_stream' });
    const commitSlow = await openAppend('Slow');
    await store.appendToStream(uniqueStream('answered'), [testEvent('Answered')], { expectedRevision: 'no_stream' });
    const started = Date.now();
    expect(await typesOf(eventLogTimeline(store, vault, {}, { settleTimeoutMs: 200 }))).toEqual(['Early']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await commitSlow();
  });

  it('replays without waiting for the log to be counted, and shows the count once it has come', async () => {
    for (const type of ['One', 'Two', 'Three']) await store.appendToStream(uniqueStream('counted'), [testEvent(type)], { expectedRevision: 'no_stream' });
    const held = countHeld(store);
    const progress: TimelineProgress[] = [];
    const onProgress = (report: TimelineProgress) => {
      progress.push(report);
      held.log.push(`progress ${report.events}`);
      held.answer();
    };

    const replay = eventLogTimeline(held.store, vault, {}, { batchSize: 1, onProgress });
    const first = await replay.next();
    // The count, let through by the first batch's progress, comes before the rest is read.
    await eventually(() => held.log.includes('counted'), (counted) => counted, 20_000, 5);
    const rest = await typesOf(replay);

    expect([...(first.value as ShownEntry[]).map((entry) => entry.type), ...rest]).toEqual(['One', 'Two', 'Three']);
    expect(progress).toEqual([
      { events: 1, total: undefined, matched: 1 },
      { events: 2, total: 3, matched: 2 },
      { events: 3, total: 3, matched: 3 },
    ]);
    expect(held.log.indexOf('progress 1')).toBeLessThan(held.log.indexOf('counted'));
  });

  it('does not run past the last event committed when it started', async () => {
    await store.appendToStream(uniqueStream('before'), [testEvent('Before')], { expectedRevision: 'no_stream' });
    // Having reached its end, it stops at once: it would wait a minute for anything else.
    const replay = eventLogTimeline(store, vault, {}, { batchSize: 1, settleTimeoutMs: 60_000 });
    const first = await replay.next();
    await store.appendToStream(uniqueStream('after'), [testEvent('After')], { expectedRevision: 'no_stream' });
    const rest = await typesOf(replay);
    expect([...(first.value as ShownEntry[]).map((entry) => entry.type), ...rest]).toEqual(['Before']);
  });
});
