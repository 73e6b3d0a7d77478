import { BrowserSession, hiddenField } from '../support/browser-session';
import { TestApp, type SignedUp } from '../support/test-app';

const REDIRECT = 'https://app.example.com/callback';

describe('authorize: sign-in page, implicit grant, consent, button flow, errors', () => {
  let api: TestApp;
  let owner: SignedUp;
  let clientId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ password: 'a long passphrase' });
  });
  // A client of its own per test: grant redirects are limited per client and account.
  beforeEach(async () => {
    clientId = (await api.registerClient(owner, { name: 'Own app', type: 'javascript_app', redirect_uri: REDIRECT, scopes: ['accounts--my:ro', 'sessions--my:rw'] })).client_id;
  });
  afterAll(async () => api?.stop());

  const authorizePath = (params: Record<string, string>) => `/?${new URLSearchParams({ response_type: 'token', client_id: clientId, redirect_uri: REDIRECT, ...params })}`;

  it('shows the sign-in form, signs in, and redirects with a token in the fragment (state echoed)', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const page = await browser.get(authorizePath({ state: 'xyz', utm_source: 'ignored' }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<input id="email" name="email"/);
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    // The form's redirect chain ends at the client: its registered origin, and only it, is allowed.
    expect(page.headers.get('content-security-policy')).toMatch(/form-action 'self' https:\/\/app\.example\.com;/);
    const unverified = await new BrowserSession(api.baseUrl).get(authorizePath({ redirect_uri: 'https://evil.example.com/cb' }));
    expect(unverified.headers.get('content-security-policy')).toMatch(/form-action 'self';/);

    const signedIn = await browser.postForm('/signin', { email: owner.email, password: 'a long passphrase', csrf: hiddenField(html, 'csrf'), return_to: hiddenField(html, 'return_to') });
    expect(signedIn.status).toBe(303);
    const sessionCookie = browser.setCookieHeaders.find((h) => h.startsWith('gaa_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);

    const granted = await browser.get(signedIn.headers.get('location')!);
    expect(granted.status).toBe(302);
    const location = new URL(granted.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe('28800');
    expect(fragment.get('state')).toBe('xyz');
    expect(fragment.get('scope')).toBe('accounts--my:ro,sessions--my:rw');
    expect(fragment.get('access_token')).toMatch(/^dal:/);

    const me = await api.request('GET', '/accounts/me', { headers: { authorization: `Bearer ${fragment.get('access_token')}` } });
    expect(me.status).toBe(200);
    expect(me.body.account_id).toBe(owner.accountId);
    // The token carries the scopes granted, not the owner's others.
    expect((await api.request('GET', '/accounts', { headers: { authorization: `Bearer ${fragment.get('access_token')}` } })).status).toBe(403);
  });

  it('never echoes a state that was not sent', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const signedIn = await browser.signIn(authorizePath({}), owner.email, 'a long passphrase');
    const granted = await browser.get(signedIn.headers.get('location')!);
    expect(granted.headers.get('location')).not.toMatch(/state=/);
  });

  it('refuses a wrong password and a forged form', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const wrong = await browser.signIn(authorizePath({}), owner.email, 'not the passphrase');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/Wrong email or password/);
    expect(browser.setCookieHeaders.some((h) => h.startsWith('gaa_session='))).toBe(false);

    const forged = await new BrowserSession(api.baseUrl).postForm('/signin', { email: owner.email, password: 'a long passphrase', csrf: 'guess', return_to: '/' });
    expect(forged.status).toBe(400);
  });

  it('sends authorization errors to the error page, never to an unverified redirect URI', async () => {
    const browser = new BrowserSession(api.baseUrl);
    await browser.signIn('/signin', owner.email, 'a long passphrase');
    const badRedirect = await browser.get(authorizePath({ redirect_uri: 'https://evil.example.com/callback' }));
    expect(badRedirect.status).toBe(302);
    expect(badRedirect.headers.get('location')).toBe('/ooops?oauth_exception=invalid_request&exception_details=invalid_redirect_uri');
    const unknownClient = await browser.get(authorizePath({ client_id: '0'.repeat(32) }));
    expect(unknownClient.headers.get('location')).toBe('/ooops?oauth_exception=unauthorized_client&exception_details=client_id_not_found');
    const badScope = await browser.get(authorizePath({ scope: 'organization--my:rw' }));
    expect(badScope.headers.get('location')).toBe('/ooops?oauth_exception=invalid_scope');
    const errorPage = await browser.get('/ooops?oauth_exception=invalid_scope');
    expect(errorPage.status).toBe(400);
    expect(await errorPage.text()).toMatch(/invalid_scope/);
  });

  it('does not redirect anywhere but this server after sign-in', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const form = await (await browser.get('/signin')).text();
    const signedIn = await browser.postForm('/signin', { email: owner.email, password: 'a long passphrase', csrf: hiddenField(form, 'csrf'), return_to: '//evil.example.com/' });
    expect(signedIn.headers.get('location')).toBe('/');
  });

  it('asks another organization\'s account for consent once per scope, remembers an allow, and honours deny and prompt=consent', async () => {
    const other = await api.signUp({ password: 'another passphrase' });
    const browser = new BrowserSession(api.baseUrl);
    const signedIn = await browser.signIn(authorizePath({ state: 's1', scope: 'accounts--my:ro' }), other.email, 'another passphrase');
    const consent = await browser.get(signedIn.headers.get('location')!);
    expect(consent.status).toBe(200);
    const html = await consent.text();
    expect(html).toMatch(/<button type="submit" name="decision" value="allow">/);
    expect(html).toMatch(/Own app/);

    const allowed = await browser.postForm('/consent', { csrf: hiddenField(html, 'csrf'), return_to: hiddenField(html, 'return_to'), decision: 'allow' });
    expect(allowed.status).toBe(302);
    const granted = await browser.get(allowed.headers.get('location')!);
    const fragment = new URLSearchParams(new URL(granted.headers.get('location')!).hash.slice(1));
    const me = await api.request('GET', '/accounts/me', { headers: { authorization: `Bearer ${fragment.get('access_token')}` } });
    expect(me.body.account_id).toBe(other.accountId);

    // The same scopes again: remembered, straight to the client.
    const remembered = await browser.get(authorizePath({ state: 's2', scope: 'accounts--my:ro' }));
    expect(remembered.status).toBe(302);
    expect(remembered.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/callback#access_token=.*&state=s2/);

    // More scopes than were allowed: asked again; a deny refuses.
    const again = await browser.get(authorizePath({ state: 's3' }));
    const againHtml = await again.text();
    expect(againHtml).toMatch(/value="allow"/);
    const denied = await browser.postForm('/consent', { csrf: hiddenField(againHtml, 'csrf'), return_to: hiddenField(againHtml, 'return_to'), decision: 'deny' });
    const refused = await browser.get(denied.headers.get('location')!);
    expect(refused.headers.get('location')).toBe('/ooops?oauth_exception=access_denied');

    // prompt=consent asks even for what was allowed.
    expect(await (await browser.get(authorizePath({ scope: 'accounts--my:ro', prompt: 'consent' }))).text()).toMatch(/value="allow"/);
    // The consent is the account's own: another account of that organization is still asked.
    const teammate = await api.addAccount(other, { password: 'a teammate passphrase' });
    const teammateBrowser = new BrowserSession(api.baseUrl);
    const teammateSignedIn = await teammateBrowser.signIn(authorizePath({ scope: 'accounts--my:ro' }), teammate.email, 'a teammate passphrase');
    expect(await (await teammateBrowser.get(teammateSignedIn.headers.get('location')!)).text()).toMatch(/value="allow"/);
  });

  it('asks for consent when prompt=consent even for the own organization', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const signedIn = await browser.signIn(authorizePath({ prompt: 'consent' }), owner.email, 'a long passphrase');
    const consent = await browser.get(signedIn.headers.get('location')!);
    expect(await consent.text()).toMatch(/value="allow"/);
  });

  it('posts the result to the opener in the button flow, only to the redirect URI origin', async () => {
    const browser = new BrowserSession(api.baseUrl);
    const signedIn = await browser.signIn(authorizePath({ flow: 'button', state: 'b1' }), owner.email, 'a long passphrase');
    const result = await browser.get(signedIn.headers.get('location')!);
    expect(result.status).toBe(200);
    const html = await result.text();
    expect(html).toMatch(/postMessage\(m,"https:\/\/app\.example\.com"\)/);
    const message = JSON.parse(/var m=(\{.*?\});var t=/.exec(html)![1]);
    expect(message.data).toMatchObject({ token_type: 'Bearer', expires_in: 28800, state: 'b1', account_id: owner.accountId, organization_id: owner.organizationId, client_id: clientId });
    expect(message.data.access_token).toMatch(/^dal:/);
  });

  it('redirects with a code (and state) that the token endpoint exchanges with its PKCE verifier', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const browser = new BrowserSession(api.baseUrl);
    const signedIn = await browser.signIn(
      authorizePath({ response_type: 'code', state: 'c1', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 's256' }),
      owner.email,
      'a long passphrase',
    );
    const granted = await browser.get(signedIn.headers.get('location')!);
    expect(granted.status).toBe(302);
    const location = new URL(granted.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.hash).toBe('');
    expect(location.searchParams.get('state')).toBe('c1');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^dal:/);

    const exchanged = await api.request('POST', '/v2/token', {
      body: { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: REDIRECT, code_verifier: verifier },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ account_id: owner.accountId, organization_id: owner.organizationId, token_type: 'Bearer', expires_in: 28800 });
    const me = await api.request('GET', '/accounts/me', { headers: { authorization: `Bearer ${exchanged.body.access_token}` } });
    expect(me.body.account_id).toBe(owner.accountId);
  });

  it('throttles password guessing for an account: refused even with the right password, 429', async () => {
    const target = await api.signUp({ password: 'the right passphrase' });
    const browser = new BrowserSession(api.baseUrl);
    for (let i = 0; i < 10; i++) expect((await browser.signIn('/signin', target.email, `guess ${i}`)).status).toBe(401);
    const throttled = await browser.signIn('/signin', target.email, 'the right passphrase');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.text()).toMatch(/Too many failed sign-ins/);
    expect(browser.setCookieHeaders.some((h) => h.startsWith('gaa_session='))).toBe(false);
  });

  it('signs out: the session cookie stops working', async () => {
    const browser = new BrowserSession(api.baseUrl);
    await browser.signIn('/signin', owner.email, 'a long passphrase');
    expect(await (await browser.get('/signin')).text()).toMatch(/You are signed in/);
    const out = await browser.get('/signout');
    expect(out.headers.get('location')).toBe('/signin');
    expect(await (await browser.get('/signin')).text()).toMatch(/name="password"/);
  });

  it('allows 3 grant redirects per client per account in 30 s; the 4th goes to the error page, other clients and accounts unaffected', async () => {
    const browser = new BrowserSession(api.baseUrl);
    await browser.signIn('/signin', owner.email, 'a long passphrase');
    // Codes and implicit tokens both count.
    for (const responseType of ['token', 'code', 'token']) {
      const granted = await browser.get(authorizePath({ response_type: responseType }));
      expect(granted.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/callback[#?]/);
    }
    const refused = await browser.get(authorizePath({}));
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/ooops?oauth_exception=invalid_request&exception_details=too_many_redirects');
    const button = await browser.get(authorizePath({ flow: 'button', state: 's1' }));
    expect(await button.text()).toContain('"error":{"oauth_exception":"invalid_request","exception_details":"too_many_redirects","state":"s1"}');
    // A refused attempt issued nothing: the owner's tokens for the client are still the first ones.
    const tokens = await api.runtime.database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM access_tokens WHERE client_id = $1', [clientId]);
    expect(tokens[0].n).toBe(2);

    const limited = clientId;
    clientId = (await api.registerClient(owner, { name: 'Other app', type: 'javascript_app', redirect_uri: REDIRECT, scopes: ['accounts--my:ro'] })).client_id;
    expect((await browser.get(authorizePath({}))).headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/callback#access_token=/);

    clientId = limited;
    const teammate = await api.addAccount(owner, { password: 'a teammate passphrase' });
    const teammateBrowser = new BrowserSession(api.baseUrl);
    await teammateBrowser.signIn('/signin', teammate.email, 'a teammate passphrase');
    expect((await teammateBrowser.get(authorizePath({}))).headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/callback#access_token=/);
  });

  it('answers odd form posts (no body, JSON null, an array, numbers) with the form again, never a 5xx', async () => {
    for (const path of ['/signin', '/consent']) {
      const bodies: Array<{ body?: string; type?: string }> = [{}, { body: 'null', type: 'application/json' }, { body: '[1,2]', type: 'application/json' }, { body: '{"email":1,"password":[]}', type: 'application/json' }];
      for (const { body, type } of bodies) {
        const reply = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
        expect({ path, body, status: reply.status }).toEqual({ path, body, status: 400 });
        expect(await reply.text()).toMatch(/name="password"/);
      }
    }
  });
});
