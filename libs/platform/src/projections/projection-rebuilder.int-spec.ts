import type { SqlRunner } from '../database/sql';
import type { RecordedEvent } from '../event-store/event-store.port';
import { countHeld, createTestRuntime, describeOnEachDatabase, eventually, testEvent, uniqueStream, untilLogSettled, type TestRuntime } from '../testing';
import type { Projection, ReplayOfBatches } from './projection';
import { ProjectionRebuilder, type RebuildProgress } from './projection-rebuilder';
import { StreamCatalogueProjection } from './stream-catalogue/stream-catalogue.projection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The stream catalogue through a replay that logs what it does, and whose writes are slow (or fail
 * at one batch). With `firstWriteAwaitsSecondBatch`, the first write waits until the second batch
 * is being prepared (for at most 20 seconds), so that a rebuilder that prepares while it writes
 * shows it however slowly the machine runs, and one that does not shows that.
 */
class LoggedReplay implements Projection {
  readonly name = 'stream-catalogue';
  readonly version = 1;
  readonly tables = ['stream_catalogue'];
  readonly log: string[] = [];
  private readonly inner = new StreamCatalogueProjection();

  constructor(
    private readonly failAtBatch?: number,
    private readonly firstWriteAwaitsSecondBatch = false,
  ) {}

  apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    return this.inner.apply(events, tx);
  }

  replay(): ReplayOfBatches {
    let batch = 0;
    return {
      prepare: async (events) => {
        const n = ++batch;
        this.log.push(`prepare ${n}`);
        return async (tx) => {
          this.log.push(`write ${n}`);
          if (n === 1 && this.firstWriteAwaitsSecondBatch) await eventually(() => this.log.includes('prepare 2'), (prepared) => prepared, 20_000, 5);
          else await sleep(30);
          if (n === this.failAtBatch) throw new Error(`write ${n} failed`);
          await this.inner.apply(events, tx);
          this.log.push(`written ${n}`);
        };
      },
    };
  }
}

describeOnEachDatabase(
  (kind) => `rebuild through a projection's replay on ${kind}`,
  (kind) => {
    let test: TestRuntime;
    let rebuilder: ProjectionRebuilder;
    const catalogue = () => test.runtime.database.sql.query('SELECT * FROM stream_catalogue ORDER BY stream_id');

    beforeEach(async () => {
      test = await createTestRuntime(kind);
      rebuilder = new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 4);
      let last;
      for (let s = 0; s < 5; s++) {
        last = await test.runtime.store.appendToStream(uniqueStream('replayed'), [testEvent('One'), testEvent('Two'), testEvent('Three')], { expectedRevision: 'no_stream' });
      }
      await untilLogSettled(test.runtime.store, last!.position);
      // The live read model, from the projection's own apply.
      await rebuilder.rebuild(new StreamCatalogueProjection());
    });
    afterEach(async () => test.dispose());

    it('gives the rows apply gives, writing batches in order, each prepared while the one before is written', async () => {
      const live = await catalogue();
      const projection = new LoggedReplay(undefined, kind === 'postgres');
      const result = await rebuilder.rebuild(projection);

      expect(result.events).toBe(15);
      expect(await catalogue()).toEqual(live);
      const writes = projection.log.filter((line) => line.startsWith('written'));
      expect(writes).toEqual(['written 1', 'written 2', 'written 3', 'written 4']);
      // PostgreSQL prepares on a second connection while the first writes; the embedded database has one.
      if (kind === 'postgres') expect(projection.log.indexOf('prepare 2')).toBeLessThan(projection.log.indexOf('written 1'));
      for (let n = 1; n <= 4; n++) expect(projection.log.indexOf(`prepare ${n}`)).toBeLessThan(projection.log.indexOf(`write ${n}`));
    });

    it('replays without waiting for the log to be counted, and waits for the count before it returns', async () => {
      const live = await catalogue();
      const held = countHeld(test.runtime.store);
      const progress: RebuildProgress[] = [];

      const result = await new ProjectionRebuilder(held.store, test.runtime.database.dataSource, undefined, 4).rebuild(new StreamCatalogueProjection(), (report) => {
        progress.push(report);
        held.log.push(`progress ${report.events}`);
        held.answer();
      });

      expect(result.events).toBe(15);
      expect(await catalogue()).toEqual(live);
      // The first batch was written and shown before the log was counted; the rebuild returned after it.
      expect(progress[0]).toMatchObject({ events: 4, total: undefined });
      expect(held.log.indexOf('progress 4')).toBeLessThan(held.log.indexOf('counted'));
      expect(held.log).toContain('counted');
    });

    it('shows the count of the log in its progress once the count has come', async () => {
      const held = countHeld(test.runtime.store);
      const progress: RebuildProgress[] = [];
      const inner = new StreamCatalogueProjection();
      let batches = 0;
      // From the second batch on, written once the count (let through by the first batch's progress) has come.
      const waitsForCount: Projection = {
        name: inner.name,
        version: inner.version,
        tables: inner.tables,
        apply: async (events, tx) => {
          if (++batches > 1) await eventually(() => held.log.includes('counted'), (counted) => counted, 20_000, 5);
          await inner.apply(events, tx);
        },
      };

      await new ProjectionRebuilder(held.store, test.runtime.database.dataSource, undefined, 4).rebuild(waitsForCount, (report) => {
        progress.push(report);
        held.answer();
      });

      expect(progress.map((report) => [report.events, report.total])).toEqual([
        [4, undefined],
        [8, 15],
        [12, 15],
        [15, 15],
      ]);
    });

    it('ends at a failed write, leaving the live read model as it was and no scratch tables behind', async () => {
      const live = await catalogue();
      const { position } = await test.runtime.store.appendToStream(uniqueStream('late'), [testEvent('Late')], { expectedRevision: 'no_stream' });
      await untilLogSettled(test.runtime.store, position);
      const projection = new LoggedReplay(2);

      await expect(rebuilder.rebuild(projection)).rejects.toThrow('write 2 failed');

      expect(projection.log).not.toContain('written 2');
      expect(projection.log.some((line) => /written [3-9]/.test(line))).toBe(false);
      expect(await catalogue()).toEqual(live);
      expect(await test.runtime.database.sql.query(`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'`)).toEqual([{ n: 0 }]);
    });
  },
);
