import { Client } from 'pg';
import type { SqlRunner } from '../database/sql';
import type { RecordedEvent } from '../event-store/event-store.port';
import { createTestRuntime, eventually, lockWaitersOn, testEvent, testServerUrl, uniqueStream, type TestRuntime } from '../testing';
import { applyBatch } from './apply-batch';
import { ensureCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';
import { ProjectionRebuilder } from './projection-rebuilder';
import { StreamCatalogueProjection } from './stream-catalogue/stream-catalogue.projection';

const describePostgres = testServerUrl() ? describe : describe.skip;

/** Writes one row per event into a table of its own, which the test can lock. */
class HeldProjection implements Projection {
  readonly name = 'held';
  readonly version = 1;
  readonly tables = ['held_rows'];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    for (const event of events) await tx.query('INSERT INTO held_rows (event_id) VALUES ($1)', [event.id]);
  }
}

/** The same, stopping in its first batch, after a write, until `release` (a rebuild's batch that takes its time). */
class StallingProjection extends HeldProjection {
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
  stalled = false;

  override async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    await super.apply(events, tx);
    this.stalled = true;
    await this.gate;
  }

  release(): void {
    this.opened();
  }
}

/**
 * A transaction that writes read models and waits for a lock (or is just slow) has taken its
 * transaction id, and a running id holds back every reader of the log (ADR 001): unless it is
 * marked as a read-model writer, no projection would read an event appended after it began, and
 * every write waiting to read its own change would answer 503 until the lock went.
 */
describePostgres('read-model writers held up by a lock', () => {
  let test: TestRuntime;
  let holder: Client;

  beforeEach(async () => {
    test = await createTestRuntime('postgres');
    holder = new Client({ connectionString: test.url });
    await holder.connect();
  });
  afterEach(async () => {
    await holder.query('ROLLBACK').catch(() => undefined);
    await holder.end();
    await test.dispose();
  });

  const store = () => test.runtime.store;

  /** Appends while the writer is held up, then reads the log after the append's start until the event shows (5 s at most). */
  async function appendedEventIsRead(): Promise<string[]> {
    const head = await store().lastPosition();
    await store().appendToStream(uniqueStream('later'), [testEvent('AppendedWhileHeld')], { expectedRevision: 'no_stream' });
    const types = () => store().readAll({ after: head, maxCount: 10 }).then((events) => events.map((event) => event.type));
    return eventually(types, (read) => read.includes('AppendedWhileHeld'), 5_000);
  }

  it("a projection's batch waiting for a lock on its table does not hold back readers of the log", async () => {
    const projection = new HeldProjection();
    await test.runtime.database.sql.query('CREATE TABLE held_rows (event_id uuid PRIMARY KEY)');
    await ensureCheckpoint(test.runtime.database.dataSource.manager, projection.name, projection.version);
    const stream = uniqueStream('held');
    await store().appendToStream(stream, [testEvent('Held')], { expectedRevision: 'no_stream' });
    const batch = await store().readStream(stream);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE held_rows IN EXCLUSIVE MODE');

    const applying = applyBatch(test.runtime.database.dataSource, projection, null, batch);
    expect(await lockWaitersOn(holder, 'held_rows')).toBeGreaterThan(0);

    const read = await appendedEventIsRead().finally(() => holder.query('COMMIT'));
    expect(await applying).toEqual({ kind: 'applied', position: batch[0].position });
    expect(read).toEqual(['AppendedWhileHeld']);
  });

  it("a rebuild's batch that takes its time does not hold back readers of the log", async () => {
    await test.runtime.database.sql.query('CREATE TABLE held_rows (event_id uuid PRIMARY KEY)');
    await store().appendToStream(uniqueStream('held'), [testEvent('Held')], { expectedRevision: 'no_stream' });
    const projection = new StallingProjection();

    const rebuilding = new ProjectionRebuilder(store(), test.runtime.database.dataSource).rebuild(projection);
    expect(await eventually(() => projection.stalled, (stalled) => stalled)).toBe(true);

    // Let the rebuild finish before asserting, so that a failing read does not leave it running.
    const read = await appendedEventIsRead().finally(() => projection.release());
    expect((await rebuilding).events).toBeGreaterThan(0);
    expect(read).toEqual(['AppendedWhileHeld']);
  });

  it("a rebuild's swap waiting for a lock on the live table does not hold back readers of the log", async () => {
    await store().appendToStream(uniqueStream('catalogued'), [testEvent('One')], { expectedRevision: 'no_stream' });
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE stream_catalogue IN ACCESS SHARE MODE');

    const rebuilding = new ProjectionRebuilder(store(), test.runtime.database.dataSource).rebuild(new StreamCatalogueProjection());
    expect(await lockWaitersOn(holder, 'stream_catalogue')).toBeGreaterThan(0);

    const read = await appendedEventIsRead().finally(() => holder.query('COMMIT'));
    expect((await rebuilding).events).toBeGreaterThan(0);
    expect(read).toEqual(['AppendedWhileHeld']);
  });
});
