import { Client, Pool } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { guardedPgClient } from './guarded-pg-client';
import { LocalLocks } from './local-locks';
import { LocalNotifications } from './local-notifications';
import { PgAdvisoryLocks } from './pg-advisory-locks';
import type { PgLikePool } from './pg-like-pool';
import { PgNotifications } from './pg-notifications';
import { PglitePool } from './pglite-pool';
import { PoolSqlDatabase } from './pool-sql-database';
import type { ExclusiveLocks, Notifications, SqlDatabase } from './sql';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; in memory when absent (tests). */
  dataDir?: string;
  poolSize?: number;
  entities?: MixedList<Function | string | EntitySchema>;
  migrations?: MixedList<Function | string>;
  onBackgroundError?: (error: Error) => void;
  /** Called for every statement the pool's connections send (each is one round trip). */
  onQuery?: () => void;
}

/** Everything that talks to the one PostgreSQL (or PGlite) database, opened together. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly sql: SqlDatabase;
  readonly pool: PgLikePool;
  /** TypeORM, for read-model entities, migrations and query handlers. */
  readonly dataSource: DataSource;
  readonly notifications: Notifications;
  readonly locks: ExclusiveLocks;
  /** Runs DDL while holding a lock that every process takes for schema changes. */
  withSchemaLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const reportBackgroundError = (error: Error) => options.onBackgroundError?.(error);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    poolSize: options.poolSize ?? 10,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'read_model_migrations',
    // Dropped connections are replaced by the pool; the error is reported, not thrown.
    poolErrorHandler: reportBackgroundError,
    extra: { Client: guardedPgClient(reportBackgroundError, options.onQuery) },
  });
  await dataSource.initialize();
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const notifications = new PgNotifications(url, pool, options.onBackgroundError);
  return {
    kind: 'postgres',
    sql: new PoolSqlDatabase(pool),
    pool,
    dataSource,
    notifications,
    locks: new PgAdvisoryLocks(url),
    withSchemaLock: (work) => withPgSchemaLock(url, work),
    close: async () => {
      await notifications.close();
      await dataSource.destroy();
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const pool = await PglitePool.open(options.dataDir, options.onQuery);
  const dataSource = new DataSource({
    type: 'postgres',
    // TypeORM's postgres driver builds its pool with `new driver.Pool()`: hand it the embedded one.
    driver: { Pool: function EmbeddedPool() { return pool; } },
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'read_model_migrations',
  });
  await dataSource.initialize();
  return {
    kind: 'pglite',
    sql: new PoolSqlDatabase(pool),
    pool,
    dataSource,
    notifications: new LocalNotifications(),
    locks: new LocalLocks(),
    withSchemaLock: (work) => work(),
    close: async () => {
      await dataSource.destroy();
    },
  };
}

async function withPgSchemaLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended('schema-changes', 0))");
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}
