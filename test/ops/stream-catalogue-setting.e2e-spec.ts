import { TestApp } from '../support/test-app';

const CATALOGUE = 'stream-catalogue';

/** ADR 029: the stream catalogue, which no request reads, is kept only where STREAM_CATALOGUE asks for it. */
describe('STREAM_CATALOGUE', () => {
  const catalogued = async (app: TestApp, streamId: string) =>
    (await app.runtime.database.sql.query<{ category: string; event_count: string }>('SELECT category, event_count::text FROM stream_catalogue WHERE stream_id = $1', [streamId]));

  it('given the default, when an account signs up, then no catalogue projection runs and its table stays empty', async () => {
    const app = await TestApp.start();
    try {
      const owner = await app.signUp();
      await app.readModelsInclude(`account-${owner.accountId}`);

      expect(app.runtime.projections.map((p) => p.name)).not.toContain(CATALOGUE);
      expect(app.runtime.projections.map((p) => p.name)).toContain('audit');
      expect(await app.runtime.database.sql.query('SELECT stream_id FROM stream_catalogue')).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  it('given STREAM_CATALOGUE=true, when an account signs up, then the catalogue lists its stream', async () => {
    const app = await TestApp.start({ STREAM_CATALOGUE: 'true' });
    try {
      const owner = await app.signUp();
      await app.readModelsInclude(`account-${owner.accountId}`);

      expect(app.runtime.projections.map((p) => p.name)).toContain(CATALOGUE);
      expect(await catalogued(app, `account-${owner.accountId}`)).toEqual([{ category: 'account', event_count: expect.stringMatching(/^[1-9]\d*$/) }]);
    } finally {
      await app.stop();
    }
  });
});
