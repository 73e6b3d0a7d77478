import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exited, spawnApp } from '../support/api-process';

const API = 'apps/api/src/main.ts';
/** Long enough for a slow boot plus the client's own retries on a loaded machine; bounded all the same. */
const EXIT_DEADLINE_MS = 120_000;

/**
 * The event store cannot be reached at boot: the process must say so and exit non-zero, within a
 * bounded time, instead of hanging half started. The database itself is fine (the embedded one);
 * only the configured EventStoreDB is a closed port. (An unreachable PostgreSQL at boot, which is
 * the event store by default, is test/api-boot.)
 */
describe('boot with the event store unreachable', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'es-unreachable-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits non-zero with a clear error naming the event store', async () => {
    const started = Date.now();
    const app = spawnApp(API, {
      DATABASE_URL: undefined,
      TEST_DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
      LOG_LEVEL: 'info',
    });
    const timer = setTimeout(() => app.child.kill('SIGKILL'), EXIT_DEADLINE_MS);
    const code = await exited(app.child);
    clearTimeout(timer);
    expect({ code, within: Date.now() - started < EXIT_DEADLINE_MS }).toEqual({ code: 1, within: true });
    expect(app.output()).toMatch(/the service could not start/);
    expect(app.output()).toMatch(/event ?store|eventstore|esdb|ECONNREFUSED|127\.0\.0\.1:1/i);
  }, EXIT_DEADLINE_MS + 30_000);
});
