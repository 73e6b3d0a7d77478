import { CacheCoherence, HOLDERS_BEHIND, openDatabase } from '@app/platform';
import { eventually, testServerUrl } from '@app/platform/testing';
import { TestApp } from '../support/test-app';

const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * A process alone on its database waits, before a write's reply, only for its own cache to drop
 * what the write changed; with another process about, it asks every holder (ADR 018). Either way
 * a revoked credential is refused at the very next request.
 */
describePostgres('a lone process’s writes', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
    await api.untilCachesServe();
  }, 60_000);
  afterAll(() => api.stop());

  const askedAllHoldersDuring = async <T>(work: () => Promise<T>) => {
    const query = jest.spyOn(api.runtime.database.sql, 'query');
    try {
      const result = await work();
      return { result, asked: query.mock.calls.filter(([text]) => text === HOLDERS_BEHIND).length };
    } finally {
      query.mockRestore();
    }
  };

  it('alone, a revocation asks no other holder; beside a second process it asks them all; the revoked PAT is refused at once both times', async () => {
    const owner = await api.signUp();
    const pats = await api.createPats(owner, 2);
    expect(await eventually(() => api.runtime.database.notifications.alone(), Boolean)).toBe(true);

    const alone = await askedAllHoldersDuring(() => api.request('DELETE', `/personal_access_tokens/${pats[0].patId}`, { headers: owner.bearer }));
    expect(alone.result.status).toBe(200);
    expect(alone.asked).toBe(0);
    expect((await api.request('GET', '/accounts/me', { headers: pats[0].header })).status).toBe(401);

    // A second process: its own connections, listener and cache holder on the same database.
    const second = await openDatabase({ databaseUrl: api.databaseUrl });
    const holder = new CacheCoherence(second.sql, second.notifications);
    try {
      await holder.start();
      expect(await eventually(() => api.runtime.database.notifications.alone(), (isAlone) => !isAlone)).toBe(false);
      const among = await askedAllHoldersDuring(() => api.request('DELETE', `/personal_access_tokens/${pats[1].patId}`, { headers: owner.bearer }));
      expect(among.result.status).toBe(200);
      expect(among.asked).toBeGreaterThan(0);
      expect((await api.request('GET', '/accounts/me', { headers: pats[1].header })).status).toBe(401);
    } finally {
      await holder.stop();
      await second.close();
    }
  });
});
