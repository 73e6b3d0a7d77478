import { randomUUID } from 'node:crypto';
import { expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { ALL_SCOPES as OWNER_SCOPES } from '../support/scope-catalogue';
import { expectError, expectInsufficientScope } from '../support/expect-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const basic = (accountId: string, token: string) => ({ authorization: `Basic ${Buffer.from(`${accountId}:${token}`).toString('base64')}` });

describe('Personal access tokens over HTTP (extension)', () => {
  let api: TestApp;
  let owner: SignedUp;
  let stranger: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp();
    stranger = await api.signUp();
  });
  afterAll(async () => api?.stop());

  async function create(by: Record<string, string>, body: Record<string, unknown>): Promise<ApiResponse> {
    const reply = await api.request('POST', '/personal_access_tokens', { headers: by, body });
    if (reply.status !== 201) throw new Error(`PAT not created: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }

  const listed = async (by: SignedUp) => (await api.request('GET', '/personal_access_tokens', { headers: by.bearer })).body as { pat_id: string }[];

  describe('POST /v2/personal_access_tokens', () => {
    it('creates a PAT (201) with all of the caller scopes when none are named, showing the token once', async () => {
      const before = Date.now();
      const reply = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'CI deploys' } });

      expect(reply.status).toBe(201);
      expect(reply.headers.get('x-request-id')).toMatch(UUID);
      expect(reply.body).toEqual({
        pat_id: expect.stringMatching(UUID),
        name: 'CI deploys',
        token: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/),
        scope: [...OWNER_SCOPES].sort().join(','),
        created_at: expect.any(String),
      });
      const createdAt = Date.parse(reply.body.created_at);
      expect(new Date(createdAt).toISOString()).toBe(reply.body.created_at);
      expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('keeps only the scopes named, given as a list or as comma-separated text', async () => {
      const list = await create(owner.bearer, { name: 'list', scopes: ['accounts--my:ro', 'accounts--all:ro'] });
      expect(list.body).toMatchObject({ name: 'list', scope: 'accounts--all:ro,accounts--my:ro' });

      const text = await create(owner.bearer, { name: 'text', scopes: 'sessions--my:ro,accounts--my:ro' });
      expect(text.body).toMatchObject({ name: 'text', scope: 'accounts--my:ro,sessions--my:ro' });
    });

    it('answers 422 naming each invalid field', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name']],
        [{ name: '' }, ['name']],
        [{ name: '   ' }, ['name']],
        [{ name: 'n'.repeat(129) }, ['name']],
        [{ name: 'ok', scopes: [] }, ['scopes']],
        [{ name: 'ok', scopes: ['accounts--my:ro', 'not-a-scope'] }, ['scopes']],
        [{ name: 'ok', scopes: [42] }, ['scopes']],
      ];
      for (const [body, fields] of cases) {
        const reply = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body });
        expectError(reply, 422, 'invalid_request');
        expect({ body, fields: Object.keys(reply.body.invalid_fields).sort() }).toEqual({ body, fields });
      }
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('POST', '/personal_access_tokens', { body: { name: 'x' } }), 401, 'unauthorized');
    });

    it('answers 403 insufficient_scope when asked for scopes the caller does not hold', async () => {
      const limited = await api.patHeader(owner, ['accounts--my:ro']);
      const reply = await api.request('POST', '/personal_access_tokens', { headers: limited, body: { name: 'wider', scopes: ['accounts--my:ro', 'accounts--all:rw'] } });
      expectInsufficientScope(reply);
      expect(reply.body.error_description).toContain('accounts--all:rw');

      const narrower = await create(limited, { name: 'same' });
      expect(narrower.body.scope).toBe('accounts--my:ro');
    });
  });

  describe('GET /v2/personal_access_tokens', () => {
    it('lists the caller PATs without their tokens, and no one else’s', async () => {
      const account = await api.signUp();
      const first = await create(account.bearer, { name: 'first', scopes: ['accounts--my:ro'] });
      const second = await create(account.bearer, { name: 'second' });
      await create(stranger.bearer, { name: 'foreign' });

      const reply = await api.request('GET', '/personal_access_tokens', { headers: account.bearer });

      expect(reply.status).toBe(200);
      const { token: _first, ...firstListed } = first.body;
      const { token: _second, ...secondListed } = second.body;
      expect(reply.body).toEqual([firstListed, secondListed]);
      expect(JSON.stringify(reply.body)).not.toContain(first.body.token);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', '/personal_access_tokens'), 401, 'unauthorized');
    });
  });

  describe('DELETE /v2/personal_access_tokens/{pat_id}', () => {
    it('revokes a PAT (200 {}): it is no longer listed nor accepted, and revoking it again answers 404', async () => {
      const pat = await create(owner.bearer, { name: 'short-lived', scopes: ['accounts--my:ro'] });
      const credential = basic(owner.accountId, pat.body.token);
      expect((await api.request('GET', '/accounts/me', { headers: credential })).status).toBe(200);

      const reply = await api.request('DELETE', `/personal_access_tokens/${pat.body.pat_id}`, { headers: owner.bearer });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expect((await listed(owner)).map((p) => p.pat_id)).not.toContain(pat.body.pat_id);
      expectError(await api.request('GET', '/accounts/me', { headers: credential }), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);

      const again = await api.request('DELETE', `/personal_access_tokens/${pat.body.pat_id}`, { headers: owner.bearer });
      expectError(again, 404, 'resource_not_found');
      expect(again.body).toMatchObject({ resource_name: 'personal_access_token', resource_id: pat.body.pat_id });
    });

    it('answers 404 for a PAT of another account, which keeps working, and for an unknown id', async () => {
      const foreign = await create(stranger.bearer, { name: 'theirs', scopes: ['accounts--my:ro'] });

      const reply = await api.request('DELETE', `/personal_access_tokens/${foreign.body.pat_id}`, { headers: owner.bearer });

      expectError(reply, 404, 'resource_not_found');
      expect(reply.body).toMatchObject({ resource_name: 'personal_access_token', resource_id: foreign.body.pat_id });
      expect((await api.request('GET', '/accounts/me', { headers: basic(stranger.accountId, foreign.body.token) })).status).toBe(200);

      const unknown = randomUUID();
      const missing = await api.request('DELETE', `/personal_access_tokens/${unknown}`, { headers: owner.bearer });
      expectError(missing, 404, 'resource_not_found');
      expect(missing.body).toMatchObject({ resource_name: 'personal_access_token', resource_id: unknown });
    });

    it('answers 422 naming pat_id for an id that is not a UUID', async () => {
      const reply = await api.request('DELETE', '/personal_access_tokens/me', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request');
      expect(reply.body.invalid_fields).toEqual({ pat_id: 'invalid uuid' });
    });

    it('answers 401 without credentials', async () => {
      const pat = await create(owner.bearer, { name: 'kept', scopes: ['accounts--my:ro'] });
      expectError(await api.request('DELETE', `/personal_access_tokens/${pat.body.pat_id}`), 401, 'unauthorized');
      expect((await listed(owner)).map((p) => p.pat_id)).toContain(pat.body.pat_id);
    });
  });

  describe('a PAT as HTTP Basic credentials', () => {
    it('acts as the account that made it, in the organization it was made for', async () => {
      const founder = await api.signUp({ name: 'First' });
      const second = await api.request('POST', '/organizations', { headers: founder.bearer, body: { email: founder.email, organization: { name: 'Second' } } });
      expect(second.status).toBe(200);
      const pat = await create({ authorization: `Bearer ${second.body.access_token}` }, { name: 'second org' });
      const credential = basic(founder.accountId, pat.body.token);

      const me = await api.request('GET', '/accounts/me', { headers: credential });
      expect(me.status).toBe(200);
      expectMatchesSpec(me.body, '/accounts/{account_id}', 'get', 200);
      expect(me.body).toMatchObject({ account_id: founder.accountId, email: founder.email });
      const organization = await api.request('GET', '/organizations/me', { headers: credential });
      expect(organization.body).toEqual({ organization_id: second.body.organization.organization_id, name: 'Second', company: {} });
    });

    it('is refused with another account id as the username, or with a wrong token', async () => {
      const pat = await create(owner.bearer, { name: 'mine', scopes: ['accounts--my:ro'] });
      for (const headers of [basic(stranger.accountId, pat.body.token), basic(owner.accountId, `${pat.body.token}x`), basic(owner.accountId, '')]) {
        expectError(await api.request('GET', '/accounts/me', { headers }), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);
      }
    });

    it('grants exactly the scopes fixed at creation', async () => {
      const pat = await create(owner.bearer, { name: 'read only', scopes: ['accounts--my:ro'] });
      const credential = basic(owner.accountId, pat.body.token);

      const me = await api.request('GET', '/accounts/me', { headers: credential });
      expect(me.status).toBe(200);
      expect(me.body.account_id).toBe(owner.accountId);
      expect(me.body).not.toHaveProperty('roles');

      expectInsufficientScope(await api.request('PATCH', '/accounts/me', { headers: credential, body: { name: 'x' } }), ['/accounts/{account_id}', 'patch']);
      expectInsufficientScope(await api.request('GET', '/accounts', { headers: credential }), ['/accounts', 'get']);
      expectInsufficientScope(await api.request('GET', '/roles', { headers: credential }), ['/roles', 'get']);
      expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).body).not.toHaveProperty('name', 'x');
    });
  });
});
