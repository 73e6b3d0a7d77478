import { randomUUID } from 'node:crypto';
import { testServerUrl } from '@app/platform/testing';
import { TestApp } from '../support/test-app';

const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * Every signalled read-model change drops every process's caches (ADR 007), so a write that
 * changes no row a cache can hold must not signal: adding accounts would otherwise make every
 * credential check after it a database read. A write that does change a cached row still signals.
 */
describePostgres('writes that change no cached row keep the caches', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
  }, 60_000);
  afterAll(() => api.stop());

  const counter = async () => (await api.runtime.database.sql.query<{ counter: string }>('SELECT counter::text AS counter FROM read_model_changes'))[0].counter;

  it('a new account with roles, and the same account asked for again, signal nothing', async () => {
    const owner = await api.signUp();
    await api.addAccount(owner); // the caches' first fill
    const before = await counter();

    const { email } = await api.addAccount(owner, { roles: [{ product: 'LiveChat', role: 'normal' }] });
    expect(await counter()).toBe(before);

    const again = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email } });
    expect(again.status).toBe(200);
    expect(await counter()).toBe(before);
  });

  it('a role granted to a member who already existed signals, so the grant bites at once', async () => {
    const owner = await api.signUp();
    const { accountId } = await api.addAccount(owner, { email: `member-${randomUUID()}@example.com` });
    const before = await counter();

    const granted = await api.request('PUT', `/accounts/${accountId}/roles`, { headers: owner.bearer, body: { set_roles: [{ product: 'LiveChat', role: 'normal' }] } });
    expect(granted.status).toBe(200);
    expect(BigInt(await counter())).toBeGreaterThan(BigInt(before));
  });
});
