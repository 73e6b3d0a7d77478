import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@app/platform';
import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { BrowserSession } from '../support/browser-session';
import { call } from '../reliability/support/http';

const API = 'apps/api/src/main.ts';
/** Compiling and starting the app from source can take over a minute on a loaded machine. */
const BOOT_MS = 150_000;
const REDIRECT = 'https://app.example.com/cb';

/**
 * A run of the API process that touches every kind of secret (passwords, access and refresh
 * tokens, authorization codes, PKCE verifiers, personal access tokens, client secrets, session
 * cookies), with logging at its most verbose; then every one of them is looked for in the captured
 * logs, the event log and every table. None may be there, in clear or in the forms a request
 * carries it (a token's part after the region, Basic credentials in base64, URL-encoded).
 */
describe('secrets never reach events, read models or logs', () => {
  let api: ApiProcess;
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  const secrets = new Map<string, string>();
  const keep = (label: string, value: string | null | undefined) => {
    if (!value) throw new Error(`no ${label} to keep`);
    secrets.set(label, value);
    return value;
  };

  beforeAll(async () => {
    const server = testServerUrl();
    databaseUrl = server ? await createEmptyDatabase(server) : undefined;
    dataDir = databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
    api = await startApiProcess(API, { DATABASE_URL: databaseUrl, TEST_DATABASE_URL: undefined, DATA_DIR: dataDir, LOG_LEVEL: 'trace' }, BOOT_MS);
  }, BOOT_MS + 30_000);
  afterAll(async () => {
    await api?.stop('SIGKILL');
    if (databaseUrl) await dropDatabase(testServerUrl()!, databaseUrl);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function exercise(): Promise<void> {
    const url = api.url;
    const email = `secrets-${randomUUID()}@example.com`;
    const password = keep('sign-up password', `sign-up password ${randomUUID()}`);
    const signUp = await call(url, 'POST', '/v2/organizations', { body: { email, password, organization: { name: 'Secrets' } } });
    const bearer = { authorization: `Bearer ${keep('sign-up access token', signUp.body.access_token)}` };
    const ownerId = signUp.body.account_id as string;

    const memberPassword = keep('member password', `member password ${randomUUID()}`);
    const member = await call(url, 'POST', '/v2/accounts', { headers: bearer, body: { email: `m-${randomUUID()}@example.com`, password: memberPassword } });
    const reset = keep('reset password', `reset password ${randomUUID()}`);
    expect((await call(url, 'POST', `/v2/accounts/${member.body.account_id}/password/reset`, { headers: bearer, body: { password: reset } })).status).toBe(200);

    const pat = await call(url, 'POST', '/v2/personal_access_tokens', { headers: bearer, body: { name: 'scan', scopes: ['accounts--my:ro'] } });
    const patSecret = keep('personal access token', pat.body.token);
    expect((await call(url, 'GET', '/v2/accounts/me', { headers: { authorization: `Basic ${Buffer.from(`${ownerId}:${patSecret}`).toString('base64')}` } })).status).toBe(200);

    const confidential = await call(url, 'POST', '/v2/clients', {
      headers: bearer,
      body: { name: 'Server app', type: 'server_side_app', redirect_uri: 'https://app.example.com', scopes: ['accounts--my:ro'] },
    });
    const clientSecret = keep('client secret', confidential.body.client_secret);
    const publicClient = await call(url, 'POST', '/v2/clients', {
      headers: bearer,
      body: { name: 'Browser app', type: 'javascript_app', redirect_uri: 'https://app.example.com', scopes: ['accounts--my:ro'] },
    });

    // A wrong password first: what a user mistyped is a secret too.
    const browser = new BrowserSession(url);
    keep('mistyped password', `mistyped ${randomUUID()}`);
    expect((await browser.signIn('/signin', email, secrets.get('mistyped password')!)).status).toBe(401);
    await browser.signIn('/signin', email, password);
    keep('session cookie', browser.setCookieHeaders.find((h) => h.startsWith('gaa_session='))?.split(';')[0].slice('gaa_session='.length));

    // Code + PKCE for the confidential client, the secret once in the body and once as Basic.
    const verifier = keep('PKCE verifier', `verifier-${randomUUID()}-${randomUUID()}`);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = (clientId: string, extra: Record<string, string> = {}) =>
      browser.get(`/?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, ...extra })}`);
    const codeOf = async (reply: Response) => new URL(reply.headers.get('location')!).searchParams.get('code');
    const code = keep('authorization code', await codeOf(await authorize(confidential.body.client_id, { code_challenge: challenge, code_challenge_method: 'S256' })));
    const tokens = await call(url, 'POST', '/v2/token', {
      body: { grant_type: 'authorization_code', code, client_id: confidential.body.client_id, client_secret: clientSecret, redirect_uri: REDIRECT, code_verifier: verifier },
    });
    keep('access token from a code', tokens.body.access_token);
    const refresh = keep('refresh token', tokens.body.refresh_token);
    const basicClient = { authorization: `Basic ${Buffer.from(`${confidential.body.client_id}:${clientSecret}`).toString('base64')}` };
    const refreshed = await call(url, 'POST', '/v2/token', { headers: basicClient, body: { grant_type: 'refresh_token', refresh_token: refresh } });
    keep('refreshed access token', refreshed.body.access_token);

    // A public client's rotating refresh token, and a token presented in the query string.
    const publicCode = keep('public client code', await codeOf(await authorize(publicClient.body.client_id)));
    const publicTokens = await call(url, 'POST', '/v2/token', { body: { grant_type: 'authorization_code', code: publicCode, client_id: publicClient.body.client_id, redirect_uri: REDIRECT } });
    const rotated = await call(url, 'POST', '/v2/token', { body: { grant_type: 'refresh_token', refresh_token: keep('rotating refresh token', publicTokens.body.refresh_token), client_id: publicClient.body.client_id } });
    keep('rotated refresh token', rotated.body.refresh_token);
    const queried = keep('access token in a query', rotated.body.access_token);
    expect((await call(url, 'GET', `/v2/info?code=${encodeURIComponent(queried)}`)).status).toBe(200);
    expect((await call(url, 'DELETE', `/v2/token?code=${encodeURIComponent(queried)}`)).status).toBe(200);

    // Refused credentials are logged as failures, never with what was presented.
    const bogus = keep('bogus bearer token', `dal:${randomUUID()}${randomUUID()}`);
    expect((await call(url, 'GET', '/v2/accounts/me', { headers: { authorization: `Bearer ${bogus}` } })).status).toBe(401);
    const bogusPat = keep('bogus personal access token', `bogus-pat-${randomUUID()}`);
    expect((await call(url, 'GET', '/v2/accounts/me', { headers: { authorization: `Basic ${Buffer.from(`${ownerId}:${bogusPat}`).toString('base64')}` } })).status).toBe(401);
    expect((await call(url, 'POST', '/v2/token', { body: { grant_type: 'refresh_token', refresh_token: keep('bogus refresh token', `bogus-refresh-${randomUUID()}`), client_id: publicClient.body.client_id } })).status).toBe(400);
  }

  /** Every form a secret travels in: as is, its part after the region prefix, URL-encoded, and inside Basic credentials. */
  function formsOf(secret: string): string[] {
    const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
    if (/^[a-z]{3}:/.test(secret)) forms.add(secret.slice(4));
    return [...forms].filter((form) => form.length >= 16);
  }

  async function storedText(): Promise<string> {
    const database = await openDatabase({ databaseUrl, dataDir });
    try {
      const tables = await database.sql.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      const dumps: string[] = [];
      for (const { name } of tables) {
        const rows = await database.sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
        dumps.push(`${name}:\n${rows.map((r) => r.row).join('\n')}`);
      }
      return dumps.join('\n');
    } finally {
      await database.close();
    }
  }

  it('finds none of the run\'s secrets in the captured logs, the event log or any table', async () => {
    await exercise();
    expect(secrets.size).toBeGreaterThanOrEqual(18);
    await api.stop('SIGTERM');
    const logs = api.output();
    const stored = await storedText();
    // The scan sees what is there: the log is verbose, and the stores hold the run's events.
    expect(logs).toMatch(/"url":"\/v2\/info/);
    expect(logs).toMatch(/"url":"\/v2\/token/);
    expect(stored).toMatch(/AccessTokenIssued|AuthorizationCodeRedeemed/);
    const found: string[] = [];
    for (const [label, secret] of secrets) {
      for (const form of formsOf(secret)) {
        if (logs.includes(form)) found.push(`${label} in the logs`);
        if (stored.includes(form)) found.push(`${label} in the database`);
      }
    }
    expect(found).toEqual([]);
  }, 180_000);
});
