import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { comparePositions, type Position } from '../event-store/position';
import { MARK_READ_MODEL_WRITER, READ_MODEL_WRITER } from '../event-store/postgres/read-model-writers';
import { isChangeSignalTrigger, signalReadModelChange } from '../read-model-cache/change-signal-triggers';
import { lockCheckpoint, saveCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';
import type { ProjectionProgress } from './projection-progress';
import { swapTableIn } from './table-swap';

export interface RebuildProgress {
  readonly projection: string;
  readonly events: number;
  /** Events in the log; undefined until they are counted. */
  readonly total: number | undefined;
  readonly eventsPerSecond: number;
}

export interface RebuildResult {
  readonly projection: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: Position | null;
}

const BATCH = 5_000;

/**
 * Rebuilds a read model from the whole log without taking it offline: events are replayed into
 * fresh copies of its tables in a schema of their own, then, in one transaction, the fresh tables
 * take the live ones' place (table-swap.ts) and the checkpoint moves. Readers see the old rows
 * until that commit and the new ones after; the live runner waits on the checkpoint row and then
 * carries on from the rebuilt position.
 */
export class ProjectionRebuilder {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly progress?: ProjectionProgress,
    /** Events per batch (one transaction each). */
    private readonly batchSize = BATCH,
  ) {}

  async rebuild(projection: Projection, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const started = Date.now();
    // The log's size is for the progress shown, so it is counted beside the replay, not before it:
    // counting reads the whole log's index (on a cold cache, a tenth of a 100k-event rebuild). A
    // failed count only leaves the progress without its total.
    let total: number | undefined;
    const counting = onProgress ? this.store.countAfter(null).then((count) => void (total = count), () => undefined) : undefined;
    const shadow = `rebuild_${projection.name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
    await this.createShadowTables(projection, shadow);
    try {
      let applied = 0;
      let position: Position | null = null;
      const report = () =>
        onProgress?.({ projection: projection.name, events: applied, total: total === undefined ? undefined : Math.max(total, applied), eventsPerSecond: rate(applied, started) });
      for (;;) {
        const caughtUp = await this.replay(projection, shadow, position, (batch) => {
          applied += batch.length;
          position = batch[batch.length - 1].position;
          report();
        });
        position = caughtUp ?? position;
        if (await this.swapIn(projection, shadow, position)) break;
        // The live runner got further while we replayed: catch up and try again.
      }
      // New tables have no statistics: gather them now, or the planner guesses until autovacuum
      // comes by.
      for (const table of projection.tables) await this.dataSource.query(`ANALYZE public.${table}`);
      this.progressTo(projection, position);
      return { projection: projection.name, events: applied, seconds: (Date.now() - started) / 1000, eventsPerSecond: rate(applied, started), position };
    } finally {
      await counting;
      await this.dataSource.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
    }
  }

  /**
   * Logged tables, written with asynchronous commits: a crash before the swap starts the rebuild
   * over anyway, and the swap's own commit flushes everything before it. (Unlogged tables would
   * have to be logged before the swap, a rewrite of every row while nothing else runs; the WAL of
   * the replay is written while the next batch is prepared.)
   */
  private async createShadowTables(projection: Projection, shadow: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`CREATE SCHEMA ${shadow}`);
      for (const table of projection.tables) {
        await tx.query(`CREATE TABLE ${shadow}.${table} (LIKE public.${table} INCLUDING ALL)`);
      }
    });
  }

  /** Replays every event after `from` into the shadow tables; returns the last position replayed. */
  private async replay(
    projection: Projection,
    shadow: string,
    from: Position | null,
    onBatch: (batch: readonly RecordedEvent[]) => void,
  ): Promise<Position | null> {
    const replay = projection.replay?.('rebuild');
    let position = from;
    // Read the next batch while the current one is applied, and prepare it while the one before is written.
    let next = this.store.readAll({ after: position, maxCount: this.batchSize });
    let writing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const batch = await next;
        if (batch.length === 0) break;
        position = batch[batch.length - 1].position;
        next = this.store.readAll({ after: position, maxCount: this.batchSize });
        if (!replay) {
          await this.inShadow(shadow, (tx) => projection.apply(batch, tx));
          onBatch(batch);
          continue;
        }
        const write = await this.inShadow(shadow, (tx) => replay.prepare(batch, tx));
        await writing;
        writing = this.inShadow(shadow, write).then(() => onBatch(batch));
        // Its failure is awaited below (or in the finally); until then it is not unhandled.
        writing.catch(() => undefined);
      }
    } finally {
      // A failed write ends the replay; one still running is waited for (its error wins).
      await writing;
    }
    return position;
  }

  private inShadow<T>(shadow: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      // Nothing to wait for at commit: the batch lives in scratch tables until the swap.
      // All in one round trip (`set_config(..., true)` is SET LOCAL); a read-model writer does not
      // hold back readers of the log (READ_MODEL_WRITER).
      await tx.query(
        `SELECT set_config('search_path', $1, true), set_config('synchronous_commit', 'off', true), set_config('application_name', $2, true)`,
        [`${shadow}, public`, READ_MODEL_WRITER],
      );
      return work(tx);
    });
  }

  /** Swaps the rebuilt tables in, unless the live read model is already past `position`. */
  private async swapIn(projection: Projection, shadow: string, position: Position | null): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // Waiting for its tables' locks, the swap must not hold back readers of the log.
      await tx.query(MARK_READ_MODEL_WRITER);
      const live = await lockCheckpoint(tx, projection.name);
      const liveIsAhead = live?.position && live.version === projection.version && (!position || comparePositions(live.position, position) > 0);
      if (liveIsAhead) return false;
      const triggers: string[] = [];
      for (const table of projection.tables) triggers.push(...(await swapTableIn(tx, shadow, table)));
      // Caches of the old rows learn of the new ones as they would of any change.
      if (triggers.some(isChangeSignalTrigger)) await signalReadModelChange(tx);
      await saveCheckpoint(tx, projection.name, projection.version, position);
      return true;
    });
  }

  private progressTo(projection: Projection, position: Position | null): void {
    if (position) this.progress?.advanced(projection.name, position);
  }
}

function rate(events: number, startedAt: number): number {
  const seconds = (Date.now() - startedAt) / 1000;
  return seconds > 0 ? Math.round(events / seconds) : events;
}
