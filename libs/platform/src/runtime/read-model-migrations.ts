import type { DataSource } from 'typeorm';

/** The read-model schema is behind the code, and this process was told not to migrate it. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(`Read-model migrations are pending (${pending.join(', ')}): run \`admin migrate\`, or start with RUN_MIGRATIONS=true`);
    this.name = 'PendingMigrationsError';
  }
}

/**
 * Brings the read-model schema up to date (each migration in its own transaction) and returns the
 * names of those applied now; or, when `run` is false, only checks that none is pending. The
 * schema is only ever changed by migrations: never TypeORM's synchronize outside tests.
 */
export async function migrateReadModels(dataSource: DataSource, run: boolean): Promise<string[]> {
  if (run) return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  const executed = new Set(
    ((await dataSource.query(`SELECT name FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`).catch(() => [])) as { name: string }[]).map((r) => r.name),
  );
  const pending = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !executed.has(name));
  if (pending.length > 0) throw new PendingMigrationsError(pending);
  return [];
}
