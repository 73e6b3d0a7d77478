import { testServerUrl } from '@app/platform/testing';
import { TestApp } from '../support/test-app';

const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * A revocation drops every process's credential cache (ADR 007). The requests that then arrive
 * together must not cost a lookup each: their secrets are read together (ADR 012), and a lookup
 * still never answers a request with what was true before it arrived (the revoked PAT fails).
 */
describePostgres('credential lookups after a cache drop', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
  }, 60_000);
  afterAll(() => api.stop());

  it('given eight PATs checked at once right after one was revoked, then their rows come in fewer statements than requests, and the revoked one is refused', async () => {
    const owner = await api.signUp();
    const created: { patId: string; header: Record<string, string> }[] = [];
    for (let i = 0; i < 8; i++) {
      const reply = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: `pat ${i}` } });
      expect(reply.status).toBe(201);
      created.push({ patId: reply.body.pat_id, header: { authorization: `Basic ${Buffer.from(`${owner.accountId}:${reply.body.token}`).toString('base64')}` } });
    }
    for (const { header } of created) await api.untilCredentialWorks(header);
    expect((await api.request('DELETE', `/personal_access_tokens/${created[0].patId}`, { headers: owner.bearer })).status).toBe(200);

    const query = jest.spyOn(api.runtime.database.dataSource, 'query');
    const sql = api.runtime.database.sql;
    // The table locked, the first lookup waits in the database, so every request surely arrives
    // while it is in flight (without it, requests that arrive a few hundred microseconds apart
    // may each find nothing in flight, which is also right).
    const pending = await sql.transaction(async (tx) => {
      await tx.query('LOCK TABLE personal_access_tokens IN ACCESS EXCLUSIVE MODE');
      const requests = Promise.all(created.map(({ header }) => api.request('GET', '/accounts/me', { headers: header })));
      while ((await sql.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM personal_access_tokens%'")).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { requests };
    });
    const replies = await pending.requests;
    const lookups = query.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('FROM personal_access_tokens')).length;
    query.mockRestore();

    expect(replies.map((reply) => reply.status)).toEqual([401, ...Array(7).fill(200)]);
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThan(created.length);
  });
});
