import { BrowserSession } from '../support/browser-session';
import { TestApp, type SignedUp } from '../support/test-app';

const REDIRECT = 'https://app.example.com/callback';

describe('sessions made by real sign-ins', () => {
  let api: TestApp;
  let owner: SignedUp;
  let clientId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ password: 'a long passphrase' });
  });
  // A client of its own per test: grant redirects are limited per client and account.
  beforeEach(async () => {
    clientId = (
      await api.registerClient(owner, { name: 'Sessions app', type: 'javascript_app', redirect_uri: REDIRECT, scopes: ['accounts--my:ro', 'sessions--my:ro', 'sessions--my:rw', 'accounts.password--my:rw'] })
    ).client_id;
  });
  afterAll(async () => api?.stop());

  /** Signs in with a browser of its own and takes a token through the implicit grant. */
  async function signInAndGetToken(userAgent: string): Promise<{ browser: BrowserSession; bearer: Record<string, string> }> {
    const browser = new BrowserSession(api.baseUrl, { 'user-agent': userAgent });
    const signedIn = await browser.signIn(`/?${new URLSearchParams({ response_type: 'token', client_id: clientId, redirect_uri: REDIRECT })}`, owner.email, 'a long passphrase');
    const granted = await browser.get(signedIn.headers.get('location')!);
    const token = new URLSearchParams(new URL(granted.headers.get('location')!).hash.slice(1)).get('access_token');
    return { browser, bearer: { authorization: `Bearer ${token}` } };
  }

  it('lists two sign-ins as two sessions with current right; removing one kills only its tokens', async () => {
    const laptop = await signInAndGetToken('Laptop browser');
    const phone = await signInAndGetToken('Phone browser');

    const seenFromLaptop = await api.request('GET', '/sessions', { headers: laptop.bearer });
    expect(seenFromLaptop.status).toBe(200);
    const sessions = seenFromLaptop.body as { session_id: string; current: boolean; user_agent: string; identity_source: string; account_id: string }[];
    expect(sessions.map((s) => s.user_agent).sort()).toEqual(['Laptop browser', 'Phone browser']);
    expect(sessions.every((s) => s.identity_source === 'credentials' && s.account_id === owner.accountId)).toBe(true);
    const laptopSession = sessions.find((s) => s.current)!;
    expect(laptopSession.user_agent).toBe('Laptop browser');
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = sessions.find((s) => !s.current)!;
    // Each session lists the application it gave a token to.
    for (const session of [laptopSession, phoneSession]) {
      expect((session as unknown as { applications: unknown[] }).applications).toEqual([{ name: 'Sessions app', client_id: clientId, session_id: session.session_id }]);
    }
    const seenFromPhone = await api.request('GET', '/sessions', { headers: phone.bearer });
    expect(seenFromPhone.body.find((s: { current: boolean }) => s.current).session_id).toBe(phoneSession.session_id);

    const removed = await api.request('DELETE', `/sessions/${phoneSession.session_id}`, { headers: laptop.bearer });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    expect((await api.request('GET', '/accounts/me', { headers: phone.bearer })).status).toBe(401);
    expect((await api.request('GET', '/accounts/me', { headers: laptop.bearer })).status).toBe(200);
    expect(await (await phone.browser.get('/signin')).text()).toMatch(/name="password"/);
    expect(await (await laptop.browser.get('/signin')).text()).toMatch(/You are signed in/);
    // The removed session's application is gone with it; the other's is still listed.
    const after = await api.request('GET', '/sessions', { headers: laptop.bearer });
    expect(after.body).toHaveLength(1);
    expect(after.body[0].applications).toEqual([{ name: 'Sessions app', client_id: clientId, session_id: laptopSession.session_id }]);
  });

  it('a code issued in a session removed before redemption is refused at the token endpoint', async () => {
    const browser = new BrowserSession(api.baseUrl, { 'user-agent': 'Kiosk' });
    const signedIn = await browser.signIn(`/?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT })}`, owner.email, 'a long passphrase');
    const granted = await browser.get(signedIn.headers.get('location')!);
    const code = new URL(granted.headers.get('location')!).searchParams.get('code')!;
    expect(code).toMatch(/^[a-z]+:[A-Za-z0-9_-]{20,}$/);
    expect((await browser.get('/signout')).status).toBe(302);
    const exchanged = await api.request('POST', '/v2/token', { body: { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: REDIRECT } });
    expect(exchanged.status).toBe(400);
    expect(exchanged.body.error).toBe('invalid_grant');
    expect(exchanged.body).not.toHaveProperty('access_token');
  });

  it('setting the password ends every session and revokes every token', async () => {
    const laptop = await signInAndGetToken('Laptop browser');
    const phone = await signInAndGetToken('Phone browser');
    const reset = await api.request('POST', '/accounts/me/password/reset', { headers: laptop.bearer, body: { password: 'a new passphrase' } });
    expect(reset.status).toBe(200);
    for (const device of [laptop, phone]) {
      expect((await api.request('GET', '/accounts/me', { headers: device.bearer })).status).toBe(401);
      expect(await (await device.browser.get('/signin')).text()).toMatch(/name="password"/);
    }
    expect((await api.request('GET', '/sessions', { headers: owner.bearer })).status).toBe(401);
  });
});
