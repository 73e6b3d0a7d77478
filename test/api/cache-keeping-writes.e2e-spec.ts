import { randomUUID } from 'node:crypto';
import { testServerUrl } from '@app/platform/testing';
import { TestApp } from '../support/test-app';

const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * A signalled read-model change drops every process's caches (ADR 007), unless it names the
 * changed rows' cache keys (a revoked token or PAT drops only its own entry). So a write that
 * changes no row a cache can hold must not signal: adding accounts would otherwise make every
 * credential check after it a database read. A write that does change a cached row still signals,
 * and the credential checks that then arrive together share their lookups (ADR 012).
 */
describePostgres('the caches around writes', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
    await api.untilCachesServe();
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

  const patLookupsDuring = async <T>(work: () => Promise<T>) => {
    const query = jest.spyOn(api.runtime.database.dataSource, 'query');
    try {
      const result = await work();
      return { result, lookups: query.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('FROM personal_access_tokens')).length };
    } finally {
      query.mockRestore();
    }
  };

  it('a revoked PAT drops only its own cached credential: the others are checked without reading their rows', async () => {
    const owner = await api.signUp();
    const created = await api.createPats(owner, 3);
    expect((await api.request('DELETE', `/personal_access_tokens/${created[0].patId}`, { headers: owner.bearer })).status).toBe(200);

    const { result: replies, lookups } = await patLookupsDuring(() => Promise.all(created.map(({ header }) => api.request('GET', '/accounts/me', { headers: header }))));

    expect(replies.map((reply) => reply.status)).toEqual([401, 200, 200]);
    expect(lookups).toBe(1);
  });

  describe('after a change dropped the caches', () => {
    it('given eight PATs checked at once right after one was revoked and a role change dropped every cache, then their rows come in fewer statements than requests, and the revoked one is refused', async () => {
      const owner = await api.signUp();
      const created = await api.createPats(owner, 8);
      expect((await api.request('DELETE', `/personal_access_tokens/${created[0].patId}`, { headers: owner.bearer })).status).toBe(200);
      // A member's new role drops every cache (a role backs many credentials), the PATs' too.
      const { accountId } = await api.addAccount(owner, { email: `member-${randomUUID()}@example.com` });
      expect((await api.request('PUT', `/accounts/${accountId}/roles`, { headers: owner.bearer, body: { set_roles: [{ product: 'LiveChat', role: 'normal' }] } })).status).toBe(200);

      const sql = api.runtime.database.sql;
      const { result: replies, lookups } = await patLookupsDuring(async () => {
        // The table locked, the first lookup waits in the database, so every request surely arrives
        // while it is in flight (without it, requests that arrive a few hundred microseconds apart
        // may each find nothing in flight, which is also right).
        const pending = await sql.transaction(async (tx) => {
          await tx.query('LOCK TABLE personal_access_tokens IN ACCESS EXCLUSIVE MODE');
          const requests = Promise.all(created.map(({ header }) => api.request('GET', '/accounts/me', { headers: header })));
          const waiting = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM personal_access_tokens%'";
          for (const deadline = Date.now() + 10_000; (await sql.query(waiting)).length === 0; ) {
            if (Date.now() > deadline) throw new Error('no PAT lookup ever waited on the locked table');
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { requests };
        });
        return pending.requests;
      });

      expect(replies.map((reply) => reply.status)).toEqual([401, ...Array(7).fill(200)]);
      expect(lookups).toBeGreaterThan(0);
      expect(lookups).toBeLessThan(created.length);
    });
  });
});
