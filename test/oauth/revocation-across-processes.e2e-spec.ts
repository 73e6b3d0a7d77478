import { testServerUrl } from '@app/platform/testing';
import { twoApiProcessesOnOneDatabase } from '../support/two-api-processes';
import { BrowserSession } from '../support/browser-session';

const REPETITIONS = 100;
const REDIRECT = 'https://app.example.com/callback';
const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('revocation on one API process bites on another at the next request', () => {
  // One cookie secret for the deployment, as the README asks.
  // The client test fails token requests on purpose: the failure throttle must not step in.
  const processes = twoApiProcessesOnOneDatabase('apps/api/src/main.ts', {
    COOKIE_SECRET: 'a shared secret of the two test processes, 32+ chars',
    TOKEN_FAILURES_PER_MINUTE: '1000',
  });

  it(`${REPETITIONS} times: a token revoked on A is refused by B, and a PAT revoked on A is refused by B`, async () => {
    const json = { 'content-type': 'application/json' };
    const signUp = (await (await fetch(`${processes.a.url}/v2/organizations`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'revoker@example.com', password: 'a long passphrase' }) })).json()) as {
      access_token: string;
      account_id: string;
    };
    const owner = { authorization: `Bearer ${signUp.access_token}` };
    // Grant redirects are limited to 3 per client per account in 30 s: a new client every 3.
    const newClient = async () =>
      (
        (await (
          await fetch(`${processes.a.url}/v2/clients`, { method: 'POST', headers: { ...json, ...owner }, body: JSON.stringify({ name: 'App', type: 'javascript_app', redirect_uri: REDIRECT, scopes: ['accounts--my:ro'] }) })
        ).json()) as { client_id: string }
      ).client_id;
    const browser = new BrowserSession(processes.a.url);
    expect((await browser.signIn('/signin', 'revoker@example.com', 'a long passphrase')).status).toBe(303);
    let clientId = '';
    let accepted = 0;
    for (let i = 0; i < REPETITIONS; i++) {
      if (i % 3 === 0) clientId = await newClient();
      const granted = await browser.get(`/?${new URLSearchParams({ response_type: 'token', client_id: clientId, redirect_uri: REDIRECT })}`);
      const token = new URLSearchParams(new URL(granted.headers.get('location')!).hash.slice(1)).get('access_token')!;
      const bearer = { authorization: `Bearer ${token}` };
      expect((await fetch(`${processes.b.url}/v2/accounts/me`, { headers: bearer })).status).toBe(200);
      expect((await fetch(`${processes.a.url}/v2/token`, { method: 'DELETE', headers: bearer })).status).toBe(200);
      if ((await fetch(`${processes.b.url}/v2/accounts/me`, { headers: bearer })).status !== 401) accepted++;

      const pat = (await (await fetch(`${processes.a.url}/v2/personal_access_tokens`, { method: 'POST', headers: { ...json, ...owner }, body: JSON.stringify({ name: `p${i}`, scopes: ['accounts--my:ro'] }) })).json()) as {
        pat_id: string;
        token: string;
      };
      const basic = { authorization: `Basic ${Buffer.from(`${signUp.account_id}:${pat.token}`).toString('base64')}` };
      expect((await fetch(`${processes.b.url}/v2/accounts/me`, { headers: basic })).status).toBe(200);
      expect((await fetch(`${processes.a.url}/v2/personal_access_tokens/${pat.pat_id}`, { method: 'DELETE', headers: owner })).status).toBe(200);
      if ((await fetch(`${processes.b.url}/v2/accounts/me`, { headers: basic })).status !== 401) accepted++;
    }
    expect(accepted).toBe(0);
  }, 300_000);

  it('20 times: an OAuth client deleted on A is refused by B at its next token request', async () => {
    const json = { 'content-type': 'application/json' };
    const signUp = (await (await fetch(`${processes.a.url}/v2/organizations`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'client-owner@example.com', password: 'a long passphrase' }) })).json()) as {
      access_token: string;
    };
    const owner = { ...json, authorization: `Bearer ${signUp.access_token}` };
    // The client authenticates before the grant is judged: an unknown refresh token is invalid_grant
    // for a client that exists, invalid_client for one that does not.
    const tokenRequest = (clientId: string, secret: string) =>
      fetch(`${processes.b.url}/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'not-a-token', client_id: clientId, client_secret: secret }).toString(),
      }).then(async (response) => ((await response.json()) as { error: string }).error);
    const stale: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = (await (
        await fetch(`${processes.a.url}/v2/clients`, { method: 'POST', headers: owner, body: JSON.stringify({ name: `Server ${i}`, type: 'server_side_app', redirect_uri: REDIRECT, scopes: [] }) })
      ).json()) as { client_id: string; client_secret: string };
      expect(await tokenRequest(created.client_id, created.client_secret)).toBe('invalid_grant'); // B now holds the client
      expect((await fetch(`${processes.a.url}/v2/clients/${created.client_id}`, { method: 'DELETE', headers: { authorization: owner.authorization } })).status).toBe(200);
      const after = await tokenRequest(created.client_id, created.client_secret);
      if (after !== 'invalid_client') stale.push(`${i}: ${after}`);
    }
    expect(stale).toEqual([]);
  }, 120_000);
});
