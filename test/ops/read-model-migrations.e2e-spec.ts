import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PlatformRuntime, type PlatformRuntimeOptions } from '@app/platform';
import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { READ_MODELS } from '../../apps/api/src/read-models';

const quiet = { info: () => undefined, error: () => undefined };

/** One database (a fresh PostgreSQL one, or an embedded folder) opened as often as a test likes. */
async function freshDatabase(): Promise<{ options: Pick<PlatformRuntimeOptions, 'databaseUrl' | 'dataDir'>; dispose(): Promise<void> }> {
  const server = testServerUrl();
  if (server) {
    const url = await createEmptyDatabase(server);
    return { options: { databaseUrl: url }, dispose: () => dropDatabase(server, url) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  return { options: { dataDir: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

const open = (options: Partial<PlatformRuntimeOptions>) => PlatformRuntime.open({ readModels: READ_MODELS, log: quiet, ...options });

describe('read-model migrations', () => {
  it('given RUN_MIGRATIONS=false on a new database, when the service opens it, then it refuses and says to run admin migrate', async () => {
    const db = await freshDatabase();
    try {
      await expect(open({ ...db.options, migrate: false })).rejects.toThrow(/Read-model migrations are pending \(.+\): run `admin migrate`/);
    } finally {
      await db.dispose();
    }
  });

  it('given a migrated database, when opened again with or without migrating, then nothing is left to apply', async () => {
    const db = await freshDatabase();
    try {
      const first = await open(db.options);
      expect(first.migrationsApplied.length).toBeGreaterThan(0);
      // Applied in timestamp order, whatever order the modules list them in.
      expect([...first.migrationsApplied].sort()).toEqual(first.database.dataSource.migrations.map((m) => m.name!).sort());
      await first.close();

      const second = await open({ ...db.options, migrate: false });
      expect(second.migrationsApplied).toEqual([]);
      await second.close();
      const third = await open(db.options);
      expect(third.migrationsApplied).toEqual([]);
      await third.close();
    } finally {
      await db.dispose();
    }
  });

  it('given the migrated schema, when TypeORM compares it with the entities, then everything they declare exists', async () => {
    const db = await freshDatabase();
    const runtime = await open(db.options);
    try {
      const { dataSource } = runtime.database;
      expect(dataSource.options.synchronize ?? false).toBe(false);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // Migrations may add indexes the entities do not declare (for queries written in SQL);
      // synchronize would drop them, which is one more reason it never runs outside tests.
      const missing = pending.upQueries.map((query) => query.query).filter((query) => !/^DROP INDEX /.test(query));
      expect(missing).toEqual([]);
      expect(pending.upQueries.length).toBeLessThan(5);
    } finally {
      await runtime.close();
      await db.dispose();
    }
  });
});
