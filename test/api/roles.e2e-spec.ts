import { randomUUID } from 'node:crypto';
import { expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { expectError, expectInsufficientScope } from '../support/expect-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OWNER_ID = '6c0cb32a-530a-4eb1-9cce-dfecac046384';
const MEMBER_ID = '36da9605-45ee-4de2-8484-875a3ffbe659';
const LIVECHAT_NORMAL_ID = 'c5109119-eb60-4e14-abb2-454788973016';

/** The predefined roles, as compat.md ("Roles and scopes") lists them. */
const PREDEFINED = [
  { role_id: OWNER_ID, product: 'Accounts', role: 'owner', type: 'primary', predefined: true },
  { role_id: 'ff25b868-a544-4dac-9bce-83e352eb581f', product: 'Accounts', role: 'viceowner', type: 'primary', predefined: true },
  { role_id: 'd3848cf6-24e3-452b-9a4a-8dac295d079c', product: 'Accounts', role: 'administrator', type: 'primary', predefined: true },
  { role_id: MEMBER_ID, product: 'Accounts', role: 'member', type: 'primary', predefined: true },
  { role_id: 'e58f9ce6-5f37-4984-9364-435b08a8bb41', product: 'LiveChat', role: 'administrator', type: 'secondary', predefined: true },
  { role_id: LIVECHAT_NORMAL_ID, product: 'LiveChat', role: 'normal', type: 'secondary', predefined: true },
];
const MEMBER_SCOPES = [
  'accounts--my:ro',
  'accounts--my:rw',
  'accounts--all:ro',
  'accounts--all:rc',
  'accounts.roles--all:ro',
  'accounts.password--my:rw',
  'sessions--my:ro',
  'sessions--my:rw',
];
const OWNER_SCOPES = [...MEMBER_SCOPES, 'accounts--all:rw', 'accounts.roles--all:rw', 'organization--my:rw'];

function expectNotFound(reply: ApiResponse, resourceId: string, spec: [path: string, method: string]): void {
  expectError(reply, 404, 'resource_not_found', spec);
  expect(reply.body).toMatchObject({ resource_name: 'role', resource_id: resourceId });
}

const scopeSet = (scope: string) => (scope === '' ? [] : scope.split(',')).sort();

describe('Roles over HTTP', () => {
  let api: TestApp;
  let owner: SignedUp;
  let stranger: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp();
    stranger = await api.signUp();
  });
  afterAll(async () => api?.stop());

  async function createRole(by: SignedUp, body: Record<string, unknown>): Promise<ApiResponse> {
    const reply = await api.request('POST', '/roles', { headers: by.bearer, body });
    if (reply.status !== 201) throw new Error(`role not created: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }

  describe('GET /v2/roles', () => {
    it('lists the predefined roles, then the organization custom roles, without scopes', async () => {
      const custom = await createRole(owner, { role: 'Listed', product: 'LiveChat', scope: 'accounts--my:ro' });
      const foreign = await createRole(stranger, { role: 'Foreign', product: 'LiveChat', scope: 'accounts--my:ro' });

      const reply = await api.request('GET', '/roles', { headers: owner.bearer });

      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-request-id')).toMatch(UUID);
      expectMatchesSpec(reply.body, '/roles', 'get', 200);
      expect(reply.body.slice(0, PREDEFINED.length)).toEqual(PREDEFINED);
      expect(reply.body).toContainEqual({ role_id: custom.body.role_id, product: 'LiveChat', role: 'Listed', type: 'custom', predefined: false });
      expect(reply.body.map((r: { role_id: string }) => r.role_id)).not.toContain(foreign.body.role_id);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', '/roles'), 401, 'unauthorized', ['/roles', 'get']);
    });

    it('answers 403 insufficient_scope to a credential without accounts.roles--all:ro', async () => {
      expectInsufficientScope(await api.request('GET', '/roles', { headers: await api.patHeader(owner, ['accounts--all:ro']) }), ['/roles', 'get']);
    });
  });

  describe('GET /v2/roles/{role_id}', () => {
    it('returns a predefined role with its comma-separated scopes', async () => {
      const ownerRole = await api.request('GET', `/roles/${OWNER_ID}`, { headers: owner.bearer });
      expect(ownerRole.status).toBe(200);
      expectMatchesSpec(ownerRole.body, '/roles/{role_id}', 'get', 200);
      expect(ownerRole.body).toMatchObject(PREDEFINED[0]);
      expect(ownerRole.body.scope).not.toMatch(/\s/);
      expect(scopeSet(ownerRole.body.scope)).toEqual([...OWNER_SCOPES].sort());

      const member = await api.request('GET', `/roles/${MEMBER_ID.toUpperCase()}`, { headers: owner.bearer });
      expect(member.status).toBe(200);
      expectMatchesSpec(member.body, '/roles/{role_id}', 'get', 200);
      expect(member.body).toMatchObject(PREDEFINED[3]);
      expect(scopeSet(member.body.scope)).toEqual([...MEMBER_SCOPES].sort());

      const liveChat = await api.request('GET', `/roles/${LIVECHAT_NORMAL_ID}`, { headers: owner.bearer });
      expect(liveChat.status).toBe(200);
      expectMatchesSpec(liveChat.body, '/roles/{role_id}', 'get', 200);
      expect(liveChat.body).toEqual({ ...PREDEFINED[5], scope: '' });
    });

    it('returns a custom role of the organization with its scopes', async () => {
      const created = await createRole(owner, { role: 'Reader', product: 'Accounts', scope: 'accounts--all:ro,accounts--my:ro' });

      const reply = await api.request('GET', `/roles/${created.body.role_id}`, { headers: owner.bearer });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/roles/{role_id}', 'get', 200);
      expect(reply.body).toEqual({ role_id: created.body.role_id, product: 'Accounts', role: 'Reader', type: 'custom', predefined: false, scope: 'accounts--all:ro,accounts--my:ro' });
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', `/roles/${OWNER_ID}`), 401, 'unauthorized', ['/roles/{role_id}', 'get']);
    });

    it('answers 403 insufficient_scope to a credential without accounts.roles--all:ro', async () => {
      const reply = await api.request('GET', `/roles/${OWNER_ID}`, { headers: await api.patHeader(owner, ['sessions--my:ro']) });
      expectInsufficientScope(reply, ['/roles/{role_id}', 'get']);
    });

    it('answers 404 with resource_name and resource_id for an unknown role and for a custom role of another organization', async () => {
      const unknown = randomUUID();
      expectNotFound(await api.request('GET', `/roles/${unknown}`, { headers: owner.bearer }), unknown, ['/roles/{role_id}', 'get']);

      const foreign = await createRole(stranger, { role: 'Hidden', product: 'LiveChat', scope: 'accounts--my:ro' });
      expectNotFound(await api.request('GET', `/roles/${foreign.body.role_id}`, { headers: owner.bearer }), foreign.body.role_id, ['/roles/{role_id}', 'get']);
    });

    it('answers 422 naming role_id for an id that is not a UUID', async () => {
      const reply = await api.request('GET', '/roles/owner', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request', ['/roles/{role_id}', 'get']);
      expect(reply.body.invalid_fields).toEqual({ role_id: 'invalid uuid' });
    });
  });

  describe('POST /v2/roles (extension: custom roles)', () => {
    // Not in the spec: the reply is the role object GET /roles/{role_id} documents, so it is checked against that.
    it('creates a custom role (201) with its scopes sorted and comma-separated, readable and assignable afterwards', async () => {
      const reply = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'Support Lead', product: 'Accounts', scope: 'accounts--my:rw accounts--all:ro' } });

      expect(reply.status).toBe(201);
      expectMatchesSpec(reply.body, '/roles/{role_id}', 'get', 200);
      expect(reply.body).toEqual({
        role_id: expect.stringMatching(UUID),
        product: 'Accounts',
        role: 'Support Lead',
        type: 'custom',
        predefined: false,
        scope: 'accounts--all:ro,accounts--my:rw',
      });
      expect((await api.request('GET', `/roles/${reply.body.role_id}`, { headers: owner.bearer })).body).toEqual(reply.body);

      const holder = await api.addAccount(owner, { roles: [{ role_id: reply.body.role_id }] });
      const account = await api.request('GET', `/accounts/${holder.accountId}`, { headers: owner.bearer });
      expect(account.status).toBe(200);
      expectMatchesSpec(account.body, '/accounts/{account_id}', 'get', 200);
      const { scope: _scope, ...held } = reply.body;
      expect(account.body.roles).toEqual([held]);
    });

    it('answers 422 naming each missing or invalid field', async () => {
      const missing = await api.request('POST', '/roles', { headers: owner.bearer, body: { product: 'Other' } });
      expectError(missing, 422, 'invalid_request');
      expect(Object.keys(missing.body.invalid_fields).sort()).toEqual(['product', 'role', 'scope']);

      const reserved = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'Owner', product: 'Accounts', scope: 'accounts--my:ro' } });
      expectError(reserved, 422, 'invalid_request');
      expect(Object.keys(reserved.body.invalid_fields)).toEqual(['role']);

      const unknownScope = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'Typo', product: 'Accounts', scope: 'accounts--my:ro,acounts--all:rw' } });
      expectError(unknownScope, 422, 'invalid_request');
      expect(unknownScope.body.invalid_fields).toEqual({ scope: expect.stringContaining('acounts--all:rw') });

      const listed = await api.request('GET', '/roles', { headers: owner.bearer });
      expect(listed.body.map((r: { role: string }) => r.role)).not.toContain('Typo');
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('POST', '/roles', { body: { role: 'X', product: 'Accounts', scope: 'accounts--my:ro' } }), 401, 'unauthorized');
    });

    it('answers 403 without accounts.roles--all:rw, and for scopes the creator does not hold', async () => {
      const readOnly = await api.request('POST', '/roles', {
        headers: await api.patHeader(owner, ['accounts.roles--all:ro', 'accounts--all:rw']),
        body: { role: 'X', product: 'Accounts', scope: 'accounts--my:ro' },
      });
      expectInsufficientScope(readOnly);

      const beyondReach = await api.request('POST', '/roles', {
        headers: await api.patHeader(owner, ['accounts.roles--all:rw']),
        body: { role: 'Escalation', product: 'Accounts', scope: 'organization--my:rw' },
      });
      expectInsufficientScope(beyondReach);
      expect(beyondReach.body.error_description).toContain('organization--my:rw');
    });
  });

  describe('DELETE /v2/roles/{role_id}', () => {
    it('deletes a custom role (200 {}): it is gone, and its holders no longer have it', async () => {
      const role = await createRole(owner, { role: 'Temporary', product: 'LiveChat', scope: 'accounts--my:ro' });
      const holder = await api.addAccount(owner, { roles: [{ product: 'LiveChat', role: 'Temporary' }] });
      const before = await api.request('GET', `/accounts/${holder.accountId}`, { headers: owner.bearer });
      expect(before.body.roles.map((r: { role_id: string }) => r.role_id).sort()).toEqual([MEMBER_ID, role.body.role_id].sort());

      const reply = await api.request('DELETE', `/roles/${role.body.role_id}`, { headers: owner.bearer });

      // The spec documents no body ("Returns no content"); compat.md: clients parse `{}`.
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expectNotFound(await api.request('GET', `/roles/${role.body.role_id}`, { headers: owner.bearer }), role.body.role_id, ['/roles/{role_id}', 'get']);
      const listed = await api.request('GET', '/roles', { headers: owner.bearer });
      expect(listed.body.map((r: { role_id: string }) => r.role_id)).not.toContain(role.body.role_id);
      const after = await api.request('GET', `/accounts/${holder.accountId}`, { headers: owner.bearer });
      expect(after.body.roles.map((r: { role_id: string }) => r.role_id)).toEqual([MEMBER_ID]);

      expectNotFound(await api.request('DELETE', `/roles/${role.body.role_id}`, { headers: owner.bearer }), role.body.role_id, ['/roles/{role_id}', 'delete']);
    });

    it('answers 400 for a predefined role, which stays', async () => {
      const reply = await api.request('DELETE', `/roles/${LIVECHAT_NORMAL_ID}`, { headers: owner.bearer });
      expectError(reply, 400, 'bad_request');
      expect((await api.request('GET', `/roles/${LIVECHAT_NORMAL_ID}`, { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 401 without credentials', async () => {
      const role = await createRole(owner, { role: 'Kept', product: 'LiveChat', scope: 'accounts--my:ro' });
      expectError(await api.request('DELETE', `/roles/${role.body.role_id}`), 401, 'unauthorized', ['/roles/{role_id}', 'delete']);
      expect((await api.request('GET', `/roles/${role.body.role_id}`, { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 403 insufficient_scope without accounts.roles--all:rw', async () => {
      const role = await createRole(owner, { role: 'Guarded', product: 'LiveChat', scope: 'accounts--my:ro' });
      const reply = await api.request('DELETE', `/roles/${role.body.role_id}`, { headers: await api.patHeader(owner, ['accounts.roles--all:ro']) });
      expectInsufficientScope(reply, ['/roles/{role_id}', 'delete']);
      expect((await api.request('GET', `/roles/${role.body.role_id}`, { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 404 for an unknown role and for a custom role of another organization, which stays', async () => {
      const unknown = randomUUID();
      expectNotFound(await api.request('DELETE', `/roles/${unknown}`, { headers: owner.bearer }), unknown, ['/roles/{role_id}', 'delete']);

      const foreign = await createRole(stranger, { role: 'Theirs', product: 'LiveChat', scope: 'accounts--my:ro' });
      expectNotFound(await api.request('DELETE', `/roles/${foreign.body.role_id}`, { headers: owner.bearer }), foreign.body.role_id, ['/roles/{role_id}', 'delete']);
      expect((await api.request('GET', `/roles/${foreign.body.role_id}`, { headers: stranger.bearer })).status).toBe(200);
    });

    it('answers 422 naming role_id for an id that is not a UUID', async () => {
      const reply = await api.request('DELETE', '/roles/administrator', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request', ['/roles/{role_id}', 'delete']);
      expect(reply.body.invalid_fields).toEqual({ role_id: 'invalid uuid' });
    });
  });

  it('does not let an organization assign a custom role of another organization', async () => {
    const foreign = await createRole(stranger, { role: 'Not Yours', product: 'LiveChat', scope: 'accounts--my:ro' });
    const member = await api.addAccount(owner);

    const reply = await api.request('PUT', `/accounts/${member.accountId}/roles`, { headers: owner.bearer, body: { set_roles: [{ role_id: foreign.body.role_id }] } });

    expectNotFound(reply, foreign.body.role_id, ['/accounts/{account_id}/roles', 'put']);
    expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).body.roles.map((r: { role_id: string }) => r.role_id)).toEqual([MEMBER_ID]);
  });
});
