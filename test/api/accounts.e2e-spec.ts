import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { IssueAccessTokenCommand, ScopesOfRolesQuery } from '@app/authorization/contracts';
import { RegisterAccountCommand } from '@app/identity/contracts';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '@app/platform';
import { expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { expectError, expectInsufficientScope } from '../support/expect-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE = {
  owner: '6c0cb32a-530a-4eb1-9cce-dfecac046384',
  administrator: 'd3848cf6-24e3-452b-9a4a-8dac295d079c',
  member: '36da9605-45ee-4de2-8484-875a3ffbe659',
  liveChatAdministrator: 'e58f9ce6-5f37-4984-9364-435b08a8bb41',
  liveChatNormal: 'c5109119-eb60-4e14-abb2-454788973016',
};
const OWNER_ROLE = { role_id: ROLE.owner, product: 'Accounts', role: 'owner', type: 'primary', predefined: true };
const ADMINISTRATOR_ROLE = { role_id: ROLE.administrator, product: 'Accounts', role: 'administrator', type: 'primary', predefined: true };
const MEMBER_ROLE = { role_id: ROLE.member, product: 'Accounts', role: 'member', type: 'primary', predefined: true };
const LIVECHAT_NORMAL = { role_id: ROLE.liveChatNormal, product: 'LiveChat', role: 'normal', type: 'secondary', predefined: true };
const LIVECHAT_ADMINISTRATOR = { role_id: ROLE.liveChatAdministrator, product: 'LiveChat', role: 'administrator', type: 'secondary', predefined: true };

function expectNotFound(reply: ApiResponse, resourceName: string, resourceId: string, spec: [path: string, method: string]): void {
  expectError(reply, 404, 'resource_not_found', spec);
  expect(reply.body).toMatchObject({ resource_name: resourceName, resource_id: resourceId });
}

const sortedRoles = (roles: { role_id: string }[]) => [...roles].sort((a, b) => a.role_id.localeCompare(b.role_id));

describe('Accounts over HTTP', () => {
  let api: TestApp;
  let owner: SignedUp;
  let stranger: SignedUp;
  const noCredentials = {};
  const wrongBearer = { authorization: 'Bearer dal:not-a-token' };

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ name: 'Owner Org' });
    stranger = await api.signUp({ name: 'Another Org' });
  });
  afterAll(async () => api?.stop());

  /**
   * A Bearer token of an account as signing in would issue it, with the scopes of its roles. Signing
   * in is not served over HTTP, so the token is issued through the application's command bus; the
   * request under test is still a real one.
   */
  async function signedInAs(accountId: string, organizationId: string, roleIds: string[]): Promise<Record<string, string>> {
    const scopes: string[] = await api.app.get(QueryBus).execute(new ScopesOfRolesQuery(organizationId, roleIds));
    const issued = await api.app.get(CommandBus).execute(new IssueAccessTokenCommand(accountId, organizationId, scopes));
    const bearer = { authorization: `Bearer ${issued.accessToken}` };
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await api.request('GET', '/organizations/me', { headers: bearer })).status === 200) return bearer;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the issued token never became usable');
  }

  describe('GET /v2/accounts', () => {
    it('lists the accounts of the caller organization only, with roles for a credential that may see them', async () => {
      const member = await api.addAccount(owner, { name: 'Listed Member' });

      const reply = await api.request('GET', '/accounts', { headers: owner.bearer });

      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-request-id')).toMatch(UUID);
      expectMatchesSpec(reply.body, '/accounts', 'get', 200);
      const byId = new Map((reply.body as { account_id: string }[]).map((a) => [a.account_id, a]));
      expect(byId.get(owner.accountId)).toMatchObject({ email: owner.email, default_organization_id: owner.organizationId, roles: [OWNER_ROLE] });
      expect(byId.get(member.accountId)).toMatchObject({ email: member.email, name: 'Listed Member', roles: [MEMBER_ROLE] });
      expect(byId.has(stranger.accountId)).toBe(false);
    });

    it('leaves roles out for a credential without accounts.roles--all:ro', async () => {
      const reply = await api.request('GET', '/accounts', { headers: await api.patHeader(owner, ['accounts--all:ro']) });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/accounts', 'get', 200);
      expect(reply.body.map((a: { account_id: string }) => a.account_id)).toContain(owner.accountId);
      for (const account of reply.body) expect(account).not.toHaveProperty('roles');
    });

    it('answers 401 without credentials or with a wrong token', async () => {
      for (const headers of [noCredentials, wrongBearer]) {
        const reply = await api.request('GET', '/accounts', { headers });
        expectError(reply, 401, 'unauthorized', ['/accounts', 'get']);
      }
    });

    it('answers 403 insufficient_scope to a credential without accounts--all:ro', async () => {
      const reply = await api.request('GET', '/accounts', { headers: await api.patHeader(owner, ['accounts--my:ro']) });
      expectInsufficientScope(reply, ['/accounts', 'get']);
    });
  });

  describe('POST /v2/accounts', () => {
    it('writes the email reservation, the account and its membership with one append', async () => {
      const owner = await api.signUp();
      await api.addAccount(owner); // the organization's stream is now known to this process
      const before = await api.appendsMade();
      const created = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email: `one-append-${randomUUID()}@example.com` } });
      expect(created.status).toBe(201);
      expect((await api.appendsMade()) - before).toBe(1);
      const events = await api.runtime.store.readAll({ after: null, maxCount: 1_000_000 });
      const types = events.filter((e) => JSON.stringify(e.data).includes(created.body.account_id)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['AccountEmailReserved', 'AccountCreated', 'OrganizationMemberAdded']));
    });

    it('creates an account (201) with the default member role and the roles it names', async () => {
      const email = `new-${randomUUID()}@example.com`;
      const reply = await api.request('POST', '/accounts', {
        headers: owner.bearer,
        body: { email, name: 'New Person', password: 'long enough', default_product: 'LiveChat', roles: [{ product: 'LiveChat', role: 'normal' }] },
      });

      expect(reply.status).toBe(201);
      expectMatchesSpec(reply.body, '/accounts', 'post', 201);
      expect(reply.body).toMatchObject({ account_id: expect.stringMatching(UUID), email, name: 'New Person', default_product: 'LiveChat', email_verified: false });
      expect(reply.body).not.toHaveProperty('password');
      expect(sortedRoles(reply.body.roles)).toEqual(sortedRoles([MEMBER_ROLE, LIVECHAT_NORMAL]));

      const read = await api.request('GET', `/accounts/${reply.body.account_id}`, { headers: owner.bearer });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(reply.body);
    });

    it('answers a creation with the account exactly as reading it shows it, roles in the same order', async () => {
      const custom = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: `Reviewer ${randomUUID()}`, product: 'LiveChat', scope: 'accounts--my:ro' } });
      expect(custom.status).toBe(201);
      const reply = await api.request('POST', '/accounts', {
        headers: owner.bearer,
        body: {
          email: `Mixed-Case-${randomUUID()}@Example.com`,
          avatar_url: 'https://example.com/avatar.png',
          // The later role of a product wins; the LiveChat role comes first, the Accounts one last.
          roles: [{ product: 'LiveChat', role: 'administrator' }, { role_id: custom.body.role_id }, { role_id: ROLE.administrator }],
        },
      });

      expect(reply.status).toBe(201);
      expect(reply.body.roles).toEqual([ADMINISTRATOR_ROLE, expect.objectContaining({ role_id: custom.body.role_id, product: 'LiveChat', type: 'custom', predefined: false })]);
      expect(reply.body.avatar_url).toBe('https://example.com/avatar.png');
      expect(reply.body).not.toHaveProperty('name');
      const read = await api.request('GET', `/accounts/${reply.body.account_id}`, { headers: owner.bearer });
      expect(read.body).toEqual(reply.body);
      const listed = await api.request('GET', '/accounts', { headers: owner.bearer });
      expect(listed.body.find((a: { account_id: string }) => a.account_id === reply.body.account_id)).toEqual(reply.body);
    });

    it('sets an Accounts role given by id instead of the default one', async () => {
      const reply = await api.request('POST', '/accounts', {
        headers: owner.bearer,
        body: { email: `admin-${randomUUID()}@example.com`, roles: [{ role_id: ROLE.administrator }] },
      });

      expect(reply.status).toBe(201);
      expectMatchesSpec(reply.body, '/accounts', 'post', 201);
      expect(reply.body.roles).toEqual([ADMINISTRATOR_ROLE]);
    });

    it('answers 200 with the existing account when the email is already in the caller organization, whatever its case', async () => {
      const existing = await api.addAccount(owner, { email: `Again-${randomUUID()}@Example.com`, name: 'First Name' });

      const reply = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email: existing.email.toLowerCase(), name: 'Other Name' } });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/accounts', 'post', 200);
      expect(reply.body).toMatchObject({ account_id: existing.accountId, email: existing.email, name: 'First Name', roles: [MEMBER_ROLE] });
    });

    it('leaves no key behind for the id a creation with a taken email did not use', async () => {
      const email = `taken-${randomUUID()}@example.com`;
      expect((await api.request('POST', '/accounts', { headers: owner.bearer, body: { email } })).status).toBe(201);
      const vault = api.app.get<PersonalDataVault>(PERSONAL_DATA_VAULT);
      const unused = await vault.newSubject();
      const keysOf = async (id: string) => (await api.runtime.database.sql.query('SELECT subject_id FROM personal_data_keys WHERE subject_id = $1', [id])).length;
      expect(await keysOf(unused)).toBe(1);
      const outcome = await api.app.get(CommandBus).execute(new RegisterAccountCommand({ accountId: unused, email, organizationId: owner.organizationId }));
      expect(outcome).toMatchObject({ created: false });
      expect(outcome.accountId).not.toBe(unused);
      expect(await keysOf(unused)).toBe(0);
    });

    it('answers 409 when the email belongs to an account of another organization', async () => {
      const reply = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email: stranger.email } });
      expectError(reply, 409, 'conflict', ['/accounts', 'post']);

      const listed = await api.request('GET', '/accounts', { headers: owner.bearer });
      expect(listed.body.map((a: { email: string }) => a.email)).not.toContain(stranger.email);
    });

    it('answers 422 naming each invalid field', async () => {
      const reply = await api.request('POST', '/accounts', {
        headers: owner.bearer,
        body: { email: 'not-an-email', name: 'n'.repeat(192), password: 'short', default_product: 'Other', roles: [{ role_id: 'not-a-uuid' }] },
      });

      expectError(reply, 422, 'invalid_request', ['/accounts', 'post']);
      expect(Object.keys(reply.body.invalid_fields).sort()).toEqual(['default_product', 'email', 'name', 'password', 'roles.0.role_id']);
      expect(reply.body.invalid_fields.email).toBe('invalid email address');
    });

    it('answers 422 naming each role reference that names no role of the organization, and creates nothing', async () => {
      const email = `roles-${randomUUID()}@example.com`;
      const reply = await api.request('POST', '/accounts', {
        headers: owner.bearer,
        body: { email, roles: [{ product: 'LiveChat', role: 'normal' }, { role_id: randomUUID() }, { product: 'LiveChat', role: 'no such role' }] },
      });

      expectError(reply, 422, 'invalid_request', ['/accounts', 'post']);
      expect(reply.body.invalid_fields).toEqual({ 'roles.1': expect.any(String), 'roles.2': expect.any(String) });
      const listed = await api.request('GET', '/accounts', { headers: owner.bearer });
      expect(listed.body.map((a: { email: string }) => a.email)).not.toContain(email);
    });

    it('answers 422 when the email is missing', async () => {
      const reply = await api.request('POST', '/accounts', { headers: owner.bearer, body: { name: 'No Email' } });
      expectError(reply, 422, 'invalid_request', ['/accounts', 'post']);
      expect(Object.keys(reply.body.invalid_fields)).toEqual(['email']);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const reply = await api.request('POST', '/accounts', { headers: owner.bearer, raw: '{"email": ' });
      expectError(reply, 400, 'bad_request', ['/accounts', 'post']);
    });

    it('answers 401 without credentials', async () => {
      const reply = await api.request('POST', '/accounts', { headers: noCredentials, body: { email: `x-${randomUUID()}@example.com` } });
      expectError(reply, 401, 'unauthorized', ['/accounts', 'post']);
    });

    it('answers 403 to a read-only credential, and to roles without accounts.roles--all:rw', async () => {
      const readOnly = await api.request('POST', '/accounts', {
        headers: await api.patHeader(owner, ['accounts--all:ro']),
        body: { email: `x-${randomUUID()}@example.com` },
      });
      expectInsufficientScope(readOnly, ['/accounts', 'post']);

      const createOnly = await api.patHeader(owner, ['accounts--all:rc']);
      const withRoles = await api.request('POST', '/accounts', { headers: createOnly, body: { email: `x-${randomUUID()}@example.com`, roles: [{ role_id: ROLE.administrator }] } });
      expectInsufficientScope(withRoles, ['/accounts', 'post']);

      const email = `rc-${randomUUID()}@example.com`;
      const created = await api.request('POST', '/accounts', { headers: createOnly, body: { email } });
      expect(created.status).toBe(201);
      expectMatchesSpec(created.body, '/accounts', 'post', 201);
      expect(created.body).toMatchObject({ email });
      expect(created.body).not.toHaveProperty('roles');
    });
  });

  describe('GET /v2/accounts/{account_id}', () => {
    it('returns the caller by `me` and another account of its organization by id', async () => {
      const me = await api.request('GET', '/accounts/me', { headers: owner.bearer });
      expect(me.status).toBe(200);
      expectMatchesSpec(me.body, '/accounts/{account_id}', 'get', 200);
      expect(me.body).toMatchObject({ account_id: owner.accountId, email: owner.email, roles: [OWNER_ROLE] });

      const member = await api.addAccount(owner, { name: 'Read Me' });
      const other = await api.request('GET', `/accounts/${member.accountId.toUpperCase()}`, { headers: owner.bearer });
      expect(other.status).toBe(200);
      expectMatchesSpec(other.body, '/accounts/{account_id}', 'get', 200);
      expect(other.body).toMatchObject({ account_id: member.accountId, email: member.email, name: 'Read Me', roles: [MEMBER_ROLE] });
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('GET', '/accounts/me'), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);
    });

    it('answers 403 to a credential without accounts--my:ro, and for another account without accounts--all:ro', async () => {
      const noAccountScope = await api.request('GET', '/accounts/me', { headers: await api.patHeader(owner, ['sessions--my:ro']) });
      expectInsufficientScope(noAccountScope, ['/accounts/{account_id}', 'get']);

      const member = await api.addAccount(owner);
      const onlyMine = await api.patHeader(owner, ['accounts--my:ro']);
      expectInsufficientScope(await api.request('GET', `/accounts/${member.accountId}`, { headers: onlyMine }), ['/accounts/{account_id}', 'get']);

      const mine = await api.request('GET', '/accounts/me', { headers: onlyMine });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ account_id: owner.accountId });
    });

    it('answers 404 with resource_name and resource_id for an unknown account and for one of another organization', async () => {
      const unknown = randomUUID();
      expectNotFound(await api.request('GET', `/accounts/${unknown}`, { headers: owner.bearer }), 'account', unknown, ['/accounts/{account_id}', 'get']);
      expectNotFound(await api.request('GET', `/accounts/${stranger.accountId}`, { headers: owner.bearer }), 'account', stranger.accountId, [
        '/accounts/{account_id}',
        'get',
      ]);
    });

    it('answers 422 naming account_id for an id that is neither a UUID nor `me`', async () => {
      const reply = await api.request('GET', '/accounts/my', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request', ['/accounts/{account_id}', 'get']);
      expect(reply.body.invalid_fields).toEqual({ account_id: 'invalid uuid' });
    });
  });

  describe('PATCH /v2/accounts/{account_id}', () => {
    it('updates another account of the organization and answers with it', async () => {
      const member = await api.addAccount(owner, { name: 'Before' });

      const reply = await api.request('PATCH', `/accounts/${member.accountId}`, {
        headers: owner.bearer,
        body: { name: 'After', avatar_url: 'https://example.com/a.png', default_product: 'LiveChat', email: 'ignored@example.com' },
      });

      expect(reply.status).toBe(200);
      expectMatchesSpec(reply.body, '/accounts/{account_id}', 'patch', 200);
      expect(reply.body).toMatchObject({ account_id: member.accountId, email: member.email, name: 'After', avatar_url: 'https://example.com/a.png', default_product: 'LiveChat' });
      const read = await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer });
      expect(read.body).toEqual(reply.body);
    });

    it('updates the caller through `me`, and clears the avatar with null', async () => {
      const first = await api.request('PATCH', '/accounts/me', { headers: owner.bearer, body: { name: 'Owner Name', avatar_url: 'https://example.com/o.png' } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ account_id: owner.accountId, name: 'Owner Name', avatar_url: 'https://example.com/o.png' });

      const cleared = await api.request('PATCH', '/accounts/me', { headers: owner.bearer, body: { avatar_url: null } });
      expect(cleared.status).toBe(200);
      expectMatchesSpec(cleared.body, '/accounts/{account_id}', 'patch', 200);
      expect(cleared.body).toMatchObject({ name: 'Owner Name', avatar_url: null });
    });

    it('answers 400 to a body that is not JSON', async () => {
      expectError(await api.request('PATCH', '/accounts/me', { headers: owner.bearer, raw: '{name' }), 400, 'bad_request', ['/accounts/{account_id}', 'patch']);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('PATCH', '/accounts/me', { body: { name: 'x' } }), 401, 'unauthorized', ['/accounts/{account_id}', 'patch']);
    });

    it('answers 403 to a read-only credential, and for another account with only accounts--my:rw', async () => {
      const readOnly = await api.request('PATCH', '/accounts/me', { headers: await api.patHeader(owner, ['accounts--my:ro']), body: { name: 'x' } });
      expectInsufficientScope(readOnly, ['/accounts/{account_id}', 'patch']);

      const member = await api.addAccount(owner, { name: 'Untouched' });
      const onlyMine = await api.request('PATCH', `/accounts/${member.accountId}`, { headers: await api.patHeader(owner, ['accounts--my:rw']), body: { name: 'x' } });
      expectInsufficientScope(onlyMine, ['/accounts/{account_id}', 'patch']);
      expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).body.name).toBe('Untouched');
    });

    it('answers 403 to a member changing another account', async () => {
      const member = await api.addAccount(owner);
      const memberBearer = await signedInAs(member.accountId, owner.organizationId, [ROLE.member]);
      const reply = await api.request('PATCH', `/accounts/${owner.accountId}`, { headers: memberBearer, body: { name: 'Hijacked' } });
      expectInsufficientScope(reply, ['/accounts/{account_id}', 'patch']);

      const own = await api.request('PATCH', '/accounts/me', { headers: memberBearer, body: { name: 'Member Self' } });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ account_id: member.accountId, name: 'Member Self' });
    });

    it('answers 404 for an unknown account and for one of another organization', async () => {
      const unknown = randomUUID();
      expectNotFound(await api.request('PATCH', `/accounts/${unknown}`, { headers: owner.bearer, body: { name: 'x' } }), 'account', unknown, [
        '/accounts/{account_id}',
        'patch',
      ]);
      expectNotFound(await api.request('PATCH', `/accounts/${stranger.accountId}`, { headers: owner.bearer, body: { name: 'x' } }), 'account', stranger.accountId, [
        '/accounts/{account_id}',
        'patch',
      ]);
    });

    it('answers 422 naming each invalid field, and the path id', async () => {
      const fields = await api.request('PATCH', '/accounts/me', { headers: owner.bearer, body: { name: 'n'.repeat(192), avatar_url: 5, default_product: 'Other' } });
      expectError(fields, 422, 'invalid_request', ['/accounts/{account_id}', 'patch']);
      expect(Object.keys(fields.body.invalid_fields).sort()).toEqual(['avatar_url', 'default_product', 'name']);

      const path = await api.request('PATCH', '/accounts/123', { headers: owner.bearer, body: { name: 'x' } });
      expectError(path, 422, 'invalid_request', ['/accounts/{account_id}', 'patch']);
      expect(path.body.invalid_fields).toEqual({ account_id: 'invalid uuid' });
    });
  });

  describe('DELETE /v2/accounts/{account_id}', () => {
    it('deletes another account (200 {}): it is gone, and its email can be used again', async () => {
      const member = await api.addAccount(owner);

      const reply = await api.request('DELETE', `/accounts/${member.accountId}`, { headers: owner.bearer });

      // The spec documents no body ("Returns no content"); compat.md: clients parse `{}`.
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expectNotFound(await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer }), 'account', member.accountId, ['/accounts/{account_id}', 'get']);
      const listed = await api.request('GET', '/accounts', { headers: owner.bearer });
      expect(listed.body.map((a: { account_id: string }) => a.account_id)).not.toContain(member.accountId);

      const again = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email: member.email } });
      expect(again.status).toBe(201);
      expect(again.body.account_id).not.toBe(member.accountId);
    });

    it('deletes the caller through `me`, after which its token is refused', async () => {
      const member = await api.addAccount(owner);
      const memberBearer = await signedInAs(member.accountId, owner.organizationId, [ROLE.member]);

      const reply = await api.request('DELETE', '/accounts/me', { headers: memberBearer });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expectError(await api.request('GET', '/accounts/me', { headers: memberBearer }), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('DELETE', '/accounts/me'), 401, 'unauthorized', ['/accounts/{account_id}', 'delete']);
    });

    it('answers 403 to a read-only credential, and for another account with only accounts--my:rw', async () => {
      const member = await api.addAccount(owner);
      expectInsufficientScope(await api.request('DELETE', '/accounts/me', { headers: await api.patHeader(owner, ['accounts--my:ro']) }), ['/accounts/{account_id}', 'delete']);
      expectInsufficientScope(await api.request('DELETE', `/accounts/${member.accountId}`, { headers: await api.patHeader(owner, ['accounts--my:rw']) }), [
        '/accounts/{account_id}',
        'delete',
      ]);
      expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 404 for an unknown account and for one of another organization', async () => {
      const unknown = randomUUID();
      expectNotFound(await api.request('DELETE', `/accounts/${unknown}`, { headers: owner.bearer }), 'account', unknown, ['/accounts/{account_id}', 'delete']);
      expectNotFound(await api.request('DELETE', `/accounts/${stranger.accountId}`, { headers: owner.bearer }), 'account', stranger.accountId, [
        '/accounts/{account_id}',
        'delete',
      ]);
      expect((await api.request('GET', '/accounts/me', { headers: stranger.bearer })).status).toBe(200);
    });

    it('answers 422 naming account_id for a malformed id', async () => {
      const reply = await api.request('DELETE', '/accounts/not-an-id', { headers: owner.bearer });
      expectError(reply, 422, 'invalid_request', ['/accounts/{account_id}', 'delete']);
      expect(reply.body.invalid_fields).toEqual({ account_id: 'invalid uuid' });
    });

    it('refuses (409) to delete the owner, who must hand ownership over first', async () => {
      const reply = await api.request('DELETE', '/accounts/me', { headers: owner.bearer });
      expectError(reply, 409, 'conflict');
      expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
    });
  });

  describe('PUT /v2/accounts/{account_id}/roles', () => {
    it('sets roles by id and by name, overwriting the role of the same product, and deletes roles', async () => {
      const member = await api.addAccount(owner, { roles: [{ product: 'LiveChat', role: 'normal' }] });

      const set = await api.request('PUT', `/accounts/${member.accountId}/roles`, {
        headers: owner.bearer,
        body: { set_roles: [{ role_id: ROLE.administrator }, { product: 'LiveChat', role: 'administrator' }] },
      });

      expect(set.status).toBe(200);
      expectMatchesSpec(set.body, '/accounts/{account_id}/roles', 'put', 200);
      expect(set.body.account_id).toBe(member.accountId);
      expect(sortedRoles(set.body.roles)).toEqual(sortedRoles([ADMINISTRATOR_ROLE, LIVECHAT_ADMINISTRATOR]));

      const removed = await api.request('PUT', `/accounts/${member.accountId}/roles`, {
        headers: owner.bearer,
        body: { delete_roles: [{ role_id: ROLE.liveChatAdministrator }] },
      });
      expect(removed.status).toBe(200);
      expectMatchesSpec(removed.body, '/accounts/{account_id}/roles', 'put', 200);
      expect(removed.body.roles).toEqual([ADMINISTRATOR_ROLE]);
      expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).body.roles).toEqual([ADMINISTRATOR_ROLE]);
    });

    it('makes another account the owner, and the former owner an administrator (one owner per organization)', async () => {
      const founder = await api.signUp();
      const successor = await api.addAccount(founder);

      const reply = await api.request('PUT', `/accounts/${successor.accountId}/roles`, { headers: founder.bearer, body: { set_roles: [{ product: 'Accounts', role: 'owner' }] } });

      expect(reply.status).toBe(200);
      expect(reply.body.roles).toEqual([OWNER_ROLE]);
      expect((await api.request('GET', '/accounts/me', { headers: founder.bearer })).body.roles).toEqual([ADMINISTRATOR_ROLE]);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const reply = await api.request('PUT', '/accounts/me/roles', { headers: owner.bearer, raw: '[' });
      expectError(reply, 400, 'bad_request', ['/accounts/{account_id}/roles', 'put']);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.request('PUT', '/accounts/me/roles', { body: { set_roles: [] } }), 401, 'unauthorized', ['/accounts/{account_id}/roles', 'put']);
    });

    it('answers 403 to a credential without accounts.roles--all:rw', async () => {
      const member = await api.addAccount(owner);
      const reply = await api.request('PUT', `/accounts/${member.accountId}/roles`, {
        headers: await api.patHeader(owner, ['accounts.roles--all:ro', 'accounts--all:rw']),
        body: { set_roles: [{ role_id: ROLE.administrator }] },
      });
      expectInsufficientScope(reply, ['/accounts/{account_id}/roles', 'put']);
      expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).body.roles).toEqual([MEMBER_ROLE]);
    });

    it('answers 404 for an unknown account, for one of another organization and for an unknown role id', async () => {
      const spec: [string, string] = ['/accounts/{account_id}/roles', 'put'];
      const unknown = randomUUID();
      const body = { set_roles: [{ role_id: ROLE.administrator }] };
      expectNotFound(await api.request('PUT', `/accounts/${unknown}/roles`, { headers: owner.bearer, body }), 'account', unknown, spec);
      expectNotFound(await api.request('PUT', `/accounts/${stranger.accountId}/roles`, { headers: owner.bearer, body }), 'account', stranger.accountId, spec);

      const member = await api.addAccount(owner);
      const unknownRole = randomUUID();
      expectNotFound(await api.request('PUT', `/accounts/${member.accountId}/roles`, { headers: owner.bearer, body: { set_roles: [{ role_id: unknownRole }] } }), 'role', unknownRole, spec);
    });

    it('answers 422 for a role named by product and name that does not exist, and leaves the roles as they were', async () => {
      const member = await api.addAccount(owner);
      const reply = await api.request('PUT', `/accounts/${member.accountId}/roles`, {
        headers: owner.bearer,
        body: { set_roles: [{ role_id: ROLE.administrator }, { product: 'LiveChat', role: 'no such role' }] },
      });

      expectError(reply, 422, 'invalid_request', ['/accounts/{account_id}/roles', 'put']);
      expect(reply.body.invalid_fields).toEqual({ 'set_roles.1': expect.any(String) });
      expect((await api.request('GET', `/accounts/${member.accountId}`, { headers: owner.bearer })).body.roles).toEqual([MEMBER_ROLE]);
    });

    it('answers 422 naming the path id and each invalid role reference', async () => {
      const spec: [string, string] = ['/accounts/{account_id}/roles', 'put'];
      const path = await api.request('PUT', '/accounts/x/roles', { headers: owner.bearer, body: { set_roles: [] } });
      expectError(path, 422, 'invalid_request', spec);
      expect(path.body.invalid_fields).toEqual({ account_id: 'invalid uuid' });

      const body = await api.request('PUT', '/accounts/me/roles', {
        headers: owner.bearer,
        body: { set_roles: [{ role_id: 'nope' }, { product: 'LiveChat' }], delete_roles: 'all' },
      });
      expectError(body, 422, 'invalid_request', spec);
      expect(Object.keys(body.body.invalid_fields).sort()).toEqual(['delete_roles', 'set_roles.0.role_id', 'set_roles.1.role']);
    });
  });

  describe('POST /v2/accounts/{account_id}/password/reset', () => {
    // The spec points the 200 reply at the account schema, whose `email` is required, while its
    // description says "Returns an empty object" (compat.md): the body is checked to be exactly `{}`.
    it('sets the caller password through `me` (200 {}) and revokes its tokens and personal access tokens', async () => {
      const account = await api.signUp();
      const pat = await api.patHeader(account, ['accounts--my:ro']);

      const reply = await api.request('POST', '/accounts/me/password/reset', { headers: account.bearer, body: { password: 'a brand new password' } });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expectError(await api.request('GET', '/accounts/me', { headers: account.bearer }), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);
      expectError(await api.request('GET', '/accounts/me', { headers: pat }), 401, 'unauthorized', ['/accounts/{account_id}', 'get']);
    });

    it('sets the password of another account of a single organization', async () => {
      const member = await api.addAccount(owner);
      const reply = await api.request('POST', `/accounts/${member.accountId}/password/reset`, { headers: owner.bearer, body: { password: 'another password' } });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});
      expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const reply = await api.request('POST', '/accounts/me/password/reset', { headers: owner.bearer, raw: 'password=x' });
      expectError(reply, 400, 'bad_request', ['/accounts/{account_id}/password/reset', 'post']);
    });

    it('answers 401 without credentials', async () => {
      const reply = await api.request('POST', '/accounts/me/password/reset', { body: { password: 'long enough' } });
      expectError(reply, 401, 'unauthorized', ['/accounts/{account_id}/password/reset', 'post']);
    });

    it('answers 403 without accounts.password--my:rw, and for another account without accounts--all:rw', async () => {
      const spec: [string, string] = ['/accounts/{account_id}/password/reset', 'post'];
      const noPasswordScope = await api.request('POST', '/accounts/me/password/reset', {
        headers: await api.patHeader(owner, ['accounts--my:rw']),
        body: { password: 'long enough' },
      });
      expectInsufficientScope(noPasswordScope, spec);

      const member = await api.addAccount(owner);
      const onlyMine = await api.request('POST', `/accounts/${member.accountId}/password/reset`, {
        headers: await api.patHeader(owner, ['accounts.password--my:rw']),
        body: { password: 'long enough' },
      });
      expectInsufficientScope(onlyMine, spec);
      expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
    });

    it('answers 404 for an unknown account and for one of another organization', async () => {
      const spec: [string, string] = ['/accounts/{account_id}/password/reset', 'post'];
      const unknown = randomUUID();
      const body = { password: 'long enough' };
      expectNotFound(await api.request('POST', `/accounts/${unknown}/password/reset`, { headers: owner.bearer, body }), 'account', unknown, spec);
      expectNotFound(await api.request('POST', `/accounts/${stranger.accountId}/password/reset`, { headers: owner.bearer, body }), 'account', stranger.accountId, spec);
      expect((await api.request('GET', '/accounts/me', { headers: stranger.bearer })).status).toBe(200);
    });

    it('answers 409 for another account that belongs to more than one organization', async () => {
      const founder = await api.signUp();
      const administrator = await api.addAccount(founder, { roles: [{ role_id: ROLE.administrator }] });
      const secondOrganization = await api.request('POST', '/organizations', { headers: founder.bearer, body: { email: founder.email, organization: { name: 'Second' } } });
      expect(secondOrganization.status).toBe(200);
      const administratorBearer = await signedInAs(administrator.accountId, founder.organizationId, [ROLE.administrator]);

      const reply = await api.request('POST', `/accounts/${founder.accountId}/password/reset`, { headers: administratorBearer, body: { password: 'long enough' } });

      expectError(reply, 409, 'conflict', ['/accounts/{account_id}/password/reset', 'post']);
      expect((await api.request('GET', '/accounts/me', { headers: founder.bearer })).status).toBe(200);
    });

    it('answers 422 for a missing or short password, and a malformed id', async () => {
      const spec: [string, string] = ['/accounts/{account_id}/password/reset', 'post'];
      const missing = await api.request('POST', '/accounts/me/password/reset', { headers: owner.bearer, body: {} });
      expectError(missing, 422, 'invalid_request', spec);
      expect(Object.keys(missing.body.invalid_fields)).toEqual(['password']);

      const short = await api.request('POST', '/accounts/me/password/reset', { headers: owner.bearer, body: { password: 'short' } });
      expectError(short, 422, 'invalid_request', spec);
      expect(Object.keys(short.body.invalid_fields)).toEqual(['password']);

      const path = await api.request('POST', '/accounts/0/password/reset', { headers: owner.bearer, body: { password: 'long enough' } });
      expectError(path, 422, 'invalid_request', spec);
      expect(path.body.invalid_fields).toEqual({ account_id: 'invalid uuid' });
      expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
    });
  });
});
