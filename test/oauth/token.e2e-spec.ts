import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { IssueAuthorizationCodeCommand, RevokeSessionCredentialsCommand, type AuthorizationCodeRequest } from '@app/authorization/contracts';
import { StartSessionCommand } from '@app/sessions/contracts';
import type { EventMetadata } from '@app/platform';
import { expectMatchesErrorEnvelope, expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';

// RFC 7636 Appendix B, and the challenge @livechat/accounts-sdk computes for the same verifier (compat.md "PKCE").
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const SDK_CHALLENGE =
  'MzMyNjAzMDMwLDQzNzk2NzA4NCw3OTAwMTYyNjgsMTI4NTA0MTY3MiwxOTkwNzUyNDI5LDE4NDQ1MjgyMTQsMTg2MDI3NDUwNiwtODgxNzg4NDc3';
const REDIRECT = 'https://app.example.com/callback';
const SCOPES = ['accounts--my:ro', 'sessions--my:ro'];

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describe('OAuth token endpoint: POST /v2/token, DELETE /v2/token, GET /v2/info', () => {
  let api: TestApp;
  let owner: SignedUp;
  let publicClient: string;
  let otherPublicClient: string;
  let confidential: { id: string; secret: string };
  /** Codes are issued in a sign-in session; they redeem only while it lasts. */
  let sessionId: string;
  const startSession = async () =>
    (await api.app.get(CommandBus).execute(new StartSessionCommand(owner.accountId, owner.organizationId, 'credentials', '127.0.0.1', 'token tests'))).sessionId;

  beforeAll(async () => {
    // This suite sends many refused requests on purpose; the throttle has a suite of its own.
    api = await TestApp.start({ TOKEN_FAILURES_PER_MINUTE: '100000' });
    owner = await api.signUp();
    const register = async (type: string) => {
      const created = await api.request('POST', '/clients', { headers: owner.bearer, body: { name: type, type, redirect_uri: 'https://app.example.com', scopes: SCOPES } });
      if (created.status !== 201) throw new Error(`client registration failed: ${created.status}`);
      return created.body as { client_id: string; client_secret?: string };
    };
    publicClient = (await register('javascript_app')).client_id;
    otherPublicClient = (await register('javascript_app')).client_id;
    const server = await register('server_side_app');
    confidential = { id: server.client_id, secret: server.client_secret! };
    sessionId = await startSession();
  });
  afterAll(async () => api?.stop());

  /** A code as the authorize flow would issue it after consent. */
  async function issueCode(clientId: string, overrides: Partial<AuthorizationCodeRequest> = {}): Promise<string> {
    const issued = await api.app.get(CommandBus).execute(
      new IssueAuthorizationCodeCommand({
        clientId,
        accountId: owner.accountId,
        organizationId: owner.organizationId,
        sessionId,
        redirectUri: REDIRECT,
        scopes: SCOPES,
        ...overrides,
      }),
    );
    return issued.code;
  }

  const postToken = (body: Record<string, string>, headers: Record<string, string> = {}) => api.request('POST', '/v2/token', { body, headers });
  const postForm = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    api.request('POST', '/v2/token', { raw: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
  const me = (token: string) => api.request('GET', '/accounts/me', { headers: bearer(token) });

  /** A request with a bytes body: fetch then sets no Content-Type at all. */
  async function rawPost(path: string, body: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers, body: Buffer.from(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  function expectOAuthError(response: ApiResponse, status: number, error: string): void {
    expect({ status: response.status, error: response.body?.error }).toEqual({ status, error });
    expectMatchesErrorEnvelope(response.body);
    expect(typeof response.body.error_description).toBe('string');
  }

  async function redeem(clientId = publicClient, extra: Record<string, string> = {}): Promise<Tokens> {
    const code = await issueCode(clientId);
    const response = await postToken({ grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: REDIRECT, ...extra });
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Polls until `check` holds: for revocations made outside a request, which nobody waits for. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('condition never held');
  }

  describe('authorization_code grant', () => {
    it('redeems a code with an S256 challenge (RFC 7636 Appendix B) for tokens that work on /v2/accounts/me', async () => {
      const code = await issueCode(publicClient, { codeChallenge: RFC_CHALLENGE, codeChallengeMethod: 'S256' });
      expect(code).toMatch(/^dal:[A-Za-z0-9_-]+$/);
      const response = await postToken({ grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT, code_verifier: RFC_VERIFIER });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['access_token', 'account_id', 'expires_in', 'organization_id', 'refresh_token', 'scope', 'token_type']);
      expect(response.body).toMatchObject({
        account_id: owner.accountId,
        organization_id: owner.organizationId,
        expires_in: 28800,
        scope: 'accounts--my:ro,sessions--my:ro',
        token_type: 'Bearer',
      });
      expect(response.body.access_token).toMatch(/^dal:[A-Za-z0-9_-]+$/);
      expect(response.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(response.headers.get('cache-control')).toBe('no-store');

      const account = await me(response.body.access_token);
      expect(account.status).toBe(200);
      expect(account.body.account_id).toBe(owner.accountId);
    });

    it("accepts the accounts SDK's S256 challenge for the same verifier, sent as a form", async () => {
      const code = await issueCode(publicClient, { codeChallenge: SDK_CHALLENGE, codeChallengeMethod: 'S256' });
      const response = await postForm({ grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT, code_verifier: RFC_VERIFIER });
      expect(response.status).toBe(200);
      expect((await me(response.body.access_token)).status).toBe(200);
    });

    it('accepts a plain challenge, and tolerates grant_type=code', async () => {
      const verifier = `plain-${randomUUID()}-${randomUUID()}`;
      const code = await issueCode(publicClient, { codeChallenge: verifier, codeChallengeMethod: 'plain' });
      const response = await postToken({ grant_type: 'code', code, client_id: publicClient, redirect_uri: REDIRECT, code_verifier: verifier });
      expect(response.status).toBe(200);
    });

    it('refuses a wrong or missing verifier with invalid_grant', async () => {
      const code = await issueCode(publicClient, { codeChallenge: RFC_CHALLENGE, codeChallengeMethod: 'S256' });
      const request = { grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT };
      expectOAuthError(await postToken({ ...request, code_verifier: `${RFC_VERIFIER.slice(0, -1)}l` }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ ...request, code_verifier: RFC_CHALLENGE }), 400, 'invalid_grant');
      expectOAuthError(await postToken(request), 400, 'invalid_grant');
      // A verifier for a code that had no challenge is a downgrade sign, refused too.
      const plainCode = await issueCode(publicClient);
      expectOAuthError(await postToken({ ...request, code: plainCode, code_verifier: RFC_VERIFIER }), 400, 'invalid_grant');
    });

    it('refuses a code used twice, and revokes the tokens of its first redemption', async () => {
      const code = await issueCode(publicClient);
      const request = { grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT };
      const first = await postToken(request);
      expect(first.status).toBe(200);
      expect((await me(first.body.access_token)).status).toBe(200);

      const again = await postToken(request);
      expectOAuthError(again, 400, 'invalid_grant');
      expect(again.body.error_description).not.toContain(code);
      const revoked = await me(first.body.access_token);
      expect(revoked.status).toBe(401);
      expect(revoked.body.error).toBe('unauthorized');
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: publicClient }), 400, 'invalid_grant');
      expectOAuthError(await postToken(request), 400, 'invalid_grant');
    });

    it('refuses a redirect_uri other than the authorize request’s, an unknown code, and another client’s code', async () => {
      const code = await issueCode(publicClient);
      const request = { grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT };
      expectOAuthError(await postToken({ ...request, redirect_uri: `${REDIRECT}/other` }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ ...request, redirect_uri: 'https://app.example.com' }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ ...request, code: `dal:${randomUUID()}` }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ ...request, client_id: otherPublicClient }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ ...request, client_id: 'f'.repeat(32) }), 400, 'invalid_client');
      expectOAuthError(await postToken({ ...request, redirect_uri: '' }), 400, 'invalid_request');
      const { client_id: _omitted, ...withoutClient } = request;
      expectOAuthError(await postToken(withoutClient), 400, 'invalid_request');
      // Refusals record nothing: the rightful request still succeeds.
      expect((await postToken(request)).status).toBe(200);
    });

    it('needs the secret of a confidential client, in the body or as HTTP Basic', async () => {
      const request = (code: string) => ({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
      const code = await issueCode(confidential.id);
      expectOAuthError(await postToken({ ...request(code), client_id: confidential.id }), 400, 'invalid_client');
      expectOAuthError(await postToken({ ...request(code), client_id: confidential.id, client_secret: 'not-the-secret' }), 400, 'invalid_client');
      const wrongBasic = await postToken(request(code), basic(confidential.id, 'not-the-secret'));
      expectOAuthError(wrongBasic, 401, 'invalid_client');
      expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
      expectOAuthError(await postToken({ ...request(code), client_id: confidential.id, client_secret: confidential.secret }, basic(confidential.id, confidential.secret)), 400, 'invalid_request');

      const inBody = await postToken({ ...request(code), client_id: confidential.id, client_secret: confidential.secret });
      expect(inBody.status).toBe(200);
      expect((await me(inBody.body.access_token)).status).toBe(200);
      const viaBasic = await postForm(request(await issueCode(confidential.id)), basic(confidential.id, confidential.secret));
      expect(viaBasic.status).toBe(200);
      expect(viaBasic.body.account_id).toBe(owner.accountId);
    });
  });

  describe('refresh_token grant', () => {
    it('writes the family’s use and the new access token with one append, named after the request, the account and the client', async () => {
      const first = await redeem();
      const before = await api.appendsMade();
      const requestId = randomUUID();
      const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: publicClient }, { 'x-request-id': requestId });
      expect(refreshed.status).toBe(200);
      expect((await api.appendsMade()) - before).toBe(1);
      expect((await me(refreshed.body.access_token)).status).toBe(200);
      const events = await api.runtime.database.sql.query<{ type: string; metadata: EventMetadata }>(
        `SELECT type, metadata FROM es_events WHERE metadata->>'requestId' = $1 ORDER BY global_position`,
        [requestId],
      );
      expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['RefreshTokenUsed', 'AccessTokenIssued']));
      for (const { type, metadata } of events) expect({ type, clientId: metadata.clientId }).toEqual({ type, clientId: publicClient });
      // The grant's owner is known once the family's use is decided: what follows is its doing.
      expect(events.find((event) => event.type === 'AccessTokenIssued')?.metadata.actorId).toBe(owner.accountId);
    });

    it('rotates a public client’s refresh token; the old one, presented again, revokes the whole family', async () => {
      const first = await redeem();
      const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: publicClient, scope: 'ignored' });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ account_id: owner.accountId, organization_id: owner.organizationId, expires_in: 28800, scope: 'accounts--my:ro,sessions--my:ro', token_type: 'Bearer' });
      expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
      expect(refreshed.body.access_token).not.toBe(first.access_token);
      expect((await me(refreshed.body.access_token)).status).toBe(200);

      const replayed = await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: publicClient });
      expectOAuthError(replayed, 400, 'invalid_grant');
      expect((await me(refreshed.body.access_token)).status).toBe(401);
      expect((await me(first.access_token)).status).toBe(401);
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token, client_id: publicClient }), 400, 'invalid_grant');
    });

    it('keeps a confidential client’s refresh token, and needs the secret at every refresh', async () => {
      const first = await redeem(confidential.id, { client_secret: confidential.secret });
      const request = { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: confidential.id };
      expectOAuthError(await postToken(request), 400, 'invalid_client');
      const once = await postToken({ ...request, client_secret: confidential.secret });
      expect(once.status).toBe(200);
      expect(once.body.refresh_token).toBe(first.refresh_token);
      const twice = await postForm({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic(confidential.id, confidential.secret));
      expect(twice.status).toBe(200);
      expect(twice.body.refresh_token).toBe(first.refresh_token);
      expect((await me(twice.body.access_token)).status).toBe(200);
      expect((await me(first.access_token)).status).toBe(200);
    });

    it('refuses an unknown refresh token and another client’s', async () => {
      const first = await redeem();
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: publicClient }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: otherPublicClient }), 400, 'invalid_grant');
      expectOAuthError(await postToken({ grant_type: 'refresh_token', client_id: publicClient }), 400, 'invalid_request');
      // The foreign attempt recorded nothing: the rightful client still refreshes.
      expect((await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: publicClient })).status).toBe(200);
    });
  });

  describe('requests', () => {
    it.each(['password', 'client_credentials', 'implicit', 'toString'])('answers unsupported_grant_type to grant_type=%s', async (grantType) => {
      expectOAuthError(await postToken({ grant_type: grantType, client_id: publicClient }), 400, 'unsupported_grant_type');
    });

    it('asks for a grant_type, and refuses a repeated parameter', async () => {
      expectOAuthError(await postToken({ client_id: publicClient }), 400, 'invalid_request');
      const repeated = await api.request('POST', '/v2/token', {
        raw: `grant_type=refresh_token&refresh_token=a&refresh_token=b&client_id=${publicClient}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectOAuthError(repeated, 400, 'invalid_request');
    });

    it('takes the request as JSON, as a form, as JSON text labelled text/plain, and as JSON without a Content-Type', async () => {
      const params = async () => ({ grant_type: 'authorization_code', code: await issueCode(publicClient), client_id: publicClient, redirect_uri: REDIRECT });
      const answers = [
        await postToken(await params()),
        await postForm(await params()),
        await api.request('POST', '/v2/token', { raw: JSON.stringify(await params()), headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
        await rawPost('/v2/token', JSON.stringify(await params())),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      for (const answer of answers) expect((await me(answer.body.access_token)).status).toBe(200);
    });

    it('answers at /token too', async () => {
      const code = await issueCode(publicClient);
      const response = await rawPost('/token', new URLSearchParams({ grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(response.status).toBe(200);
      expect((await me(response.body.access_token)).status).toBe(200);
    });

    it('answers browser apps on other origins (CORS): preflights and the token request itself', async () => {
      const origin = 'https://app.example.com';
      for (const [path, method] of [
        ['/v2/token', 'POST'],
        ['/v2/token', 'DELETE'],
        ['/v2/info', 'GET'],
      ]) {
        const preflight = await fetch(`${api.baseUrl}${path}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
        expect(preflight.headers.get('access-control-allow-methods')).toContain(method);
        expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
        expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('content-type'));
      }
      const code = await issueCode(publicClient, { codeChallenge: RFC_CHALLENGE, codeChallengeMethod: 'S256' });
      const answer = await fetch(`${api.baseUrl}/v2/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT, code_verifier: RFC_VERIFIER }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('keeps codes, tokens, verifiers and secrets out of the event log and the read models', async () => {
      const code = await issueCode(confidential.id, { codeChallenge: RFC_CHALLENGE, codeChallengeMethod: 'S256' });
      const tokens = await postToken({ grant_type: 'authorization_code', code, client_id: confidential.id, client_secret: confidential.secret, redirect_uri: REDIRECT, code_verifier: RFC_VERIFIER });
      expect(tokens.status).toBe(200);
      const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: publicClient });
      expect(refreshed.status).toBe(400);
      const events = await api.runtime.store.readAll({ after: null, maxCount: 100_000 });
      const dataSource = api.runtime.database.dataSource;
      const readModels = await Promise.all(
        ['authorization_codes', 'refresh_token_families', 'refresh_tokens', 'refresh_family_access_tokens', 'access_tokens', 'oauth_clients'].map((table) =>
          dataSource.query(`SELECT * FROM ${table}`),
        ),
      );
      const stored = JSON.stringify([events.map(({ type, data, metadata }) => ({ type, data, metadata })), readModels]);
      expect(stored).toContain('AuthorizationCodeRedeemed');
      for (const secret of [code, code.split(':')[1], tokens.body.access_token, tokens.body.access_token.split(':')[1], tokens.body.refresh_token, RFC_VERIFIER, confidential.secret]) {
        expect(stored).not.toContain(secret);
      }
    });
  });

  describe('DELETE /v2/token and GET /v2/info', () => {
    it('describes a token given as Bearer or as ?code=, with the seconds it has left', async () => {
      const tokens = await redeem();
      for (const info of [
        await api.request('GET', '/v2/info', { headers: bearer(tokens.access_token) }),
        await api.request('GET', `/v2/info?code=${encodeURIComponent(tokens.access_token)}`),
      ]) {
        expect(info.status).toBe(200);
        expectMatchesSpec(info.body, '/info', 'get', 200);
        expect(Object.keys(info.body).sort()).toEqual(['access_token', 'account_id', 'client_id', 'expires_in', 'organization_id', 'scope', 'token_type']);
        expect(info.body).toMatchObject({
          access_token: tokens.access_token,
          account_id: owner.accountId,
          client_id: publicClient,
          organization_id: owner.organizationId,
          scope: 'accounts--my:ro,sessions--my:ro',
          token_type: 'Bearer',
        });
        expect(info.body.expires_in).toBeGreaterThan(28_700);
        expect(info.body.expires_in).toBeLessThanOrEqual(28_800);
      }
      for (const refused of [await api.request('GET', '/v2/info'), await api.request('GET', '/v2/info', { headers: bearer('dal:nope') }), await api.request('GET', '/v2/info?code=dal:nope')]) {
        expect(refused.status).toBe(401);
        expect(refused.body.error).toBe('unauthorized');
        expectMatchesErrorEnvelope(refused.body);
      }
    });

    it('revokes the access token and its refresh token, given as Bearer', async () => {
      const tokens = await redeem();
      const revoked = await api.request('DELETE', '/v2/token', { headers: bearer(tokens.access_token) });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({});
      expect((await me(tokens.access_token)).status).toBe(401);
      expect((await api.request('GET', '/v2/info', { headers: bearer(tokens.access_token) })).status).toBe(401);
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: publicClient }), 400, 'invalid_grant');
      const again = await api.request('DELETE', '/v2/token', { headers: bearer(tokens.access_token) });
      expect(again.status).toBe(401);
      expect(again.body.error).toBe('unauthorized');
    });

    it('revokes a refreshed token given as ?code=, and every token of its family', async () => {
      const first = await redeem(confidential.id, { client_secret: confidential.secret });
      const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: confidential.id, client_secret: confidential.secret });
      expect(refreshed.status).toBe(200);
      const revoked = await api.request('DELETE', `/v2/token?code=${encodeURIComponent(refreshed.body.access_token)}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({});
      expect((await me(refreshed.body.access_token)).status).toBe(401);
      expect((await me(first.access_token)).status).toBe(401);
      expectOAuthError(
        await postToken({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: confidential.id, client_secret: confidential.secret }),
        400,
        'invalid_grant',
      );
      expect((await api.request('DELETE', '/v2/token')).status).toBe(401);
    });
  });

  describe('revocations and limits', () => {
    it('revokes every token and refresh token of a removed session', async () => {
      const removedSession = await startSession();
      const inSession = async () => {
        const code = await issueCode(publicClient, { sessionId: removedSession });
        return (await postToken({ grant_type: 'authorization_code', code, client_id: publicClient, redirect_uri: REDIRECT })).body as Tokens;
      };
      const [one, two] = [await inSession(), await inSession()];
      const elsewhere = await redeem();
      const result = await api.app.get(CommandBus).execute(new RevokeSessionCredentialsCommand(removedSession));
      expect(result.revoked).toBeGreaterThanOrEqual(4);
      await eventually(async () => (await me(one.access_token)).status === 401 && (await me(two.access_token)).status === 401);
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: two.refresh_token, client_id: publicClient }), 400, 'invalid_grant');
      expect((await me(elsewhere.access_token)).status).toBe(200);
      expect((await api.app.get(CommandBus).execute(new RevokeSessionCredentialsCommand('not-a-session'))).revoked).toBe(0);
    });

    it('keeps at most 25 access tokens and 25 refresh tokens per client and account, revoking the oldest', async () => {
      const limited = (await api.request('POST', '/clients', { headers: owner.bearer, body: { name: 'Limited', type: 'javascript_app', redirect_uri: 'https://app.example.com', scopes: SCOPES } })).body
        .client_id as string;
      const issued: Tokens[] = [];
      for (let i = 0; i < 26; i++) issued.push(await redeem(limited));
      expect((await me(issued[0].access_token)).status).toBe(401);
      expectOAuthError(await postToken({ grant_type: 'refresh_token', refresh_token: issued[0].refresh_token, client_id: limited }), 400, 'invalid_grant');
      expect((await me(issued[1].access_token)).status).toBe(200);
      expect((await me(issued[25].access_token)).status).toBe(200);
      // The family and the token it revokes were written by this process: it decides on the states
      // folded then and reads no stream back.
      const streamReads = jest.spyOn(api.runtime.store, 'readStream');
      let refreshed: ApiResponse;
      let streamsRead: string[];
      try {
        refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: issued[1].refresh_token, client_id: limited });
      } finally {
        // Taken before the restore, which clears the calls.
        streamsRead = streamReads.mock.calls.map(([streamId]) => streamId);
        streamReads.mockRestore();
      }
      expect(refreshed.status).toBe(200);
      expect(streamsRead).toEqual([]);
      // The refresh grant's token counts too: the oldest live one (issued[1]'s) makes room for it.
      expect((await me((refreshed.body as Tokens).access_token)).status).toBe(200);
      expect((await me(issued[1].access_token)).status).toBe(401);
      expect((await me(issued[2].access_token)).status).toBe(200);
      // Another client of the same account has its own 25.
      expect((await me((await redeem()).access_token)).status).toBe(200);
    });
  });
});
