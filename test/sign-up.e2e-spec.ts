import { expectMatchesSpec } from '../libs/platform/src/testing/spec-schemas';
import { TestApp } from './support/test-app';

describe('POST /v2/organizations (sign-up) then the account and organization it made', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('creates account, organization and owner token, and the token reads them back', async () => {
    const signUp = await api.request('POST', '/organizations', {
      body: { email: 'Founder@Example.com', password: 'correct horse', organization: { name: 'Acme', company: { phone: '+1 555 0100' } } },
    });
    expect(signUp.status).toBe(200);
    expectMatchesSpec(signUp.body, '/organizations', 'post', 200);
    expect(signUp.body.access_token).toMatch(/^dal:[A-Za-z0-9_-]+$/);
    expect(signUp.body.organization).toEqual({ organization_id: signUp.body.default_organization_id, name: 'Acme', company: { phone: '+1 555 0100' } });
    const bearer = { authorization: `Bearer ${signUp.body.access_token}` };

    const me = await api.request('GET', '/accounts/me', { headers: bearer });
    expect(me.status).toBe(200);
    expectMatchesSpec(me.body, '/accounts/{account_id}', 'get', 200);
    expect(me.body).toMatchObject({ account_id: signUp.body.account_id, email: 'Founder@Example.com', roles: [{ role: 'owner', type: 'primary' }] });

    const organization = await api.request('GET', '/organizations/my', { headers: bearer });
    expect(organization.status).toBe(200);
    expectMatchesSpec(organization.body, '/organizations/{organization_id}', 'get', 200);

    // Everything the sign-up recorded names the new account as its actor.
    const actors = await api.runtime.database.sql.query<{ actor: string }>(
      "SELECT DISTINCT metadata->>'actorId' AS actor FROM es_events WHERE stream_id IN ($1, $2)",
      [`account-${signUp.body.account_id}`, `organization-${signUp.body.organization.organization_id}`],
    );
    expect(actors).toEqual([{ actor: signUp.body.account_id }]);

    const again = await api.request('POST', '/organizations', { body: { email: 'founder@example.COM' } });
    expect(again.status).toBe(409);
    expectMatchesSpec(again.body, '/organizations', 'post', 409);
  });
});
