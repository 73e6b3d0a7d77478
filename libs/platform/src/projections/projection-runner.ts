import type { DataSource } from 'typeorm';
import type { ExclusiveLocks, Lease } from '../database/sql';
import type { EventStore } from '../event-store/event-store.port';
import { applyBatch } from './apply-batch';
import { ensureCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';
import type { ProjectionProgress } from './projection-progress';
import type { ProjectionRebuilder } from './projection-rebuilder';

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
}

/**
 * Keeps one projection up to date. Of all processes sharing the database, only the holder of the
 * projection's lock applies events; the others stand by and take over when it goes away.
 */
export class ProjectionRunner {
  private stopped = false;
  private running: Promise<void> | undefined;
  private wakeStandby: (() => void) | undefined;
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
    this.wakeStandby?.();
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

  /** Runs until stopped, the lease is lost, or the checkpoint moves under us (then the loop re-leads). */
  private async lead(lease: Lease): Promise<void> {
    const { store, dataSource, progress, rebuilder } = this.options;
    let checkpoint = await ensureCheckpoint(dataSource.manager, this.projection.name, this.projection.version);
    if (checkpoint.version !== this.projection.version) {
      this.options.log.info('projection version changed; rebuilding', { projection: this.projection.name });
      await rebuilder.rebuild(this.projection);
      checkpoint = await ensureCheckpoint(dataSource.manager, this.projection.name, this.projection.version);
    }
    let position = checkpoint.position;
    if (position) progress.advanced(this.projection.name, position);
    const subscription = store.subscribeToAll({ after: position, batchSize: this.options.batchSize ?? 500 });
    this.stopCurrent = () => subscription.close();
    void lease.lost.then(() => subscription.close());
    try {
      for await (const batch of subscription) {
        if (this.stopped) break;
        const outcome = await applyBatch(dataSource, this.projection, position, batch);
        if (outcome.kind === 'checkpoint-moved') break;
        position = outcome.position;
        progress.advanced(this.projection.name, position);
      }
    } finally {
      this.stopCurrent = undefined;
      await subscription.close();
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeStandby = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function backoff(failures: number): number {
  return failures === 0 ? 0 : Math.min(100 * 2 ** failures, 10_000);
}
