import { openDatabase, type Database } from '../database/database';
import type { EventStore } from '../event-store/event-store.port';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { UpcastingEventStore } from '../event-store/upcasting-event-store';
import { UpcasterRegistry } from '../events/upcaster-registry';
import { migrateReadModels } from './read-model-migrations';
import { recordDatabaseStatement } from '../metrics/database-metrics';
import { TimedEventStore } from '../metrics/timed-event-store';
import { PLATFORM_MIGRATIONS } from '../migrations';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { CHECKPOINTS_SCHEMA } from '../projections/checkpoint-store';
import type { Projection } from '../projections/projection';
import { ProjectionProgress } from '../projections/projection-progress';
import { ProjectionRebuilder } from '../projections/projection-rebuilder';
import { ProjectionRunner, type RunnerLog } from '../projections/projection-runner';
import { CacheCoherence } from '../read-model-cache/cache-coherence';
import type { ReadModelContribution } from '../projections/read-model-contribution';
import { StreamCatalogueEntry } from '../projections/stream-catalogue/stream-catalogue.entity';
import { StreamCatalogueProjection } from '../projections/stream-catalogue/stream-catalogue.projection';

export interface PlatformRuntimeOptions {
  /** PostgreSQL for read models (and the event log by default); embedded PGlite when absent. */
  databaseUrl?: string;
  /** Embedded database folder; in memory when absent. */
  dataDir?: string;
  eventStore?: 'postgres' | 'eventstoredb';
  eventStoreConnectionString?: string;
  readModels?: readonly ReadModelContribution[];
  upcasters?: UpcasterRegistry;
  poolSize?: number;
  projectionBatchSize?: number;
  standbyRetryMs?: number;
  /** Apply pending read-model migrations at open (default); false: refuse to open while any is pending. */
  migrate?: boolean;
  /** Keep the stream catalogue (STREAM_CATALOGUE): off unless asked for (ADR 029). */
  streamCatalogue?: boolean;
  log: RunnerLog;
}

/**
 * The platform's read model, always present. Its one table, the stream catalogue, is always
 * created, so that switching the catalogue on later catches it up from its checkpoint; only its
 * projection is optional.
 */
export const PLATFORM_READ_MODEL: ReadModelContribution = {
  entities: [StreamCatalogueEntry],
  migrations: PLATFORM_MIGRATIONS,
  projections: [],
};

/** The stream catalogue's projection, run where STREAM_CATALOGUE asks for it (ADR 029). */
export const STREAM_CATALOGUE_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [],
  projections: [new StreamCatalogueProjection()],
};

/**
 * The write and read side of the service, opened in order: database and schema, event store,
 * projection progress. Used by the API, the admin CLI and tests alike.
 */
export class PlatformRuntime {
  readonly runners: ProjectionRunner[];
  /** Read-model migrations this open applied (for `admin migrate`). */
  migrationsApplied: readonly string[] = [];

  private constructor(
    readonly database: Database,
    readonly store: EventStore,
    readonly projections: readonly Projection[],
    readonly progress: ProjectionProgress,
    readonly rebuilder: ProjectionRebuilder,
    readonly vault: PersonalDataVault,
    /** Cross-process cache coherence; absent on the embedded database, where nothing is cached. */
    readonly cacheCoherence: CacheCoherence | undefined,
    options: PlatformRuntimeOptions,
  ) {
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, {
          store,
          dataSource: database.dataSource,
          locks: database.locks,
          progress,
          rebuilder,
          log: options.log,
          batchSize: options.projectionBatchSize,
          standbyRetryMs: options.standbyRetryMs,
          ownBatches: cacheCoherence && { changes: cacheCoherence.ownBatches, counterReader: database.sql },
        }),
    );
  }

  static async open(options: PlatformRuntimeOptions): Promise<PlatformRuntime> {
    const readModels = [PLATFORM_READ_MODEL, ...(options.streamCatalogue ? [STREAM_CATALOGUE_READ_MODEL] : []), ...(options.readModels ?? [])];
    const onBackgroundError = (error: Error) => options.log.error('database background error', { error: error.message });
    const database = await openDatabase({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      poolSize: options.poolSize,
      entities: readModels.flatMap((m) => m.entities),
      migrations: readModels.flatMap((m) => m.migrations),
      onBackgroundError,
      onQuery: recordDatabaseStatement,
    });
    try {
      let migrationsApplied: readonly string[] = [];
      await database.withSchemaLock(async () => {
        await database.sql.query(CHECKPOINTS_SCHEMA);
        migrationsApplied = await migrateReadModels(database.dataSource, options.migrate !== false);
      });
      const vault = await PersonalDataVault.open(database.sql, { withSchemaLock: database.withSchemaLock });
      const store = await openEventStore(database, options, onBackgroundError);
      const projections = readModels.flatMap((m) => m.projections);
      assertUniqueNames(projections);
      const progress = new ProjectionProgress(database.sql, database.notifications, projections, onBackgroundError);
      await progress.start();
      const rebuilder = new ProjectionRebuilder(store, database.dataSource, progress);
      const cacheCoherence = database.kind === 'postgres' ? new CacheCoherence(database.sql, database.notifications, { onError: onBackgroundError }) : undefined;
      await cacheCoherence?.start();
      const runtime = new PlatformRuntime(database, store, projections, progress, rebuilder, vault, cacheCoherence, options);
      runtime.migrationsApplied = migrationsApplied;
      return runtime;
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }

  startProjections(): void {
    for (const runner of this.runners) runner.start();
  }

  projection(name: string): Projection {
    const found = this.projections.find((p) => p.name === name);
    if (!found) throw new Error(`No projection named ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return found;
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.cacheCoherence?.stop();
    await this.progress.stop();
    await this.store.close();
    await this.database.close();
  }
}

async function openEventStore(database: Database, options: PlatformRuntimeOptions, onBackgroundError: (error: Error) => void): Promise<EventStore> {
  let store: EventStore;
  if (options.eventStore === 'eventstoredb') {
    if (!options.eventStoreConnectionString) throw new Error('EVENTSTORE_CONNECTION_STRING is required with EVENT_STORE=eventstoredb');
    store = await EventStoreDbEventStore.connect(options.eventStoreConnectionString);
  } else {
    store = await PostgresEventStore.open({
      sql: database.sql,
      notifications: database.notifications,
      withSchemaLock: database.withSchemaLock,
      onBackgroundError,
    });
  }
  // Appends are timed for /metrics (event_store_append_duration_seconds), whichever adapter.
  const timed = new TimedEventStore(store);
  const upcasters = options.upcasters ?? new UpcasterRegistry();
  return upcasters.isEmpty ? timed : new UpcastingEventStore(timed, upcasters);
}

function assertUniqueNames(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const { name } of projections) {
    if (seen.has(name)) throw new Error(`Two projections are named ${name}`);
    seen.add(name);
  }
}
