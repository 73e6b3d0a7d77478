import type { DataSource } from 'typeorm';
import type { ExclusiveLocks, Lease, SqlRunner } from '../database/sql';
import type { EventStore } from '../event-store/event-store.port';
import { AsyncMutex } from '../database/async-mutex';
import type { RecordedEvent } from '../event-store/event-store.port';
import { hasReached } from '../event-store/position';
import type { OwnBatchChanges } from '../read-model-cache/own-batch-changes';
import { applyBatch } from './apply-batch';
import { ensureCheckpoint } from './checkpoint-store';
import { concerns, type Projection } from './projection';
import type { ProjectionProgress } from './projection-progress';
import type { ProjectionRebuilder } from './projection-rebuilder';

/** How long the stored checkpoint may lag behind batches a projection skipped. */
const SKIPPED_SAVE_MS = 500;

/**
 * The least time between two batches of a projection no write waits for (awaitedBy 'readers'):
 * under load its batches gather this long's events instead of a few requests' worth, which saves
 * round trips and transactions; its readers wait for it anyway (ReadersWait), a little longer.
 * Not after a full batch: more events are already waiting, and the next batch can be no larger,
 * so the pause would only slow a catch-up (a backlog of 100,000 events took 20 s in pauses alone).
 */
export const READERS_BATCH_INTERVAL_MS = 100;

export interface RunnerLog {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  dataSource: DataSource;
  locks: ExclusiveLocks;
  progress: ProjectionProgress;
  rebuilder: ProjectionRebuilder;
  log: RunnerLog;
  batchSize?: number;
  /** How often a standby tries to take over. */
  standbyRetryMs?: number;
  /** READERS_BATCH_INTERVAL_MS unless set. */
  readersBatchIntervalMs?: number;
  /**
   * Where a process that caches read models keeps what its own batches did to the change counter:
   * each batch then reads the counter through `counterReader` (see applyBatch).
   */
  ownBatches?: { readonly changes: OwnBatchChanges; readonly counterReader: SqlRunner };
}

/**
 * Keeps one projection up to date. Of all processes sharing the database, only the holder of the
 * projection's lock applies events; the others stand by and take over when it goes away.
 */
export class ProjectionRunner {
  private stopped = false;
  private running: Promise<void> | undefined;
  private endPause: (() => void) | undefined;
  private leading = false;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endPause?.();
    await this.stopCurrent?.();
    await this.running;
  }

  private stopCurrent: (() => Promise<void>) | undefined;

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let lease: Lease | null = null;
      try {
        lease = await this.options.locks.tryAcquire(`projection:${this.projection.name}`);
        if (lease) {
          this.leading = true;
          await this.lead(lease);
          failures = 0;
        }
      } catch (error) {
        failures++;
        this.options.log.error('projection failed; restarting from its checkpoint', {
          projection: this.projection.name,
          error: (error as Error).message,
        });
      } finally {
        this.leading = false;
        await lease?.release();
      }
      if (!this.stopped) await this.pause(lease ? backoff(failures) : (this.options.standbyRetryMs ?? 2_000));
    }
  }

  /**
   * Runs until stopped, the lease is lost, or the checkpoint moves under us (then the loop re-leads).
   * A batch with nothing for this projection moves it on without a transaction; the stored
   * checkpoint catches up with the next batch it applies, or SKIPPED_SAVE_MS later (a restart
   * would only re-read events it ignores).
   */
  private async lead(lease: Lease): Promise<void> {
    const { store, dataSource, progress, rebuilder } = this.options;
    let checkpoint = await ensureCheckpoint(dataSource.manager, this.projection.name, this.projection.version);
    if (checkpoint.version !== this.projection.version) {
      this.options.log.info('projection version changed; rebuilding', { projection: this.projection.name });
      await rebuilder.rebuild(this.projection);
      checkpoint = await ensureCheckpoint(dataSource.manager, this.projection.name, this.projection.version);
    }
    let stored = checkpoint.position;
    let reached = stored;
    const ownBatches = this.options.ownBatches;
    ownBatches?.changes.leading(this.projection.name, stored);
    if (reached) progress.advanced(this.projection.name, reached);
    const batchSize = this.options.batchSize ?? 500;
    const subscription = store.subscribeToAll({ after: reached, batchSize });
    // One replay while this lead lasts: it sees every batch, in order, each after the one before
    // it committed. A failed batch ends the lead; the next one starts with a fresh replay.
    const replay = this.projection.replay?.('live');
    const transactions = new AsyncMutex();
    let moved = false;
    let ended = false;
    // Every checkpoint transaction runs through here, one at a time: batches and the delayed save.
    const save = (batch: readonly RecordedEvent[]) =>
      transactions.runExclusive(async () => {
        if (moved || ended) return;
        const outcome = await applyBatch(dataSource, this.projection, stored, batch, reached, replay, ownBatches?.counterReader);
        if (outcome.kind === 'checkpoint-moved') {
          moved = true;
          ownBatches?.changes.notLeading(this.projection.name);
          await subscription.close();
          return;
        }
        // Before the progress moves: a writer woken by it must find its changes counted.
        if (outcome.changeCounter !== undefined) ownBatches?.changes.committed(outcome.changeCounter);
        stored = outcome.position;
        // A batch skipped while this transaction ran may have taken `reached` further already.
        if (!hasReached(reached, stored)) reached = stored;
        progress.advanced(this.projection.name, reached!);
      });
    let delayedSave: NodeJS.Timeout | undefined;
    const saveLater = () => {
      delayedSave ??= setTimeout(() => {
        delayedSave = undefined;
        save([]).then(
          () => {
            if (!ended && !moved && !hasReached(stored, reached!)) saveLater();
          },
          (error: Error) => this.options.log.error('projection checkpoint not saved', { projection: this.projection.name, error: error.message }),
        );
      }, SKIPPED_SAVE_MS);
    };
    this.stopCurrent = () => subscription.close();
    // stop() may have come while this was still preparing (a rebuild, say), with nothing to close yet.
    if (this.stopped) await subscription.close();
    void lease.lost.then(() => subscription.close());
    try {
      for await (const batch of subscription) {
        if (this.stopped || moved) break;
        if (batch.some((event) => concerns(this.projection, event))) {
          clearTimeout(delayedSave);
          delayedSave = undefined;
          await save(batch);
          const backlog = batch.length >= batchSize;
          if (this.projection.awaitedBy === 'readers' && !backlog && !this.stopped) await this.pause(this.options.readersBatchIntervalMs ?? READERS_BATCH_INTERVAL_MS);
          continue;
        }
        reached = batch[batch.length - 1]?.position ?? reached;
        progress.advanced(this.projection.name, reached!);
        saveLater();
      }
    } finally {
      ended = true;
      ownBatches?.changes.notLeading(this.projection.name);
      clearTimeout(delayedSave);
      this.stopCurrent = undefined;
      await subscription.close();
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.endPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function backoff(failures: number): number {
  return failures === 0 ? 0 : Math.min(100 * 2 ** failures, 10_000);
}
