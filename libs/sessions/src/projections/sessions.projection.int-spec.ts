import { randomUUID } from 'node:crypto';
import type { EncryptedValue, PlatformRuntime, RecordedEvent } from '@app/platform';
import { createTestRuntime, testMetadata, testServerUrl, type TestRuntime } from '@app/platform/testing';
import { sessionStream, type SessionEvent } from '../domain/session';
import { SESSIONS_READ_MODEL } from '../sessions.module';

interface Row {
  session_id: string;
  account_id: string;
  identity_source: string;
  ip: string | null;
  user_agent: string | null;
}

const rows = (runtime: PlatformRuntime): Promise<Row[]> =>
  runtime.database.dataSource.query('SELECT session_id, account_id, identity_source, ip, user_agent FROM sessions ORDER BY started_at, session_id');

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

describe(`sessions projection on ${kind}`, () => {
  let test: TestRuntime;
  let runtime: PlatformRuntime;
  const account = randomUUID();
  const [first, second] = [randomUUID(), randomUUID()];

  async function append(sessionId: string, event: SessionEvent): Promise<void> {
    const appended = await runtime.store.appendToStream(sessionStream(sessionId), [{ id: randomUUID(), type: event.type, data: event.data, metadata: testMetadata() }], {
      expectedRevision: 'any',
    });
    expect(await runtime.progress.waitFor(appended.position, 10_000)).toBe(true);
  }

  async function started(sessionId: string, ip: string, userAgent: string, at: string): Promise<SessionEvent> {
    const seal = (value: string): Promise<EncryptedValue> => runtime.vault.encrypt(account, value);
    return {
      type: 'SessionStarted',
      data: {
        session_id: sessionId,
        account_id: account,
        organization_id: randomUUID(),
        identity_source: 'credentials',
        ip: await seal(ip),
        user_agent: await seal(userAgent),
        started_at: at,
      },
    };
  }

  async function sessionEvents(): Promise<RecordedEvent[]> {
    return (await runtime.store.readAll({ after: null, maxCount: 1000 })).filter((e) => e.streamId.startsWith('session-'));
  }

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [SESSIONS_READ_MODEL] });
    runtime = test.runtime;
    await runtime.vault.createKey(account);
    runtime.startProjections();
    await append(first, await started(first, '194.181.146.158', 'Firefox', '2026-01-01T00:00:00.000Z'));
    await append(second, await started(second, '10.0.0.7', 'Safari', '2026-01-01T01:00:00.000Z'));
  });
  afterAll(async () => test.dispose());

  it('shows each started session with its device data opened', async () => {
    expect(await rows(runtime)).toEqual([
      { session_id: first, account_id: account, identity_source: 'credentials', ip: '194.181.146.158', user_agent: 'Firefox' },
      { session_id: second, account_id: account, identity_source: 'credentials', ip: '10.0.0.7', user_agent: 'Safari' },
    ]);
  });

  it('deletes a removed session, and replaying applied events changes nothing', async () => {
    await append(first, { type: 'SessionRemoved', data: { session_id: first, account_id: account, reason: 'signed_out', removed_at: '2026-01-02T00:00:00.000Z' } });
    const before = await rows(runtime);
    expect(before.map((row) => row.session_id)).toEqual([second]);

    const applied = await sessionEvents();
    const projection = runtime.projection('sessions');
    await runtime.database.dataSource.transaction((tx) => projection.apply(applied, tx));
    await runtime.database.dataSource.transaction((tx) => projection.apply(applied.filter((e) => e.type === 'SessionRemoved'), tx));
    expect(await rows(runtime)).toEqual(before);
  });

  it("opens an erased account's device data to nothing when rebuilt", async () => {
    await runtime.vault.destroyKey(account);
    const projection = runtime.projection('sessions');
    const applied = await sessionEvents();
    await runtime.database.dataSource.transaction(async (tx) => {
      await tx.query('DELETE FROM sessions');
      await projection.apply(applied, tx);
    });
    expect(await rows(runtime)).toEqual([{ session_id: second, account_id: account, identity_source: 'credentials', ip: null, user_agent: null }]);
  });
});
