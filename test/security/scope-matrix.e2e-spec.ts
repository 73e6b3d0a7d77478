import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { IssueAccessTokenCommand } from '@app/authorization/contracts';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { ALL_SCOPES, scopeSetsWithout } from '../support/scope-catalogue';
import { describeStoreIndependent } from '../support/store-independent';

/**
 * Every route of the accounts, organizations, roles and personal access token API against the
 * scopes that grant it (compat.md "Roles and scopes": `rw` includes `rc` and `ro`, `rc` includes
 * `ro`, `all` includes `my`). For each route: a credential holding every scope except those that
 * would grant it gets 403 `insufficient_scope` and changes nothing; a credential holding exactly one
 * granting alternative succeeds. Credentials are personal access tokens cut to the scopes chosen.
 */


/**
 * A personal access token must carry at least one scope (an empty list is a 422, checked below), so
 * "any valid credential" is shown with the narrowest scope, one that no route of this API checks.
 */
const NARROWEST = 'sessions--my:ro';

/** An account acting through the API, with a Bearer token able to make PATs of any scope. */
interface Principal {
  accountId: string;
  organizationId: string;
  bearer: Record<string, string>;
}

/** What one case works on: made anew per case, so destructive successes never touch another case. */
interface Ctx {
  /** Whose credential the case uses. */
  actor: Principal;
  /** Another account of the same organization, with a Bearer token of its own. */
  other: Principal;
  organizationId: string;
  /** A custom role of the organization, held by nobody. */
  roleId: string;
  /** A personal access token of the actor. */
  patId: string;
  /** An address no account has yet. */
  email: string;
}

interface Row {
  /** Method and path as the spec names it, plus which target. */
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `owner`: the organization's owner acts; `self`: a fresh account acts on itself. */
  actor: 'owner' | 'self';
  path: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  /**
   * The alternatives that grant the route, each a set of scopes needed together (the guard's scope
   * plus any the handler checks further). `[]`: any valid credential.
   */
  grantedBy: string[][];
  status: number;
  /** Set when the service answers wrongly today: the case then asserts the current answer. */
  knownDefect?: { explanation: string; status: number };
}

const rows: Row[] = [
  // Accounts
  {
    name: 'GET /accounts',
    method: 'GET',
    actor: 'owner',
    path: () => '/accounts',
    grantedBy: [['accounts--all:ro'], ['accounts--all:rc'], ['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'POST /accounts',
    method: 'POST',
    actor: 'owner',
    path: () => '/accounts',
    body: (c) => ({ email: c.email, name: 'New Member' }),
    grantedBy: [['accounts--all:rc'], ['accounts--all:rw']],
    status: 201,
  },
  {
    name: 'POST /accounts (with roles)',
    method: 'POST',
    actor: 'owner',
    path: () => '/accounts',
    body: (c) => ({ email: c.email, roles: [{ product: 'Accounts', role: 'member' }] }),
    grantedBy: [
      ['accounts--all:rc', 'accounts.roles--all:rw'],
      ['accounts--all:rw', 'accounts.roles--all:rw'],
    ],
    status: 201,
  },
  {
    name: 'GET /accounts/{account_id} (me)',
    method: 'GET',
    actor: 'self',
    path: () => '/accounts/me',
    grantedBy: [['accounts--my:ro'], ['accounts--my:rw'], ['accounts--all:ro']],
    status: 200,
  },
  {
    name: 'GET /accounts/{account_id} (own id)',
    method: 'GET',
    actor: 'self',
    path: (c) => `/accounts/${c.actor.accountId}`,
    grantedBy: [['accounts--my:ro']],
    status: 200,
  },
  {
    name: 'GET /accounts/{account_id} (another account)',
    method: 'GET',
    actor: 'owner',
    path: (c) => `/accounts/${c.other.accountId}`,
    grantedBy: [['accounts--all:ro'], ['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'PATCH /accounts/{account_id} (me)',
    method: 'PATCH',
    actor: 'self',
    path: () => '/accounts/me',
    body: () => ({ name: 'Renamed' }),
    grantedBy: [['accounts--my:rw'], ['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'PATCH /accounts/{account_id} (another account)',
    method: 'PATCH',
    actor: 'owner',
    path: (c) => `/accounts/${c.other.accountId}`,
    body: () => ({ name: 'Renamed' }),
    grantedBy: [['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'DELETE /accounts/{account_id} (me)',
    method: 'DELETE',
    actor: 'self',
    path: () => '/accounts/me',
    grantedBy: [['accounts--my:rw'], ['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'DELETE /accounts/{account_id} (another account)',
    method: 'DELETE',
    actor: 'owner',
    path: (c) => `/accounts/${c.other.accountId}`,
    grantedBy: [['accounts--all:rw']],
    status: 200,
  },
  {
    name: 'PUT /accounts/{account_id}/roles (me)',
    method: 'PUT',
    actor: 'self',
    path: () => '/accounts/me/roles',
    body: () => ({ set_roles: [{ product: 'LiveChat', role: 'normal' }] }),
    grantedBy: [['accounts.roles--all:rw']],
    status: 200,
  },
  {
    name: 'PUT /accounts/{account_id}/roles (another account)',
    method: 'PUT',
    actor: 'owner',
    path: (c) => `/accounts/${c.other.accountId}/roles`,
    body: () => ({ set_roles: [{ product: 'LiveChat', role: 'normal' }] }),
    grantedBy: [['accounts.roles--all:rw']],
    status: 200,
  },
  {
    name: 'POST /accounts/{account_id}/password/reset (me)',
    method: 'POST',
    actor: 'self',
    path: () => '/accounts/me/password/reset',
    body: () => ({ password: 'a new password' }),
    grantedBy: [['accounts.password--my:rw']],
    status: 200,
  },
  {
    name: 'POST /accounts/{account_id}/password/reset (another account)',
    method: 'POST',
    actor: 'owner',
    path: (c) => `/accounts/${c.other.accountId}/password/reset`,
    body: () => ({ password: 'a new password' }),
    grantedBy: [['accounts.password--my:rw', 'accounts--all:rw']],
    status: 200,
  },
  // Roles
  {
    name: 'GET /roles',
    method: 'GET',
    actor: 'owner',
    path: () => '/roles',
    grantedBy: [['accounts.roles--all:ro'], ['accounts.roles--all:rw']],
    status: 200,
  },
  {
    name: 'GET /roles/{role_id}',
    method: 'GET',
    actor: 'owner',
    path: (c) => `/roles/${c.roleId}`,
    grantedBy: [['accounts.roles--all:ro'], ['accounts.roles--all:rw']],
    status: 200,
  },
  {
    // The new role's scope must be one the credential holds, hence accounts.roles--all:ro.
    name: 'POST /roles',
    method: 'POST',
    actor: 'owner',
    path: () => '/roles',
    body: () => ({ role: `role-${randomUUID()}`, product: 'LiveChat', scope: 'accounts.roles--all:ro' }),
    grantedBy: [['accounts.roles--all:rw']],
    status: 201,
  },
  {
    name: 'DELETE /roles/{role_id}',
    method: 'DELETE',
    actor: 'owner',
    path: (c) => `/roles/${c.roleId}`,
    grantedBy: [['accounts.roles--all:rw']],
    status: 200,
  },
  // Organizations
  { name: 'GET /organizations', method: 'GET', actor: 'owner', path: () => '/organizations', grantedBy: [[]], status: 200 },
  { name: 'GET /organizations/{organization_id} (my)', method: 'GET', actor: 'owner', path: () => '/organizations/my', grantedBy: [[]], status: 200 },
  {
    name: 'GET /organizations/{organization_id} (own id)',
    method: 'GET',
    actor: 'owner',
    path: (c) => `/organizations/${c.organizationId}`,
    grantedBy: [[]],
    status: 200,
  },
  {
    name: 'PATCH /organizations/{organization_id} (my)',
    method: 'PATCH',
    actor: 'owner',
    path: () => '/organizations/my',
    body: () => ({ name: `Org ${randomUUID()}` }),
    grantedBy: [['organization--my:rw']],
    status: 200,
  },
  {
    name: 'PATCH /organizations/{organization_id} (own id)',
    method: 'PATCH',
    actor: 'owner',
    path: (c) => `/organizations/${c.organizationId}`,
    body: () => ({ name: `Org ${randomUUID()}` }),
    grantedBy: [['organization--my:rw']],
    status: 200,
  },
  // Personal access tokens: any valid credential, acting on the credential's own account.
  {
    name: 'POST /personal_access_tokens',
    method: 'POST',
    actor: 'owner',
    path: () => '/personal_access_tokens',
    body: () => ({ name: 'made by a PAT', scopes: [NARROWEST] }),
    grantedBy: [[]],
    status: 201,
  },
  { name: 'GET /personal_access_tokens', method: 'GET', actor: 'owner', path: () => '/personal_access_tokens', grantedBy: [[]], status: 200 },
  {
    name: 'DELETE /personal_access_tokens/{pat_id}',
    method: 'DELETE',
    actor: 'owner',
    path: (c) => `/personal_access_tokens/${c.patId}`,
    grantedBy: [[]],
    status: 200,
  },
];

/** One case per granting alternative: the credential holds exactly that alternative. */
const grantedCases = rows.flatMap((row) =>
  row.grantedBy.map((scopes) => ({
    label: `${row.name} succeeds with ${scopes.length ? scopes.join(' + ') : `any valid credential (${NARROWEST})`}`,
    row,
    scopes: scopes.length ? scopes : [NARROWEST],
  })),
);

/** One case per scope a route needs: a credential with every other scope of the catalogue (scopeSetsWithout). */
const deniedCases = rows.flatMap((row) => scopeSetsWithout(row.grantedBy).map(({ needed, held }) => ({ label: `${row.name} is refused without ${needed}`, row, scopes: held })));

describeStoreIndependent('scope matrix: every route against the scopes that grant it', () => {
  let api: TestApp;
  let owner: SignedUp;
  let ownerPrincipal: Principal;
  let shared: Ctx;
  let everythingRoleId: string;

  const basic = (accountId: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${accountId}:${secret}`).toString('base64')}` });

  /**
   * A new account of the owner's organization with a Bearer token carrying every scope: no HTTP
   * route hands a token to an added account, so it is issued directly, as sign-in would. A
   * credential never grants more than the account's roles, so the account gets a custom Accounts
   * role holding every scope.
   */
  async function newPrincipal(): Promise<Principal> {
    const { accountId } = await api.addAccount(owner, { roles: [{ role_id: everythingRoleId }] });
    const issued = await api.app.get(CommandBus).execute(new IssueAccessTokenCommand(accountId, owner.organizationId, [...ALL_SCOPES]));
    const bearer = { authorization: `Bearer ${issued.accessToken}` };
    await api.untilCredentialWorks(bearer);
    return { accountId, organizationId: owner.organizationId, bearer };
  }

  async function newPat(principal: Principal, scopes: readonly string[]): Promise<{ patId: string; headers: Record<string, string> }> {
    const response = await api.request('POST', '/personal_access_tokens', { headers: principal.bearer, body: { name: `pat-${randomUUID()}`, scopes } });
    if (response.status !== 201) throw new Error(`PAT failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { patId: response.body.pat_id, headers: basic(principal.accountId, response.body.token) };
  }

  async function newCtx(actorKind: Row['actor']): Promise<Ctx> {
    const actor = actorKind === 'owner' ? ownerPrincipal : await newPrincipal();
    const other = await newPrincipal();
    const role = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: `role-${randomUUID()}`, product: 'LiveChat', scope: 'accounts--my:ro' } });
    if (role.status !== 201) throw new Error(`role failed: ${role.status} ${JSON.stringify(role.body)}`);
    const { patId } = await newPat(actor, [NARROWEST]);
    return { actor, other, organizationId: owner.organizationId, roleId: role.body.role_id, patId, email: `new-${randomUUID()}@example.com` };
  }

  const send = (row: Row, c: Ctx, headers: Record<string, string>): Promise<ApiResponse> =>
    api.request(row.method, row.path(c), { headers, ...(row.body ? { body: row.body(c) } : {}) });

  /** Everything a refused request could have changed, read with credentials outside the case. */
  async function world(c: Ctx): Promise<unknown> {
    const read = async (path: string, headers: Record<string, string>) => {
      const response = await api.request('GET', path, { headers });
      return { status: response.status, body: response.body };
    };
    const accounts = await read('/accounts', owner.bearer);
    if (Array.isArray(accounts.body)) accounts.body.sort((a: { account_id: string }, b: { account_id: string }) => a.account_id.localeCompare(b.account_id));
    return {
      accounts,
      roles: await read('/roles', owner.bearer),
      role: await read(`/roles/${c.roleId}`, owner.bearer),
      organization: await read('/organizations/my', owner.bearer),
      ownerTokens: await read('/personal_access_tokens', owner.bearer),
      // A password reset or a deletion would revoke these.
      actor: await read('/accounts/me', c.actor.bearer),
      actorTokens: await read('/personal_access_tokens', c.actor.bearer),
      other: await read('/accounts/me', c.other.bearer),
    };
  }

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ name: 'Scope Matrix Org' });
    ownerPrincipal = { accountId: owner.accountId, organizationId: owner.organizationId, bearer: owner.bearer };
    const everything = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'everything', product: 'Accounts', scope: ALL_SCOPES.join(',') } });
    if (everything.status !== 201) throw new Error(`role failed: ${everything.status} ${JSON.stringify(everything.body)}`);
    everythingRoleId = everything.body.role_id;
    shared = await newCtx('owner');
  });
  afterAll(async () => api?.stop());

  it('covers each alternative and each refusal of every route', () => {
    expect(grantedCases.length).toBeGreaterThanOrEqual(rows.length);
    expect(deniedCases.map((c) => c.row.name)).toEqual(expect.arrayContaining(rows.filter((r) => r.grantedBy.some((a) => a.length)).map((r) => r.name)));
  });

  describe('a credential lacking the scope is refused with 403 and changes nothing', () => {
    it.each(deniedCases)('$label', async ({ row, scopes }) => {
      const c = await newCtx(row.actor);
      const { headers } = await newPat(c.actor, scopes);
      const before = await world(c);

      const response = await send(row, c, headers);

      const expected = row.knownDefect?.status ?? 403;
      expect({ status: response.status, body: response.body }).toEqual({
        status: expected,
        body: expected === 403 ? { error: 'access_denied', sub_error: 'insufficient_scope', error_description: expect.any(String), request_id: expect.any(String) } : expect.anything(),
      });
      expect(response.body.request_id).not.toBe('');
      expect(await world(c)).toEqual(before);
    });
  });

  describe('a credential holding exactly one granting alternative succeeds', () => {
    it.each(grantedCases)('$label', async ({ row, scopes }) => {
      const c = await newCtx(row.actor);
      const { headers } = await newPat(c.actor, scopes);
      const before = await world(c);

      const response = await send(row, c, headers);

      expect({ status: response.status, error: response.body?.error }).toEqual({ status: row.knownDefect?.status ?? row.status, error: undefined });
      // A read leaves everything as it was; a write shows in what the organization's owner reads.
      if (row.method === 'GET') expect(await world(c)).toEqual(before);
      else expect(await world(c)).not.toEqual(before);
    });
  });

  it('refuses a personal access token with no scope at all (422), hence the narrowest scope above', async () => {
    const response = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'empty', scopes: [] } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ error: 'invalid_request', invalid_fields: { scopes: expect.any(String) } });
  });

  describe('authentication', () => {
    let before: unknown;
    let revoked: Record<string, string>;
    let validPat: { patId: string; secret: string };
    beforeAll(async () => {
      before = await world(shared);
      const made = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'to revoke', scopes: [...ALL_SCOPES] } });
      revoked = basic(owner.accountId, made.body.token);
      expect((await api.request('GET', '/accounts/me', { headers: revoked })).status).toBe(200);
      expect((await api.request('DELETE', `/personal_access_tokens/${made.body.pat_id}`, { headers: owner.bearer })).status).toBe(200);
      const valid = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'valid', scopes: [...ALL_SCOPES] } });
      validPat = { patId: valid.body.pat_id, secret: valid.body.token };
      before = await world(shared);
    });

    const kinds: { kind: string; headers: () => Record<string, string> }[] = [
      { kind: 'no credential', headers: () => ({}) },
      { kind: 'a garbage Bearer token', headers: () => ({ authorization: 'Bearer dal:not-a-token-at-all' }) },
      { kind: 'a wrong Basic password', headers: () => basic(owner.accountId, 'not-the-personal-access-token') },
      { kind: 'a valid PAT under another account id', headers: () => basic(shared.other.accountId, validPat.secret) },
      { kind: 'a revoked PAT', headers: () => revoked },
    ];
    const cases = kinds.flatMap(({ kind, headers }) => rows.map((row) => ({ label: `${row.name} with ${kind}: 401`, row, headers })));

    it.each(cases)('$label', async ({ row, headers }) => {
      const response = await send(row, shared, headers());
      expect({ status: response.status, error: response.body?.error }).toEqual({ status: 401, error: 'unauthorized' });
      expect(response.body.request_id).toEqual(expect.any(String));
    });

    it('changed nothing through any unauthenticated request', async () => {
      expect(await world(shared)).toEqual(before);
    });

    it('lets POST /organizations (sign-up) through without a credential', async () => {
      const response = await api.request('POST', '/organizations', { body: { email: `founder-${randomUUID()}@example.com`, password: 'correct horse', organization: { name: 'Open' } } });
      expect(response.status).toBe(200);
    });
  });
});
