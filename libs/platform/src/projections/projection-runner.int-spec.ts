import type { SqlRunner } from '../database/sql';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port';
import { hasReached, type Position } from '../event-store/position';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { createTestRuntime, describeOnEachDatabase, silentLog, testEvent, testServerUrl, uniqueStream, untilLogSettled, type TestRuntime } from '../testing';
import { applyBatch } from './apply-batch';
import { ensureCheckpoint, readCheckpoints } from './checkpoint-store';
import type { Projection, ReplayOfBatches } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import { StreamCatalogueProjection } from './stream-catalogue/stream-catalogue.projection';
import { OwnBatchChanges } from '../read-model-cache/own-batch-changes';

const catalogue = (tx: { query: EntityManager['query'] }) =>
  tx.query('SELECT stream_id, category, revision::int, event_count::int, last_event_type FROM stream_catalogue ORDER BY stream_id') as Promise<
    { stream_id: string; category: string; revision: number; event_count: number; last_event_type: string }[]
  >;

async function appendSome(test: TestRuntime, streams: number, eventsPerStream: number): Promise<Position> {
  let last!: Position;
  for (let s = 0; s < streams; s++) {
    const stream = uniqueStream(s % 2 ? 'odd' : 'even');
    const events = Array.from({ length: eventsPerStream }, (_, i) => testEvent(`Step${i}`));
    last = (await test.runtime.store.appendToStream(stream, events, { expectedRevision: 'no_stream' })).position;
  }
  return last;
}

async function appendOne(test: TestRuntime, type: string): Promise<Position> {
  return (await test.runtime.store.appendToStream(uniqueStream('paced'), [testEvent(type)], { expectedRevision: 'no_stream' })).position;
}

/** Fails once, half-way through its first multi-event batch, after writing part of it. */
class FailsOnceMidBatch implements Projection {
  readonly name = 'stream-catalogue';
  readonly version = 1;
  readonly tables = ['stream_catalogue'];
  failed = false;
  private readonly inner = new StreamCatalogueProjection();

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    if (!this.failed && events.length > 1) {
      await this.inner.apply(events.slice(0, Math.floor(events.length / 2)), tx);
      this.failed = true;
      throw new Error('projection crashed mid-batch');
    }
    await this.inner.apply(events, tx);
  }
}

describeOnEachDatabase(
  (kind) => `projections on ${kind}`,
  (kind) => {
    let test: TestRuntime;
    beforeEach(async () => {
      test = await createTestRuntime(kind);
    });
    afterEach(async () => test.dispose());

    it('keeps the read model up to date and lets a writer wait for it', async () => {
      test.runtime.startProjections();
      const position = await appendSome(test, 4, 3);
      expect(await test.runtime.progress.waitFor(position, 10_000)).toBe(true);
      const rows = await catalogue(test.runtime.database.dataSource);
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => [r.revision, r.event_count, r.last_event_type])).toEqual(Array(4).fill([2, 3, 'Step2']));
      expect(rows.map((r) => r.category).sort()).toEqual(['even', 'even', 'odd', 'odd']);
    });

    it('treats a replayed event as a no-op and refuses a batch from a stale checkpoint', async () => {
      test.runtime.startProjections();
      const position = await appendSome(test, 2, 2);
      await test.runtime.progress.waitFor(position, 10_000);
      const before = await catalogue(test.runtime.database.dataSource);
      const applied = await test.runtime.store.readAll({ after: null, maxCount: 100 });
      const projection = test.runtime.projection('stream-catalogue');

      const replay = await applyBatch(test.runtime.database.dataSource, projection, position, applied);
      expect(replay).toEqual({ kind: 'applied', position });
      const stale = await applyBatch(test.runtime.database.dataSource, projection, null, applied);
      expect(stale).toEqual({ kind: 'checkpoint-moved' });
      // A batch of events not applied yet, from a checkpoint that is not the stored one: nothing of it lands.
      const unseen = { ...applied[0], streamId: uniqueStream('unseen'), position: { commit: position.commit + 1n, prepare: 0n } };
      expect(await applyBatch(test.runtime.database.dataSource, projection, null, [unseen])).toEqual({ kind: 'checkpoint-moved' });
      expect(await catalogue(test.runtime.database.dataSource)).toEqual(before);
    });

    it('with a counter reader, a batch reports the change counter as its transaction left it, its own bumps included', async () => {
      const counter = async () => Number((await test.runtime.database.sql.query<{ counter: string }>('SELECT counter FROM read_model_changes'))[0].counter);
      const bumping = new BumpsChangeCounter(3);
      const position = await appendSome(test, 2, 2);
      // Readable once no older transaction is open (ADR 001): the batch must hold every event appended.
      await untilLogSettled(test.runtime.store, position);
      const events = await test.runtime.store.readAll({ after: null, maxCount: 100 });
      await ensureCheckpoint(test.runtime.database.dataSource.manager, bumping.name, bumping.version);
      const before = await counter();
      const outcome = await applyBatch(test.runtime.database.dataSource, bumping, null, events, null, undefined, test.runtime.database.sql);
      expect(outcome).toEqual({ kind: 'applied', position, changeCounter: before + 3 });
      expect(await counter()).toBe(before + 3);
      // Refused through the reader too: nothing lands, and the outcome says why.
      expect(await applyBatch(test.runtime.database.dataSource, bumping, null, events, null, undefined, test.runtime.database.sql)).toEqual({ kind: 'checkpoint-moved' });
      expect(await counter()).toBe(before + 3);
    });

    it('tells where its lead began and what its batches did to the change counter, until the lead ends', async () => {
      const counter = async () => Number((await test.runtime.database.sql.query<{ counter: string }>('SELECT counter FROM read_model_changes'))[0].counter);
      const changes = new OwnBatchChanges();
      const runner = runnerFor(test.runtime, new BumpsChangeCounter(2), { ownBatches: { changes, counterReader: test.runtime.database.sql } });
      runner.start();
      const position = await appendSome(test, 3, 1);
      expect(await test.runtime.progress.waitFor(position, 10_000, ['stream-catalogue'])).toBe(true);
      expect(changes.counterCovering(position, ['stream-catalogue'])).toBe(await counter());
      expect(await counter()).toBeGreaterThanOrEqual(2);
      await runner.stop();
      expect(changes.counterCovering(position, ['stream-catalogue'])).toBeUndefined();
    });

    it('the runtime hands its runners the cache holder’s record of its own batches where it caches (PostgreSQL)', async () => {
      expect(test.runtime.cacheCoherence !== undefined).toBe(kind === 'postgres');
      test.runtime.startProjections();
      const position = await appendSome(test, 1, 1);
      expect(await test.runtime.progress.waitFor(position, 10_000)).toBe(true);
      const covering = test.runtime.cacheCoherence?.ownBatches.counterCovering(position, ['stream-catalogue']);
      expect(covering === undefined).toBe(kind === 'pglite');
    });

    it('rolls back a batch that fails half-way and, restarted, equals a fresh rebuild', async () => {
      await test.runtime.close();
      const flaky = new FailsOnceMidBatch();
      const runtime = await test.open();
      const runner = runnerFor(runtime, flaky);
      const position = await appendSome({ ...test, runtime }, 10, 5);
      runner.start();
      expect(await runtime.progress.waitFor(position, 15_000)).toBe(true);
      await runner.stop();
      expect(flaky.failed).toBe(true);

      const live = await catalogue(runtime.database.dataSource);
      expect(live.reduce((n, r) => n + r.event_count, 0)).toBe(50);
      await runtime.rebuilder.rebuild(runtime.projection('stream-catalogue'));
      expect(await catalogue(runtime.database.dataSource)).toEqual(live);
    });

    it('rebuilds into fresh tables and swaps them in while the live runner goes on', async () => {
      test.runtime.startProjections();
      let position = await appendSome(test, 20, 3);
      await test.runtime.progress.waitFor(position, 10_000);
      const live = await catalogue(test.runtime.database.dataSource);
      const progress: number[] = [];
      const result = await test.runtime.rebuilder.rebuild(test.runtime.projection('stream-catalogue'), (p) => progress.push(p.events));
      expect(result.events).toBe(60);
      expect(progress[progress.length - 1]).toBe(60);
      expect(await catalogue(test.runtime.database.dataSource)).toEqual(live);

      // The live runner carries on from the swapped-in checkpoint without applying anything twice.
      position = await appendSome(test, 3, 2);
      expect(await test.runtime.progress.waitFor(position, 10_000)).toBe(true);
      const after = await catalogue(test.runtime.database.dataSource);
      expect(after.reduce((n, r) => n + r.event_count, 0)).toBe(66);
      const schemas = await test.runtime.database.sql.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'",
      );
      expect(schemas[0].n).toBe('0');
    });

    it('moves past batches of streams it does not read without applying them, and stores its checkpoint soon after', async () => {
      const projection = new EvenStreamsOnly();
      const runner = runnerFor(test.runtime, projection);
      runner.start();
      const odd = await test.runtime.store.appendToStream(uniqueStream('odd'), [testEvent('A'), testEvent('B')], { expectedRevision: 'no_stream' });
      await waitUntil(async () => hasReached(test.runtime.progress.positionOf(projection.name), odd.position));
      expect(projection.applied).toEqual([]);
      await waitUntil(async () => hasReached(await storedCheckpoint(test.runtime, projection.name), odd.position), 15_000);

      const even = await test.runtime.store.appendToStream(uniqueStream('even'), [testEvent('C')], { expectedRevision: 'no_stream' });
      await waitUntil(async () => hasReached(await storedCheckpoint(test.runtime, projection.name), even.position));
      await runner.stop();
      expect(projection.applied).toEqual(['C']);
    });

    it('prepares the batches of one lead through one replay, and starts a fresh one after a failed batch', async () => {
      const projection = new ReplayRecorder();
      const runner = runnerFor(test.runtime, projection);
      runner.start();
      // One append at a time, each applied before the next, so that each is a batch of its own.
      const step = async (type: string) => {
        const { position } = await test.runtime.store.appendToStream(uniqueStream('step'), [testEvent(type)], { expectedRevision: 'no_stream' });
        await waitUntil(async () => hasReached(test.runtime.progress.positionOf(projection.name), position), 15_000);
      };
      await step('A');
      await step('B');
      projection.failNextWrite = true;
      await step('C');
      await step('D');
      await runner.stop();
      // C's first write failed: the lead ended, and the next one prepared C again with a new replay.
      expect(projection.prepared).toEqual([
        [1, 'A'],
        [1, 'B'],
        [1, 'C'],
        [2, 'C'],
        [2, 'D'],
      ]);
    });

    it('gives a projection no write waits for one batch per interval, and ends the pause when stopped', async () => {
      const readersOnly = new BatchRecorder('readers-only', 'readers');
      const awaitedByWriters = new BatchRecorder('awaited-by-writers', undefined);
      const runners = [readersOnly, awaitedByWriters].map((projection) => runnerFor(test.runtime, projection, { readersBatchIntervalMs: 60_000 }));
      const stopAll = () => Promise.all(runners.map((runner) => runner.stop()));
      for (const runner of runners) runner.start();
      try {
        const first = await appendOne(test, 'A');
        for (const projection of [readersOnly, awaitedByWriters]) await waitUntil(async () => hasReached(test.runtime.progress.positionOf(projection.name), first), 15_000);
        const second = await appendOne(test, 'B');
        await waitUntil(async () => hasReached(test.runtime.progress.positionOf(awaitedByWriters.name), second), 15_000);
        // The writers' projection has B; the other one is still pausing after A, for a minute.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect({ readersOnly: readersOnly.batches, awaitedByWriters: awaitedByWriters.batches }).toEqual({ readersOnly: [['A']], awaitedByWriters: [['A'], ['B']] });
        const stopping = stopAll().then(() => 'stopped');
        expect(await Promise.race([stopping, new Promise((resolve) => setTimeout(() => resolve('still pausing'), 10_000))])).toBe('stopped');
      } finally {
        await stopAll();
      }
    });

    it('gives a projection no write waits for its backlog without pausing between full batches', async () => {
      const readersOnly = new BatchRecorder('readers-only', 'readers');
      const stream = uniqueStream('backlog');
      const backlog = await test.runtime.store.appendToStream(stream, ['A', 'B', 'C', 'D', 'E'].map((type) => testEvent(type)), { expectedRevision: 'no_stream' });
      const runner = runnerFor(test.runtime, readersOnly, { readersBatchIntervalMs: 60_000, batchSize: 2 });
      runner.start();
      try {
        await waitUntil(async () => hasReached(test.runtime.progress.positionOf(readersOnly.name), backlog.position), 15_000);
        // The last batch was not full: the runner pauses after it, and F waits out the minute.
        await appendOne(test, 'F');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(readersOnly.batches).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
      } finally {
        await runner.stop();
      }
    });

    it('catches a projection no write waits for up after its interval', async () => {
      const readersOnly = new BatchRecorder('readers-only', 'readers');
      const runner = runnerFor(test.runtime, readersOnly, { readersBatchIntervalMs: 200 });
      runner.start();
      try {
        const positions: Position[] = [];
        for (const type of ['A', 'B', 'C']) positions.push(await appendOne(test, type));
        await waitUntil(async () => hasReached(test.runtime.progress.positionOf(readersOnly.name), positions[2]), 15_000);
      } finally {
        await runner.stop();
      }
      expect(readersOnly.batches.flat()).toEqual(['A', 'B', 'C']);
    });

    it('stops promptly when asked to while it is still rebuilding', async () => {
      test.runtime.startProjections();
      const position = await appendSome(test, 3, 2);
      await test.runtime.progress.waitFor(position, 10_000);
      for (const running of test.runtime.runners) await running.stop();
      let rebuilding!: () => void;
      const rebuildStarted = new Promise<void>((resolve) => (rebuilding = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      class GatedCatalogueV2 extends StreamCatalogueProjection {
        override readonly version = 2;
        override async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
          rebuilding();
          await gate;
          await super.apply(events, tx);
        }
      }
      const runner = runnerFor(test.runtime, new GatedCatalogueV2());
      runner.start();
      await rebuildStarted;

      const stopped = runner.stop();
      release();
      const outcome = await Promise.race([stopped.then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      expect(outcome).toBe('stopped');
    });

    it('rebuilds a projection whose version changed before running it', async () => {
      test.runtime.startProjections();
      const position = await appendSome(test, 5, 2);
      await test.runtime.progress.waitFor(position, 10_000);
      const live = await catalogue(test.runtime.database.dataSource);
      for (const running of test.runtime.runners) await running.stop();

      class CatalogueV2 extends StreamCatalogueProjection {
        override readonly version = 2;
      }
      const runtime = test.runtime;
      const runner = runnerFor(runtime, new CatalogueV2());
      runner.start();
      await waitUntil(async () => (await readCheckpoints(runtime.database.dataSource.manager))[0]?.version === 2);
      await runner.stop();
      expect(await catalogue(runtime.database.dataSource)).toEqual(live);
    });
  },
);

const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('projection leadership across processes on postgres', () => {
  let test: TestRuntime;
  beforeAll(async () => {
    test = await createTestRuntime('postgres');
  });
  afterAll(async () => test.dispose());

  it('runs each projection in exactly one process and hands over when that one stops', async () => {
    const second = await test.open();
    test.runtime.startProjections();
    second.startProjections();
    await waitUntil(async () => test.runtime.runners[0].isLeader || second.runners[0].isLeader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([test.runtime.runners[0].isLeader, second.runners[0].isLeader].filter(Boolean)).toHaveLength(1);

    const [leader, standby] = test.runtime.runners[0].isLeader ? [test.runtime, second] : [second, test.runtime];
    let position = await appendSome(test, 2, 2);
    expect(await standby.progress.waitFor(position, 10_000)).toBe(true);

    await leader.close();
    await waitUntil(async () => standby.runners[0].isLeader);
    position = (await standby.store.appendToStream(uniqueStream('after'), [testEvent('AfterHandover')], { expectedRevision: 'no_stream' })).position;
    expect(await standby.progress.waitFor(position, 10_000)).toBe(true);
    const rows = await catalogue(standby.database.dataSource);
    expect(rows.reduce((n, r) => n + r.event_count, 0)).toBe(5);
  });
});

/** Reads only streams of the `even` category; remembers the types of the events it was given. */
class EvenStreamsOnly implements Projection {
  readonly name = 'even-streams-only';
  readonly version = 1;
  readonly tables = [];
  readonly categories = ['even'];
  readonly applied: string[] = [];

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    this.applied.push(...events.map((event) => event.type));
  }
}

/** Records the event types of each batch it applies. */
class BatchRecorder implements Projection {
  readonly version = 1;
  readonly tables = [];
  readonly batches: string[][] = [];

  constructor(
    readonly name: string,
    readonly awaitedBy: Projection['awaitedBy'],
  ) {}

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    this.batches.push(events.map((event) => event.type));
  }
}

/** Records which of its replays prepared each event; fails one write when told to. */
class ReplayRecorder implements Projection {
  readonly name = 'replay-recorder';
  readonly version = 1;
  readonly tables = [];
  readonly prepared: [number, string][] = [];
  failNextWrite = false;
  private replays = 0;

  async apply(): Promise<void> {
    throw new Error('the runner prepares through replay()');
  }

  replay(): ReplayOfBatches {
    const replay = ++this.replays;
    return {
      prepare: async (events) => {
        this.prepared.push(...events.map((event): [number, string] => [replay, event.type]));
        return async () => {
          if (!this.failNextWrite) return;
          this.failNextWrite = false;
          throw new Error('write failed');
        };
      },
    };
  }
}

/** The stream catalogue, each batch of which also bumps the read-model change counter `by` times. */
class BumpsChangeCounter implements Projection {
  readonly name = 'stream-catalogue';
  readonly version = 1;
  readonly tables = ['stream_catalogue'];
  private readonly inner = new StreamCatalogueProjection();

  constructor(private readonly by: number) {}

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    await this.inner.apply(events, tx);
    for (let i = 0; i < this.by; i++) await tx.query('UPDATE read_model_changes SET counter = counter + 1');
  }
}

async function storedCheckpoint(runtime: PlatformRuntime, name: string): Promise<Position | null> {
  return (await readCheckpoints(runtime.database.dataSource.manager)).find((checkpoint) => checkpoint.name === name)?.position ?? null;
}

/** A runner for a projection of the test's choosing, wired like the runtime's own. */
function runnerFor(runtime: PlatformRuntime, projection: Projection, options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
  return new ProjectionRunner(projection, {
    batchSize: 50,
    standbyRetryMs: 100,
    ...options,
    store: runtime.store,
    dataSource: runtime.database.dataSource,
    locks: runtime.database.locks,
    progress: runtime.progress,
    rebuilder: runtime.rebuilder,
    log: silentLog,
  });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
