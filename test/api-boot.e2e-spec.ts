import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BOOT_TIMEOUT_MS, exited, spawnApp, startApiProcess } from './support/api-process';
import { describeStoreIndependent } from './support/store-independent';

const API = 'apps/api/src/main.ts';

// Whatever database the run uses, the process boots on the embedded one or on a bad address.
describeStoreIndependent('the API process', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'accounts-boot-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database with no server, reports ready, and shuts down cleanly on SIGTERM', async () => {
    const api = await startApiProcess(API, { DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, DATA_DIR: dataDir });
    const live = await fetch(`${api.url}/healthz`);
    expect(live.status).toBe(200);
    expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = (await (await fetch(`${api.url}/readyz`)).json()) as { status: string; checks: Record<string, { ok: boolean; detail?: object }> };
    expect(ready.status).toBe('ready');
    expect(ready.checks.database).toEqual({ ok: true, detail: { kind: 'pglite' } });
    expect(ready.checks.projections.ok).toBe(true);
    api.child.kill('SIGTERM');
    expect(await exited(api.child)).toBe(0);
  }, BOOT_TIMEOUT_MS + 30_000);

  it('refuses to start with a bad setting and names it', async () => {
    const app = spawnApp(API, { PORT: 'abc', DATA_DIR: dataDir });
    expect(await exited(app.child)).toBe(1);
    expect(app.output()).toMatch(/PORT must be an integer between 1 and 65535/);
  }, BOOT_TIMEOUT_MS + 30_000);

  it('exits non-zero with a clear error when the database is unreachable at boot', async () => {
    const app = spawnApp(API, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/accounts', LOG_LEVEL: 'info' });
    expect(await exited(app.child)).toBe(1);
    expect(app.output()).toMatch(/the service could not start/);
    expect(app.output()).toMatch(/ECONNREFUSED/);
  }, BOOT_TIMEOUT_MS + 30_000);
});
