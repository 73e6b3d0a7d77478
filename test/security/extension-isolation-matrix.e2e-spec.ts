import { randomBytes, randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { IssueAccessTokenCommand } from '@app/authorization/contracts';
import { StartSessionCommand } from '@app/sessions/contracts';
import { expectError, expectInsufficientScope } from '../support/expect-error';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';
import { ALL_SCOPES, scopeSetsWithout } from '../support/scope-catalogue';
import { describeStoreIndependent } from '../support/store-independent';

/**
 * The service's routes beyond the spec's accounts, roles, organizations and personal access
 * tokens: sessions (`/sessions`), OAuth clients (`/clients`), the audit timeline (`/audit`) and
 * token info (`/info`).
 *
 * Isolation: organization A's owner, holding every scope, aims each route that takes an id at
 * organization B's ids. Each answer is the one an id that exists nowhere gets, shows nothing of B,
 * and leaves B (and A) as they were. Lists show A's own things only.
 *
 * Scopes: each route refuses a credential holding every scope but those that grant it, with 403
 * `insufficient_scope` and no change, and accepts one holding exactly a granting scope.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const credentials = ['Bearer token', 'personal access token'] as const;
type CredentialKind = (typeof credentials)[number];

/** An audit page that finds nothing. */
const EMPTY_PAGE = { entries: [], next_cursor: null };

/** OAuth client ids are 32 lowercase hex characters (UUIDs are refused with 422 there). */
const newClientId = () => randomBytes(16).toString('hex');

interface Tenant {
  owner: SignedUp;
  organizationName: string;
  session: { sessionId: string; userAgent: string; ip: string };
  /** A confidential client of the organization, holding a token issued in the owner's session. */
  client: { clientId: string; name: string; secret: string; token: string; bearer: Record<string, string> };
  pat: { patId: string; name: string; headers: Record<string, string> };
  /** The correlation id of the request that registered the client, as the audit timeline shows it. */
  correlationId: string;
}

interface Case {
  label: string;
  method: Method;
  path: (id: string) => string;
  body?: () => unknown;
  /** B's id the case aims at, and an id of the same kind that exists nowhere. */
  id: (b: Tenant) => string;
  nowhere: () => string;
  /** The resource a 404 names; absent: the route answers an audit page that finds nothing. */
  notFound?: 'session' | 'client' | 'organization';
}

const clientCase = (method: Method, path: string, body?: () => unknown): Case => ({
  label: `${method} /clients/{B's client}${path}`,
  method,
  path: (id) => `/clients/${id}${path}`,
  ...(body ? { body } : {}),
  id: (b) => b.client.clientId,
  nowhere: newClientId,
  notFound: 'client',
});

/** An audit filter naming one of B's ids: a filter finds nothing of another organization. */
const auditFilterCase = (filter: string, what: string, id: (b: Tenant) => string, nowhere: () => string = randomUUID): Case => ({
  label: `GET /audit?${filter}={B's ${what}}`,
  method: 'GET',
  path: (value) => `/audit?${filter}=${encodeURIComponent(value)}`,
  id,
  nowhere,
});

const cases: Case[] = [
  {
    label: "DELETE /sessions/{B's owner's session}",
    method: 'DELETE',
    path: (id) => `/sessions/${id}`,
    id: (b) => b.session.sessionId,
    nowhere: () => randomUUID(),
    notFound: 'session',
  },
  clientCase('GET', ''),
  clientCase('PATCH', '', () => ({ name: 'Hijacked', redirect_uri: 'https://evil.example.com/cb', scopes: [...ALL_SCOPES] })),
  clientCase('PUT', '/scopes', () => [...ALL_SCOPES]),
  clientCase('DELETE', ''),
  {
    label: "GET /audit?organization={B's organization}",
    method: 'GET',
    path: (id) => `/audit?organization=${id}`,
    id: (b) => b.owner.organizationId,
    nowhere: () => randomUUID(),
    notFound: 'organization',
  },
  auditFilterCase('account', 'owner', (b) => b.owner.accountId),
  auditFilterCase('actor', 'owner', (b) => b.owner.accountId),
  auditFilterCase('session', "owner's session", (b) => b.session.sessionId),
  auditFilterCase('client', 'client', (b) => b.client.clientId, newClientId),
  auditFilterCase('correlation', 'request', (b) => b.correlationId),
];

const matrix = credentials.flatMap((credential) => cases.map((c) => ({ ...c, credential, title: `${c.label} with A's owner ${credential}: answered as an id that exists nowhere` })));

/** A route beyond the spec and the scopes that grant it (compat.md "Roles and scopes" algebra). */
interface Row {
  name: string;
  method: Method;
  path: (c: Ctx) => string;
  body?: () => unknown;
  /** The alternatives that grant the route; `[[]]`: any valid credential. */
  grantedBy: string[][];
  status: number;
  /** GET /info reads an access token (Bearer or `?code=`) and nothing else, so a PAT is no credential there. */
  bearerOnly?: boolean;
}

/** What one scope case works on, made anew per case so a success never touches another case. */
interface Ctx {
  /** A session of the organization's owner. */
  sessionId: string;
  /** A client of the organization, with the scope `accounts--my:ro`. */
  clientId: string;
}

/** Any valid credential is shown with one scope that no route below checks. */
const NARROWEST = 'accounts--my:ro';

const ORGANIZATION = [['organization--my:rw']];

const rows: Row[] = [
  { name: 'GET /sessions', method: 'GET', path: () => '/sessions', grantedBy: [['sessions--my:ro'], ['sessions--my:rw']], status: 200 },
  { name: 'DELETE /sessions', method: 'DELETE', path: () => '/sessions', grantedBy: [['sessions--my:rw']], status: 200 },
  { name: 'DELETE /sessions/{session_id}', method: 'DELETE', path: (c) => `/sessions/${c.sessionId}`, grantedBy: [['sessions--my:rw']], status: 200 },
  { name: 'GET /clients', method: 'GET', path: () => '/clients', grantedBy: ORGANIZATION, status: 200 },
  {
    name: 'POST /clients',
    method: 'POST',
    path: () => '/clients',
    body: () => ({ name: `client-${randomUUID()}`, type: 'public', redirect_uri: 'https://app.example.com/cb' }),
    grantedBy: ORGANIZATION,
    status: 201,
  },
  { name: 'GET /clients/{client_id}', method: 'GET', path: (c) => `/clients/${c.clientId}`, grantedBy: ORGANIZATION, status: 200 },
  {
    name: 'PATCH /clients/{client_id}',
    method: 'PATCH',
    path: (c) => `/clients/${c.clientId}`,
    body: () => ({ name: `renamed-${randomUUID()}` }),
    grantedBy: ORGANIZATION,
    status: 200,
  },
  { name: 'PUT /clients/{client_id}/scopes', method: 'PUT', path: (c) => `/clients/${c.clientId}/scopes`, body: () => ['sessions--my:ro'], grantedBy: ORGANIZATION, status: 200 },
  { name: 'DELETE /clients/{client_id}', method: 'DELETE', path: (c) => `/clients/${c.clientId}`, grantedBy: ORGANIZATION, status: 200 },
  { name: 'GET /audit', method: 'GET', path: () => '/audit', grantedBy: ORGANIZATION, status: 200 },
  { name: 'GET /info', method: 'GET', path: () => '/info', grantedBy: [[]], status: 200, bearerOnly: true },
];

const credentialsFor = (row: Row) => (row.bearerOnly ? credentials.filter((kind) => kind === 'Bearer token') : credentials);

/** One case per granting alternative and credential: the credential holds exactly that alternative. */
const grantedCases = rows.flatMap((row) =>
  credentialsFor(row).flatMap((credential) =>
    row.grantedBy.map((scopes) => ({
      label: `${row.name} succeeds with a ${credential} of ${scopes.length ? scopes.join(' + ') : `any scope (${NARROWEST})`}`,
      row,
      credential,
      scopes: scopes.length ? scopes : [NARROWEST],
    })),
  ),
);

/**
 * One case per scope a route needs and credential: every other scope of the catalogue
 * (scopeSetsWithout; without `sessions--my:rw` a credential still holds `sessions--my:ro`, which
 * GET /sessions accepts: no case there).
 */
const deniedCases = rows.flatMap((row) =>
  credentialsFor(row).flatMap((credential) =>
    scopeSetsWithout(row.grantedBy).map(({ needed, held }) => ({ label: `${row.name} refuses a ${credential} without ${needed}`, row, credential, scopes: held })),
  ),
);

describeStoreIndependent('extension routes: isolation and scopes', () => {
  let api: TestApp;

  /**
   * Lets every read model catch up with the log's settled head before a snapshot is taken. Writes
   * this suite makes on the test's own bus are waited for by their streams (readModelsInclude,
   * untilCredentialWorks); this is for whatever the service wrote in reaction to a request.
   */
  async function settled(): Promise<void> {
    const head = await api.runtime.store.headPosition();
    if (head && !(await api.runtime.progress.waitFor(head, 10_000))) throw new Error('the read models never caught up');
  }

  /** A sign-in on a device; there is no sign-in over HTTP to go through yet. */
  async function startSession(who: SignedUp, userAgent: string, ip: string): Promise<string> {
    const { sessionId } = await api.app.get(CommandBus).execute(new StartSessionCommand(who.accountId, who.organizationId, 'credentials', ip, userAgent));
    await api.readModelsInclude(`session-${sessionId}`);
    return sessionId;
  }

  /** A Bearer token with exactly these scopes, as a sign-in (or an authorization, given a client) would issue. */
  async function issueBearer(who: SignedUp, scopes: readonly string[], clientId: string | null = null, sessionId: string | null = null) {
    const issued = await api.app.get(CommandBus).execute(new IssueAccessTokenCommand(who.accountId, who.organizationId, scopes, clientId, sessionId));
    const bearer = { authorization: `Bearer ${issued.accessToken}` };
    await api.untilCredentialWorks(bearer);
    return { token: issued.accessToken as string, bearer };
  }

  async function newPat(who: SignedUp, scopes: readonly string[], name = `pat-${randomUUID()}`): Promise<{ patId: string; headers: Record<string, string> }> {
    const response = await api.request('POST', '/personal_access_tokens', { headers: who.bearer, body: { name, scopes } });
    if (response.status !== 201) throw new Error(`PAT failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { patId: response.body.pat_id, headers: { authorization: `Basic ${Buffer.from(`${who.accountId}:${response.body.token}`).toString('base64')}` } };
  }

  const read = async (path: string, headers: Record<string, string>) => {
    const response = await api.request('GET', path, { headers });
    return { status: response.status, body: response.body };
  };

  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  describe("isolation: A's credentials against B's ids", () => {
    let a: Tenant;
    let b: Tenant;
    let aPat: Record<string, string>;
    let aBefore: World;
    let bBefore: World;

    const headersOf = (credential: CredentialKind) => (credential === 'Bearer token' ? a.owner.bearer : aPat);

    async function tenant(label: string): Promise<Tenant> {
      const organizationName = `${label} ${randomUUID()}`;
      const owner = await api.signUp({ name: organizationName });
      const hex = () => randomBytes(2).toString('hex');
      const userAgent = `${label}Browser/${randomUUID()}`;
      const ip = `2001:db8:${hex()}:${hex()}::${hex()}`;
      const sessionId = await startSession(owner, userAgent, ip);

      const clientName = `${label}-client-${randomUUID()}`;
      const registered = await api.registerClient(owner, { name: clientName, type: 'server_side_app', redirect_uri: 'https://app.example.com/cb', scopes: ['accounts--my:ro'] });
      // The client's token, issued in the session, makes the client one of the session's applications.
      const clientToken = await issueBearer(owner, ['accounts--my:ro'], registered.client_id, sessionId);

      const patName = `${label}-pat-${randomUUID()}`;
      const pat = await newPat(owner, ALL_SCOPES, patName);
      await settled();
      const registration = await api.request('GET', `/audit?client=${registered.client_id}&type=OAuthClientRegistered`, { headers: owner.bearer });
      expect(registration.body.entries).toHaveLength(1);
      return {
        owner,
        organizationName,
        session: { sessionId, userAgent, ip },
        client: { clientId: registered.client_id, name: clientName, secret: registered.client_secret!, ...clientToken },
        pat: { patId: pat.patId, name: patName, headers: pat.headers },
        correlationId: registration.body.entries[0].correlation_id,
      };
    }

    /** A tenant's data as its own credentials read it; the client's token shows the client and session still live. */
    async function world(t: Tenant) {
      await settled();
      const info = await read('/info', t.client.bearer);
      const { expires_in: _ticking, ...tokenInfo } = info.body ?? {};
      return {
        sessions: await read('/sessions', t.owner.bearer),
        clients: await read('/clients', t.owner.bearer),
        client: await read(`/clients/${t.client.clientId}`, t.owner.bearer),
        audit: await read('/audit?limit=500', t.owner.bearer),
        clientToken: { status: info.status, body: tokenInfo },
        clientTokenWorks: (await read('/accounts/me', t.client.bearer)).status,
        patStillWorks: (await read('/accounts/me', t.pat.headers)).status,
      };
    }

    type World = Awaited<ReturnType<typeof world>>;

    /** Everything of B that must never show in an answer to A, except what A itself asked about. */
    const secretsOf = (t: Tenant, asked: string) =>
      [
        t.owner.email,
        t.owner.accountId,
        t.owner.organizationId,
        t.owner.token,
        t.organizationName,
        t.session.sessionId,
        t.session.userAgent,
        t.session.ip,
        t.client.clientId,
        t.client.name,
        t.client.secret,
        t.client.token,
        t.pat.patId,
        t.pat.name,
        t.correlationId,
      ]
        .filter((secret) => !asked || !asked.includes(secret))
        .flatMap((secret) => [secret, secret.toLowerCase()]);

    /** Status and body with the request id dropped and the id asked about written as `<id>`, to compare answers for two ids. */
    const normalised = (response: ApiResponse, id: string) => {
      const { request_id: _request, ...rest } = response.body ?? {};
      return { status: response.status, body: JSON.parse(JSON.stringify(rest).split(id).join('<id>')) };
    };

    beforeAll(async () => {
      a = await tenant('Alpha');
      b = await tenant('Beta');
      aPat = (await newPat(a.owner, ALL_SCOPES)).headers;
      aBefore = await world(a);
      bBefore = await world(b);
    });

    it('has both tenants set up as the cases expect', async () => {
      expect(bBefore.clientToken.body).toMatchObject({ client_id: b.client.clientId, account_id: b.owner.accountId });
      const sessions: { session_id: string; applications: { client_id: string }[] }[] = bBefore.sessions.body;
      expect(sessions.map((session) => [session.session_id, session.applications.map((application) => application.client_id)])).toEqual([[b.session.sessionId, [b.client.clientId]]]);
      expect({ clientTokenWorks: bBefore.clientTokenWorks, patStillWorks: bBefore.patStillWorks }).toEqual({ clientTokenWorks: 200, patStillWorks: 200 });
    });

    it.each(matrix)('$title', async (c) => {
      const headers = headersOf(c.credential);
      const answer = (id: string) => api.request(c.method, c.path(id), { headers, ...(c.body ? { body: c.body() } : {}) });
      const nowhereId = c.nowhere();
      const nowhere = await answer(nowhereId);
      const theirs = await answer(c.id(b));

      // What an id that exists nowhere gets.
      if (c.notFound) {
        expectError(nowhere, 404, 'resource_not_found');
        expect(nowhere.body).toEqual({
          error: 'resource_not_found',
          error_description: expect.any(String),
          resource_name: c.notFound,
          resource_id: nowhereId,
          request_id: expect.any(String),
        });
      } else {
        expect({ status: nowhere.status, body: nowhere.body }).toEqual({ status: 200, body: EMPTY_PAGE });
      }
      // B's id gets the very same answer, naming only the id asked about.
      expect(normalised(theirs, c.id(b))).toEqual(normalised(nowhere, nowhereId));
      if (c.notFound) expect(theirs.headers.get('x-request-id')).toBe(theirs.body.request_id);
      const text = JSON.stringify(theirs.body ?? '');
      for (const secret of secretsOf(b, c.id(b))) expect(text).not.toContain(secret);

      expect(await world(b)).toEqual(bBefore);
      expect(await world(a)).toEqual(aBefore);
    });

    describe.each(credentials)("lists read with A's owner %s", (credential) => {
      it("GET /sessions lists exactly A's owner's session, with A's client as its application", async () => {
        const response = await api.request('GET', '/sessions', { headers: headersOf(credential) });
        expect(response.status).toBe(200);
        expect(response.body.map((session: { session_id: string; account_id: string; applications: { client_id: string }[] }) => [session.session_id, session.account_id, session.applications.map((x) => x.client_id)])).toEqual([
          [a.session.sessionId, a.owner.accountId, [a.client.clientId]],
        ]);
        for (const secret of secretsOf(b, '')) expect(JSON.stringify(response.body)).not.toContain(secret);
      });

      it("GET /clients lists exactly A's client", async () => {
        const response = await api.request('GET', '/clients', { headers: headersOf(credential) });
        expect(response.status).toBe(200);
        expect(response.body.map((client: { client_id: string }) => client.client_id)).toEqual([a.client.clientId]);
        for (const secret of secretsOf(b, '')) expect(JSON.stringify(response.body)).not.toContain(secret);
      });

      it("GET /audit pages through A's organization only", async () => {
        const entries: { organization_ids: string[]; client_id?: string }[] = [];
        let cursor: string | null = null;
        do {
          const page: ApiResponse = await api.request('GET', `/audit?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { headers: headersOf(credential) });
          expect(page.status).toBe(200);
          for (const secret of secretsOf(b, '')) expect(JSON.stringify(page.body)).not.toContain(secret);
          entries.push(...page.body.entries);
          cursor = page.body.next_cursor;
        } while (cursor);
        expect(entries.map((entry) => entry.client_id)).toContain(a.client.clientId);
        expect(entries.filter((entry) => entry.organization_ids.length !== 1 || entry.organization_ids[0] !== a.owner.organizationId)).toEqual([]);
      });
    });

    it("GET /info with A's owner's Bearer token and B's client token as ?code answers about A's token only", async () => {
      const response = await api.request('GET', `/info?code=${encodeURIComponent(b.client.token)}`, { headers: a.owner.bearer });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ access_token: a.owner.token, account_id: a.owner.accountId, organization_id: a.owner.organizationId, token_type: 'Bearer' });
      expect(response.body.client_id).toBeUndefined();
      for (const secret of secretsOf(b, '')) expect(JSON.stringify(response.body)).not.toContain(secret);
      expect(await world(b)).toEqual(bBefore);
    });

    // Last: signing out everywhere removes A's sessions (and the tokens issued in them).
    it.each(credentials)("DELETE /sessions with A's owner %s signs A's owner out everywhere and leaves B's sessions", async (credential) => {
      const sessionId = await startSession(a.owner, `AlphaBrowser/${randomUUID()}`, '2001:db8::a');
      expect((await read('/sessions', a.owner.bearer)).body.map((session: { session_id: string }) => session.session_id)).toContain(sessionId);

      const response = await api.request('DELETE', '/sessions', { headers: headersOf(credential) });
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });

      expect((await read('/sessions', a.owner.bearer)).body).toEqual([]);
      expect(await world(b)).toEqual(bBefore);
    });
  });

  describe('scopes: each route against the scopes that grant it', () => {
    let owner: SignedUp;

    /** A fresh session of the owner and a fresh client of the organization. */
    async function newCtx(): Promise<Ctx> {
      const sessionId = await startSession(owner, `ScopeBrowser/${randomUUID()}`, '2001:db8::5');
      const client = await api.registerClient(owner, { name: `client-${randomUUID()}`, type: 'public', redirect_uri: 'https://app.example.com/cb', scopes: ['accounts--my:ro'] });
      return { sessionId, clientId: client.client_id };
    }

    async function credential(kind: CredentialKind, scopes: readonly string[]): Promise<Record<string, string>> {
      return kind === 'Bearer token' ? (await issueBearer(owner, scopes)).bearer : (await newPat(owner, scopes)).headers;
    }

    const send = (row: Row, c: Ctx, headers: Record<string, string>): Promise<ApiResponse> =>
      api.request(row.method, row.path(c), { headers, ...(row.body ? { body: row.body() } : {}) });

    /** Everything a request could have changed, read with the owner's sign-up token (in no session, so never signed out). */
    async function world(c: Ctx): Promise<unknown> {
      await settled();
      return {
        sessions: await read('/sessions', owner.bearer),
        clients: await read('/clients', owner.bearer),
        client: await read(`/clients/${c.clientId}`, owner.bearer),
        newestAudit: await read('/audit?limit=20', owner.bearer),
      };
    }

    beforeAll(async () => {
      owner = await api.signUp({ name: 'Extension Scope Org' });
    });

    /** A fresh context, what the owner reads before, and the case's request sent with its credential. */
    async function attempt({ row, credential: kind, scopes }: { row: Row; credential: CredentialKind; scopes: readonly string[] }) {
      const c = await newCtx();
      const headers = await credential(kind, scopes);
      const before = await world(c);
      return { c, before, response: await send(row, c, headers) };
    }

    it('covers each alternative and each refusal of every route', () => {
      expect(grantedCases.length).toBeGreaterThanOrEqual(rows.length);
      expect(deniedCases.map((c) => c.row.name)).toEqual(expect.arrayContaining(rows.filter((r) => r.grantedBy.some((alternative) => alternative.length)).map((r) => r.name)));
    });

    describe('a credential lacking the scope is refused with 403 and changes nothing', () => {
      it.each(deniedCases)('$label', async (scopeCase) => {
        const { c, before, response } = await attempt(scopeCase);

        expect({ status: response.status, body: response.body }).toEqual({
          status: 403,
          body: { error: 'access_denied', sub_error: 'insufficient_scope', error_description: expect.any(String), request_id: expect.any(String) },
        });
        expectInsufficientScope(response);
        expect(await world(c)).toEqual(before);
      });
    });

    describe('a credential holding exactly one granting alternative succeeds', () => {
      it.each(grantedCases)('$label', async (scopeCase) => {
        const { row } = scopeCase;
        const { c, before, response } = await attempt(scopeCase);

        expect({ status: response.status, error: response.body?.error }).toEqual({ status: row.status, error: undefined });
        // A read leaves everything as it was; a write shows in what the owner reads.
        if (row.method === 'GET') expect(await world(c)).toEqual(before);
        else expect(await world(c)).not.toEqual(before);
      });
    });

    it("GET /info answers about the presented token: its own scopes, account and organization", async () => {
      const { token, bearer } = await issueBearer(owner, ['sessions--my:ro', NARROWEST]);
      const response = await api.request('GET', '/info', { headers: bearer });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ access_token: token, account_id: owner.accountId, organization_id: owner.organizationId, token_type: 'Bearer' });
      expect(response.body.scope.split(',').sort()).toEqual([NARROWEST, 'sessions--my:ro']);
    });
  });
});
