import { randomUUID } from 'node:crypto';
import { openDatabase, PlatformRuntime } from '@app/platform';
import { createEmptyDatabase, dropDatabase, silentLog, testEvent, testServerUrl, uniqueStream } from '@app/platform/testing';
import { exited, freePort, spawnApp, startApiProcess, type ApiProcess } from '../support/api-process';
import { runAdmin } from '../support/run-admin';
import { call, signUpOver, until } from './support/http';
import { tableDigest } from './support/world-digest';

const API = 'apps/api/src/main.ts';
/** Compiling and starting the app from source can take over a minute on a loaded machine. */
const BOOT_MS = 150_000;

/**
 * The real API, killed with SIGKILL while its projections replay a backlog (real writes, then filler),
 * then started again: the read models must catch up to exactly what a replay of the log gives, and
 * every write acknowledged before the kill must be readable.
 */
/**
 * PostgreSQL only: the embedded database admits one process at a time, so nothing outside the
 * victim can watch its checkpoints to kill it mid-way (and it projects before it listens).
 */
const describeWithServer = testServerUrl() ? describe : describe.skip;

describeWithServer('the API killed with SIGKILL in the middle of projecting (PostgreSQL; skipped on the embedded database)', () => {
  let databaseUrl: string | undefined;
  const dataDir: string | undefined = undefined;
  let api: ApiProcess | undefined;
  const env = () => ({ DATABASE_URL: databaseUrl, TEST_DATABASE_URL: undefined, DATA_DIR: dataDir });

  beforeAll(async () => {
    const server = testServerUrl();
    databaseUrl = server ? await createEmptyDatabase(server) : undefined;
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    if (databaseUrl) await dropDatabase(testServerUrl()!, databaseUrl);
  });

  async function withDatabase<T>(work: (sql: Awaited<ReturnType<typeof openDatabase>>['sql']) => Promise<T>): Promise<T> {
    const database = await openDatabase({ databaseUrl, dataDir });
    try {
      return await work(database.sql);
    } finally {
      await database.close();
    }
  }

  const readModelTables = (sql: Awaited<ReturnType<typeof openDatabase>>['sql']) =>
    sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('es_events', 'projection_checkpoints', 'personal_data_keys', 'read_model_migrations', 'read_model_cache_holders', 'read_model_changes') ORDER BY 1`,
    );

  it('restarts into read models equal to a replay, with every acknowledged write', async () => {
    api = await startApiProcess(API, env(), BOOT_MS);
    const owner = await signUpOver(api.url);
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5; i++) {
          const reply = await call(api!.url, 'POST', '/v2/accounts', { headers: owner.bearer, body: { email: `backlog-${randomUUID()}@example.com`, name: `Backlog ${i}` } });
          expect(reply.status).toBe(201);
          acknowledged.push(reply.body.account_id);
        }
      }),
    );
    await api.stop('SIGTERM');
    api = undefined;

    // A backlog for the next process: every projection starts over from the beginning of the log,
    // as after a new projection version, with its tables empty.
    await withDatabase(async (sql) => {
      for (const { name } of await readModelTables(sql)) await sql.query(`TRUNCATE "${name}" CASCADE`);
      await sql.query('UPDATE projection_checkpoints SET commit_position = NULL, prepare_position = NULL');
    });
    // Behind the real writes, enough filler that the projections take a while to get through.
    const writer = await PlatformRuntime.open({ databaseUrl, dataDir, log: silentLog });
    try {
      for (let i = 0; i < 300; i++) {
        await writer.store.appendToStream(uniqueStream('filler'), Array.from({ length: 100 }, (_, n) => testEvent('FillerQueued', { n })), { expectedRevision: 'no_stream' });
      }
    } finally {
      await writer.close();
    }

    // A process that projects, killed while its projections are part way through the backlog, as
    // their checkpoints show (read over a connection of the test's own, polled every few ms).
    const observer = await openDatabase({ databaseUrl });
    const victim = spawnApp(API, { ...env(), PORT: String(await freePort()) });
    try {
      const atKill = await until('projections part way through the backlog', async () => {
        const [row] = await observer.sql.query<{ moved: number; behind: boolean }>(
          `SELECT count(*) FILTER (WHERE prepare_position IS NOT NULL)::int AS moved,
                  coalesce(bool_or(prepare_position IS DISTINCT FROM (SELECT max(global_position) FROM es_events)), false) AS behind
           FROM projection_checkpoints`,
        );
        return row.moved > 0 && row.behind ? row : undefined;
      }, BOOT_MS, 5);
      victim.child.kill('SIGKILL');
      expect(atKill.behind).toBe(true);
    } finally {
      victim.child.kill('SIGKILL');
      await exited(victim.child);
      await observer.close();
    }

    api = await startApiProcess(API, env(), BOOT_MS);
    // Caught up: the owner's list shows every account acknowledged before the kill.
    await until('read models caught up', async () => {
      const listed = await call(api!.url, 'GET', '/v2/accounts', { headers: owner.bearer });
      const ids = new Set((listed.body as { account_id: string }[]).map((a) => a.account_id));
      return acknowledged.every((id) => ids.has(id)) || undefined;
    });
    await until('/readyz ready with no projection lag', async () => {
      const ready = await call(api!.url, 'GET', '/readyz');
      return ready.status === 200 && Object.values(ready.body.checks.projections.detail.lag as Record<string, number>).every((lag) => lag === 0) ? true : undefined;
    });
    await api.stop('SIGTERM');
    api = undefined;

    const live = await withDatabase(async (sql) => tableDigest(sql, (await readModelTables(sql)).map((t) => t.name)));
    const rebuild = await runAdmin(['projections', 'rebuild', '--all', '--json'], env());
    expect({ code: rebuild.code, stderr: rebuild.code === 0 ? '' : rebuild.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    const replayed = await withDatabase(async (sql) => tableDigest(sql, (await readModelTables(sql)).map((t) => t.name)));
    expect(live).toEqual(replayed);
    expect(Number(live.accounts.split(':')[0])).toBe(acknowledged.length + 1);
  }, 600_000);
});
