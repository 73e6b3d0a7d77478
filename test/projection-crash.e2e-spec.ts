import { PlatformRuntime, readCheckpoints, type Position } from '@app/platform';
import { createEmptyDatabase, dropDatabase, silentLog, testEvent, testServerUrl, uniqueStream } from '@app/platform/testing';
import { startApiProcess } from './support/api-process';
import { runAdmin } from './support/run-admin';

const PROBE_APP = 'test/fixtures/probe/main.ts';
const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('an API process killed in the middle of projecting', () => {
  let url: string;
  let writer: PlatformRuntime;

  beforeAll(async () => {
    url = await createEmptyDatabase(testServerUrl()!);
    writer = await PlatformRuntime.open({ databaseUrl: url, log: silentLog });
  });
  afterAll(async () => {
    await writer?.close();
    await dropDatabase(testServerUrl()!, url);
  });

  const catalogue = () => writer.database.sql.query('SELECT * FROM stream_catalogue ORDER BY stream_id');
  const checkpoint = async (): Promise<Position | null> =>
    (await readCheckpoints(writer.database.sql)).find((c) => c.name === 'stream-catalogue')?.position ?? null;

  it('leaves read models that, after a restart, equal a fresh rebuild', async () => {
    const first = await startApiProcess(PROBE_APP, { DATABASE_URL: url });
    await first.stop('SIGTERM');
    // A backlog for the next process to work through.
    for (let i = 0; i < 1_000; i++) {
      await writer.store.appendToStream(uniqueStream('backlog'), Array.from({ length: 100 }, (_, n) => testEvent('Queued', { n })), {
        expectedRevision: 'no_stream',
      });
    }
    const total = await writer.store.countAfter(null);

    const victim = await startApiProcess(PROBE_APP, { DATABASE_URL: url });
    while ((await checkpoint()) === null) await new Promise((resolve) => setTimeout(resolve, 5));
    await victim.stop('SIGKILL');
    const lagAtKill = await writer.store.countAfter(await checkpoint());
    expect(lagAtKill).toBeGreaterThan(0);
    expect(lagAtKill).toBeLessThan(total);

    const restarted = await startApiProcess(PROBE_APP, { DATABASE_URL: url });
    const deadline = Date.now() + 60_000;
    while ((await writer.store.countAfter(await checkpoint())) > 0) {
      if (Date.now() > deadline) throw new Error('the restarted process did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const live = await catalogue();
    expect(live.reduce((n, row) => n + Number(row.event_count), 0)).toBe(total);

    const rebuild = await runAdmin(['projections', 'rebuild', 'stream-catalogue', '--json'], { DATABASE_URL: url });
    expect(rebuild.code).toBe(0);
    expect(await catalogue()).toEqual(live);
    await restarted.stop();
  }, 180_000);
});
