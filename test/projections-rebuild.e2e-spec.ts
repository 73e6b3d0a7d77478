import { createTestRuntime, testEvent, testServerUrl, uniqueStream, type TestRuntime } from '@app/platform/testing';
import type { Position } from '@app/platform';
import { READ_MODELS } from '../apps/admin/src/read-models';
import { runAdmin } from './support/run-admin';

const STREAMS = 1_000;
const EVENTS_PER_STREAM = 100;
const TOTAL = STREAMS * EVENTS_PER_STREAM;

const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres(`admin projections rebuild --all over ${TOTAL.toLocaleString('en')} events`, () => {
  let test: TestRuntime;
  beforeAll(async () => {
    test = await createTestRuntime('postgres', { readModels: READ_MODELS });
  });
  afterAll(async () => test?.dispose());

  const schemaObjects = async () => ({
    indexes: await test.runtime.database.sql.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    triggers: await test.runtime.database.sql.query(`SELECT tgrelid::regclass::text AS table, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    unlogged: await test.runtime.database.sql.query(`SELECT relname FROM pg_class WHERE relpersistence = 'u'`),
  });
  const changeCounter = async () => Number(((await test.runtime.database.sql.query('SELECT counter::text AS counter FROM read_model_changes')) as { counter: string }[])[0].counter);

  const snapshot = () =>
    test.runtime.database.sql.query('SELECT * FROM stream_catalogue ORDER BY stream_id') as Promise<Record<string, unknown>[]>;

  it('yields read models identical to the live ones, while the live runner keeps going', async () => {
    test.runtime.startProjections();
    let last!: Position;
    for (let start = 0; start < STREAMS; start += 50) {
      const positions = await Promise.all(
        Array.from({ length: 50 }, () =>
          test.runtime.store.appendToStream(
            uniqueStream('seed'),
            Array.from({ length: EVENTS_PER_STREAM }, (_, i) => testEvent('Seeded', { i })),
            { expectedRevision: 'no_stream' },
          ),
        ),
      );
      last = positions[positions.length - 1].position;
    }
    expect(await test.runtime.progress.waitFor(last, 120_000)).toBe(true);
    const live = await snapshot();
    expect(live).toHaveLength(STREAMS);
    const schemaBefore = await schemaObjects();
    const changesBefore = await changeCounter();

    // The catalogue is this test's sample projection; the admin keeps it only when asked to (ADR 029).
    const run = await runAdmin(['projections', 'rebuild', '--all', '--json'], { DATABASE_URL: test.url, STREAM_CATALOGUE: 'true' });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const summaries = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(summaries.map((s) => s.projection)).toEqual(test.runtime.projections.map((p) => p.name));
    for (const summary of summaries) expect(summary.events).toBe(TOTAL);
    expect(summaries[0].eventsPerSecond).toBeGreaterThan(0);

    expect(await snapshot()).toEqual(live);
    // The rebuilt tables took the live ones' place: the same indexes, constraints and triggers by
    // name, and every cache was told (no trigger sees a table swapped in).
    expect(await schemaObjects()).toEqual(schemaBefore);
    expect(await changeCounter()).toBeGreaterThan(changesBefore);

    // The live runner picks up from the swapped-in checkpoint: nothing is applied twice or lost.
    const after = await test.runtime.store.appendToStream(uniqueStream('late'), [testEvent('Late')], { expectedRevision: 'no_stream' });
    expect(await test.runtime.progress.waitFor(after.position, 10_000)).toBe(true);
    const rows = await snapshot();
    expect(rows).toHaveLength(STREAMS + 1);
    expect(rows.reduce((n, r) => n + Number(r.event_count), 0)).toBe(TOTAL + 1);

    const list = await runAdmin(['projections', 'list', '--json'], { DATABASE_URL: test.url, STREAM_CATALOGUE: 'true' });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout.trim().split('\n')[0])).toMatchObject({ name: 'stream-catalogue', version: 1, lag: 0 });
  }, 300_000);
});
