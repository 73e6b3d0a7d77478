import { randomUUID } from 'node:crypto';
import { expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { expectError } from '../support/expect-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACCESS_TOKEN = /^[a-z0-9-]+:[A-Za-z0-9_-]+$/;
const OWNER_ROLE = { role_id: '6c0cb32a-530a-4eb1-9cce-dfecac046384', product: 'Accounts', role: 'owner', type: 'primary', predefined: true };

function expectNotFound(reply: ApiResponse, resourceId: string, spec: [path: string, method: string]): void {
  expectError(reply, 404, 'resource_not_found', spec);
  expect(reply.body).toMatchObject({ resource_name: 'organization', resource_id: resourceId });
}

const newEmail = () => `org-${randomUUID()}@example.com`;
const bearerOf = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Organizations over HTTP', () => {
  let api: TestApp;
  let owner: SignedUp;
  let stranger: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ name: 'Home' });
    stranger = await api.signUp({ name: 'Elsewhere' });
  });
  afterAll(async () => api?.stop());

  describe('POST /v2/organizations', () => {
    it('signs up without credentials (200): a new account owning a new organization, and a token for it', async () => {
      const email = newEmail();
      const reply = await api.request('POST', '/organizations', {
        body: { email, password: 'a good password', organization: { name: 'Founded', company: { phone: '+48 123 456 789', website: 'example.com' } } },
      });

      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-request-id')).toMatch(UUID);
      expectMatchesSpec(reply.body, '/organizations', 'post', 200);
      const organization = { organization_id: expect.stringMatching(UUID), name: 'Founded', company: { phone: '+48 123 456 789', website: 'example.com' } };
      expect(reply.body).toMatchObject({ account_id: expect.stringMatching(UUID), email, email_verified: false, organization, access_token: expect.stringMatching(ACCESS_TOKEN) });
      expect(reply.body.default_organization_id).toBe(reply.body.organization.organization_id);
      expect(reply.body).not.toHaveProperty('password');

      const bearer = bearerOf(reply.body.access_token);
      expect((await api.request('GET', '/organizations/me', { headers: bearer })).body).toEqual(reply.body.organization);
      const me = await api.request('GET', '/accounts/me', { headers: bearer });
      expect(me.body).toMatchObject({ account_id: reply.body.account_id, email, roles: [OWNER_ROLE] });
    });

    it('signs up with no organization details and no password', async () => {
      const email = newEmail();
      const reply = await api.request('POST', '/organizations', { body: { email } });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/organizations', 'post', 200);
      expect(reply.body).toMatchObject({ email, organization: { organization_id: expect.stringMatching(UUID), company: {} } });
      expect(reply.body.organization).not.toHaveProperty('name');
    });

    it('with credentials (200), creates a new organization owned by the caller, with a token for it', async () => {
      const founder = await api.signUp({ name: 'First' });

      const reply = await api.request('POST', '/organizations', { headers: founder.bearer, body: { email: founder.email, organization: { name: 'Second' } } });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/organizations', 'post', 200);
      expect(reply.body).toMatchObject({ account_id: founder.accountId, email: founder.email, organization: { name: 'Second' }, access_token: expect.stringMatching(ACCESS_TOKEN) });
      const secondId = reply.body.organization.organization_id;
      expect(secondId).not.toBe(founder.organizationId);

      const secondBearer = bearerOf(reply.body.access_token);
      expect((await api.request('GET', '/organizations/me', { headers: secondBearer })).body).toEqual({ organization_id: secondId, name: 'Second', company: {} });
      expect((await api.request('GET', '/accounts/me', { headers: secondBearer })).body.roles).toEqual([OWNER_ROLE]);
      expect((await api.request('GET', '/organizations/me', { headers: founder.bearer })).body).toMatchObject({ organization_id: founder.organizationId, name: 'First' });
    });

    it('answers 409 to a sign-up with an email already taken, whatever its case', async () => {
      const reply = await api.request('POST', '/organizations', { body: { email: owner.email.toUpperCase(), password: 'a good password' } });
      expectError(reply, 409, 'conflict', ['/organizations', 'post']);
    });

    it('answers 409 to a caller naming the email of another account', async () => {
      const reply = await api.request('POST', '/organizations', { headers: owner.bearer, body: { email: stranger.email, organization: { name: 'Grab' } } });
      expectError(reply, 409, 'conflict', ['/organizations', 'post']);
      const listed = await api.request('GET', '/organizations', { headers: owner.bearer });
      expect(listed.body.map((o: { name?: string }) => o.name)).not.toContain('Grab');
    });

    it('answers 422 naming each invalid field', async () => {
      const email = 'not an email';
      const reply = await api.request('POST', '/organizations', {
        body: { email, password: 'short', organization: { name: 'n'.repeat(128), company: { phone: '1'.repeat(21) } } },
      });

      expectError(reply, 422, 'invalid_request', ['/organizations', 'post']);
      expect(Object.keys(reply.body.invalid_fields).sort()).toEqual(['email', 'organization.company.phone', 'organization.name', 'password']);
      expect(reply.body.invalid_fields.email).toBe('invalid email address');
    });

    it('answers 400 to a body that is not JSON', async () => {
      expectError(await api.request('POST', '/organizations', { raw: '{"email":' }), 400, 'bad_request', ['/organizations', 'post']);
    });

    it('answers 401 to credentials that are sent but invalid, rather than signing up', async () => {
      const email = newEmail();
      expectError(await api.request('POST', '/organizations', { headers: { authorization: 'Bearer dal:nope' }, body: { email } }), 401, 'unauthorized');
      expect((await api.request('POST', '/organizations', { body: { email } })).status).toBe(200);
    });
  });

  describe('GET /v2/organizations', () => {
    it('lists the organizations the caller belongs to, and only those', async () => {
      const founder = await api.signUp({ name: 'Alpha' });
      const second = await api.request('POST', '/organizations', { headers: founder.bearer, body: { email: founder.email, organization: { name: 'Beta', company: { website: 'beta.example' } } } });
      expect(second.status).toBe(200);

      const reply = await api.request('GET', '/organizations', { headers: founder.bearer });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/organizations', 'get', 200);
      const byId = (list: { organization_id: string; name?: string; company?: object }[]) => [...list].sort((a, b) => a.organization_id.localeCompare(b.organization_id));
      expect(byId(reply.body)).toEqual(
        byId([
          { organization_id: founder.organizationId, name: 'Alpha', company: {} },
          { organization_id: second.body.organization.organization_id, name: 'Beta', company: { website: 'beta.example' } },
        ]),
      );
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', '/organizations'), 401, 'unauthorized', ['/organizations', 'get']);
    });
  });

  describe('GET /v2/organizations/{organization_id}', () => {
    it('returns the caller organization by id, `me` and `my`', async () => {
      const expected = { organization_id: owner.organizationId, name: 'Home', company: {} };
      for (const id of [owner.organizationId, owner.organizationId.toUpperCase(), 'me', 'my']) {
        const reply = await api.request('GET', `/organizations/${id}`, { headers: owner.bearer });
        expect(reply.status).toBe(200);
        expectMatchesSpec(reply.body, '/organizations/{organization_id}', 'get', 200);
        expect(reply.body).toEqual(expected);
      }
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', '/organizations/me'), 401, 'unauthorized', ['/organizations/{organization_id}', 'get']);
    });

    it('answers 404 with resource_name and resource_id for another organization and for an unknown one', async () => {
      const spec: [string, string] = ['/organizations/{organization_id}', 'get'];
      expectNotFound(await api.request('GET', `/organizations/${stranger.organizationId}`, { headers: owner.bearer }), stranger.organizationId, spec);
      const unknown = randomUUID();
      expectNotFound(await api.request('GET', `/organizations/${unknown}`, { headers: owner.bearer }), unknown, spec);
    });

    it('answers 422 naming organization_id for an id that is not a UUID', async () => {
      const reply = await api.request('GET', '/organizations/mine', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request');
      expect(reply.body.invalid_fields).toEqual({ organization_id: 'invalid uuid' });
    });
  });

  describe('PATCH /v2/organizations/{organization_id}', () => {
    it('updates the organization and answers with it as updated', async () => {
      const founder = await api.signUp({ name: 'Before' });

      const reply = await api.request('PATCH', '/organizations/my', { headers: founder.bearer, body: { name: 'After', company: { phone: '+1 555 0100', website: 'after.example' } } });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/organizations/{organization_id}', 'patch', 200);
      const expected = { organization_id: founder.organizationId, name: 'After', company: { phone: '+1 555 0100', website: 'after.example' } };
      expect(reply.body).toEqual(expected);
      expect((await api.request('GET', '/organizations/me', { headers: founder.bearer })).body).toEqual(expected);
    });

    it('answers each update with its own result, by id and by `me`', async () => {
      const founder = await api.signUp({ name: 'Zero' });
      for (const [id, name] of [
        [founder.organizationId, 'One'],
        ['me', 'Two'],
        [founder.organizationId, 'Three'],
      ]) {
        const reply = await api.request('PATCH', `/organizations/${id}`, { headers: founder.bearer, body: { name } });
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ organization_id: founder.organizationId, name, company: {} });
      }
    });

    it('answers 422 to a null company and changes nothing', async () => {
      const before = (await api.request('GET', '/organizations/me', { headers: owner.bearer })).body;
      const reply = await api.request('PATCH', '/organizations/me', { headers: owner.bearer, body: { name: 'Renamed', company: null } });
      expectError(reply, 422, 'invalid_request', ['/organizations/{organization_id}', 'patch']);
      expect(Object.keys(reply.body.invalid_fields)).toEqual(['company']);
      expect((await api.request('GET', '/organizations/me', { headers: owner.bearer })).body).toEqual(before);
    });

    it('answers 400 to a body that is not JSON', async () => {
      expectError(await api.request('PATCH', '/organizations/me', { headers: owner.bearer, raw: '{' }), 400, 'bad_request');
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('PATCH', '/organizations/me', { body: { name: 'x' } }), 401, 'unauthorized', ['/organizations/{organization_id}', 'patch']);
    });

    it('answers 403 insufficient_scope without organization--my:rw, and changes nothing', async () => {
      const reply = await api.request('PATCH', '/organizations/me', {
        headers: await api.patHeader(owner, ['accounts--all:rw', 'accounts.roles--all:rw']),
        body: { name: 'Taken over' },
      });
      expectError(reply, 403, 'access_denied', ['/organizations/{organization_id}', 'patch']);
      expect(reply.body.sub_error).toBe('insufficient_scope');
      expect((await api.request('GET', '/organizations/me', { headers: owner.bearer })).body.name).toBe('Home');
    });

    it('answers 404 for another organization, which stays as it was, and for an unknown one', async () => {
      const spec: [string, string] = ['/organizations/{organization_id}', 'patch'];
      expectNotFound(await api.request('PATCH', `/organizations/${stranger.organizationId}`, { headers: owner.bearer, body: { name: 'Mine now' } }), stranger.organizationId, spec);
      expect((await api.request('GET', '/organizations/me', { headers: stranger.bearer })).body.name).toBe('Elsewhere');
      const unknown = randomUUID();
      expectNotFound(await api.request('PATCH', `/organizations/${unknown}`, { headers: owner.bearer, body: { name: 'x' } }), unknown, spec);
    });

    it('answers 422 naming each invalid field, and the path id', async () => {
      const spec: [string, string] = ['/organizations/{organization_id}', 'patch'];
      const fields = await api.request('PATCH', '/organizations/me', { headers: owner.bearer, body: { name: 'n'.repeat(128), company: { phone: '1'.repeat(21), website: 'w'.repeat(256) } } });
      expectError(fields, 422, 'invalid_request', spec);
      expect(Object.keys(fields.body.invalid_fields).sort()).toEqual(['company.phone', 'company.website', 'name']);

      const notAnObject = await api.request('PATCH', '/organizations/me', { headers: owner.bearer, body: { company: 'Acme Inc.' } });
      expectError(notAnObject, 422, 'invalid_request', spec);
      expect(Object.keys(notAnObject.body.invalid_fields)).toEqual(['company']);

      const path = await api.request('PATCH', '/organizations/123', { headers: owner.bearer, body: { name: 'x' } });
      expectError(path, 422, 'invalid_request', spec);
      expect(path.body.invalid_fields).toEqual({ organization_id: 'invalid uuid' });
      expect((await api.request('GET', '/organizations/me', { headers: owner.bearer })).body.name).toBe('Home');
    });
  });
});
