import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { TestApp, type SignedUp } from '../support/test-app';
import { hostileText } from '../reliability/support/hostile-arbitraries';

const REGISTERED = 'https://app.example.com/cb';
const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);

/**
 * The browser side under attack, beyond test/oauth/authorize: redirect URIs that only look like the
 * registered one, hostile error-page parameters, forged consent, the flags of every cookie, the
 * headers of every page, and sign-in throttling per address that a spoofed X-Forwarded-For does not
 * escape.
 */
describe('browser side: open redirects, CSRF, cookies, headers, throttling', () => {
  let api: TestApp;
  let owner: SignedUp;
  let clientId: string;
  let signedIn: BrowserSession;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ password: 'hardening passphrase' });
    const client = await api.request('POST', '/clients', {
      headers: owner.bearer,
      body: { name: 'Registered app', type: 'javascript_app', redirect_uri: REGISTERED, scopes: ['accounts--my:ro'] },
    });
    clientId = client.body.client_id;
    signedIn = new BrowserSession(api.baseUrl);
    await signedIn.signIn('/signin', owner.email, 'hardening passphrase');
  }, 180_000);
  afterAll(async () => api?.stop());

  const authorize = (params: Record<string, string>) => `/?${new URLSearchParams({ response_type: 'token', client_id: clientId, ...params })}`;

  /** URIs a registered `https://app.example.com/cb` must never send a browser to. */
  const lookalike: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom(
      'http://app.example.com/cb',
      'https://app.example.com.evil.example/cb',
      'https://evil.example/app.example.com/cb',
      'https://app.example.com@evil.example/cb',
      'https://app.example.com:443@evil.example/cb',
      'https://app.example.com:8443/cb',
      'https://app.example.com\\@evil.example/cb',
      'https://app.example.com/c',
      'https://app.example.com/cb/../../evil',
      'https://app.example.com/cb/%2e%2e/%2e%2e/evil',
      'https://app.example.com/cb/..%2f..%2fevil',
      'https://app.example.com/cb?next=https://evil.example',
      'https://app.example.com/cb#https://evil.example',
      '//evil.example/cb',
      '///evil.example/cb',
      '/\\evil.example/cb',
      'javascript:alert(document.domain)//https://app.example.com/cb',
      'data:text/html,<script>alert(1)</script>',
      'https://app.example.com%2f@evil.example/cb',
      'https://app.example.com%00.evil.example/cb',
      'https://xn--pp-lia.example.com/cb',
      ' https://evil.example/cb',
      'https://app.example.com/cb\r\nLocation: https://evil.example',
      '',
    ),
    fc.webUrl().filter((url) => !url.startsWith('https://app.example.com/cb') || /[?#]|\/\.\.?(\/|$)/.test(url.slice(REGISTERED.length))),
    hostileText,
  );

  it('never redirects to, nor posts a result to, a redirect URI that only looks like the registered one', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(lookalike, fc.constantFrom('token', 'code'), fc.boolean(), async (redirectUri, responseType, button) => {
        cases++;
        const reply = await signedIn.get(authorize({ redirect_uri: redirectUri.replace(/[\ud800-\udfff]/g, '?'), response_type: responseType, ...(button ? { flow: 'button' } : {}) }));
        expect(reply.status).toBeLessThan(500);
        const location = reply.headers.get('location');
        // Refusals stay on this server: a relative path to the error page (or the sign-in page), never an absolute URL.
        if (location !== null) expect(location).toMatch(/^\/(ooops|signin)?(\?|$)/);
        const html = await reply.text();
        expect(html).not.toMatch(/access_token|[?&"]code[=":]/);
        expect(html).not.toMatch(/evil\.example/);
      }),
      { numRuns: RUNS * 4 },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS * 4);
    // The registered URI itself, and a deeper path under it, are honoured: the refusals above are not a blanket no.
    expect((await signedIn.get(authorize({ redirect_uri: REGISTERED }))).headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/cb#access_token=/);
    expect((await signedIn.get(authorize({ redirect_uri: `${REGISTERED}/deeper`, response_type: 'code' }))).headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/cb\/deeper\?code=/);
  });

  it('shows hostile error-page parameters as escaped text, never as markup, a link or a redirect', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileText, fc.constantFrom('<script>alert(1)</script>', '"><svg onload=alert(1)>', "javascript:alert('x')", 'https://evil.example/phish', '<meta http-equiv="refresh" content="0;url=https://evil.example">')),
        fc.oneof(hostileText, fc.constant('https://evil.example/login')),
        async (exception, details) => {
          const reply = await new BrowserSession(api.baseUrl).get(`/ooops?${new URLSearchParams({ oauth_exception: exception.replace(/[\ud800-\udfff]/g, '?'), exception_details: details.replace(/[\ud800-\udfff]/g, '?') })}`);
          // 431 when the hostile query outgrows the request head limit (answered in the JSON envelope).
          expect([400, 431]).toContain(reply.status);
          expect(reply.headers.get('location')).toBeNull();
          const html = await reply.text();
          // Markup only: the same words as escaped text are fine.
          expect(html).not.toMatch(/<script(?![^>]*nonce=)|<svg|<meta[^>]*http-equiv|<[^>]*\son\w+=|href="(javascript:|https:\/\/evil)/i);
          if (reply.status === 400) expect(reply.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('refuses consent posted with a missing, wrong or another session\'s CSRF value, and issues nothing', async () => {
    const other = await api.signUp({ password: 'another passphrase' });
    const browser = new BrowserSession(api.baseUrl);
    const consentPage = await browser.get((await browser.signIn(authorize({ redirect_uri: REGISTERED }), other.email, 'another passphrase')).headers.get('location')!);
    const html = await consentPage.text();
    expect(html).toMatch(/value="allow"/);
    const returnTo = hiddenField(html, 'return_to');

    const stranger = new BrowserSession(api.baseUrl);
    const strangerCsrf = hiddenField(await (await stranger.get('/signin')).text(), 'csrf');
    for (const csrf of [undefined, '', 'guess', strangerCsrf, `${hiddenField(html, 'csrf')}x`]) {
      const forged = await browser.postForm('/consent', { ...(csrf !== undefined ? { csrf } : {}), return_to: returnTo, decision: 'allow' });
      expect({ csrf, status: forged.status }).toEqual({ csrf, status: 400 });
      expect(forged.headers.get('location')).toBeNull();
    }
    // A request from another site carries no cookie at all (SameSite): the real token alone is refused too.
    const cookieless = await new BrowserSession(api.baseUrl).postForm('/consent', { csrf: hiddenField(html, 'csrf'), return_to: returnTo, decision: 'allow' });
    expect(cookieless.status).toBe(400);
    // The genuine form still works, so the refusals above were about the CSRF value alone.
    const allowed = await browser.postForm('/consent', { csrf: hiddenField(html, 'csrf'), return_to: returnTo, decision: 'allow' });
    expect(allowed.status).toBe(302);
  });

  it('refuses sign-in posted with another session\'s CSRF value', async () => {
    const victim = new BrowserSession(api.baseUrl);
    await victim.get('/signin');
    const attacker = new BrowserSession(api.baseUrl);
    const attackerCsrf = hiddenField(await (await attacker.get('/signin')).text(), 'csrf');
    const forged = await victim.postForm('/signin', { email: owner.email, password: 'hardening passphrase', csrf: attackerCsrf, return_to: '/' });
    expect(forged.status).toBe(400);
    expect(victim.setCookieHeaders.some((h) => h.startsWith('gaa_session='))).toBe(false);
  });

  it('sets every cookie HttpOnly and SameSite, for the whole site, and Secure behind https', async () => {
    const plain = new BrowserSession(api.baseUrl);
    await plain.signIn('/signin', owner.email, 'hardening passphrase');
    await plain.get('/signout');
    const secure = new BrowserSession(api.baseUrl, { 'x-forwarded-proto': 'https' });
    await secure.signIn('/signin', owner.email, 'hardening passphrase');
    const all = [...plain.setCookieHeaders, ...secure.setCookieHeaders];
    expect(all.map((h) => h.split('=')[0])).toEqual(expect.arrayContaining(['gaa_csrf', 'gaa_session']));
    for (const header of all) {
      expect(header).toMatch(/;\s*HttpOnly/i);
      expect(header).toMatch(/;\s*SameSite=(Lax|Strict)/i);
      expect(header).toMatch(/;\s*Path=\//i);
    }
    for (const header of secure.setCookieHeaders) expect(header).toMatch(/;\s*Secure/i);
  });

  it('sends the security headers on every HTML page: sign-in, consent, signed in, button result, error', async () => {
    const other = await api.signUp({ password: 'page passphrase' });
    const browser = new BrowserSession(api.baseUrl);
    const pages: [string, Response][] = [['sign-in', await browser.get('/signin')], ['error', await browser.get('/ooops?oauth_exception=invalid_scope')]];
    const toConsent = await browser.signIn(authorize({ redirect_uri: REGISTERED }), other.email, 'page passphrase');
    pages.push(['consent', await browser.get(toConsent.headers.get('location')!)]);
    pages.push(['signed in', await browser.get('/signin')]);
    pages.push(['button result', await signedIn.get(authorize({ redirect_uri: REGISTERED, flow: 'button' }))]);
    for (const [name, page] of pages) {
      expect({ name, status: page.status < 500, type: page.headers.get('content-type') }).toEqual({ name, status: true, type: expect.stringMatching(/^text\/html/) });
      const csp = page.headers.get('content-security-policy') ?? '';
      expect({ name, csp }).toEqual({ name, csp: expect.stringMatching(/frame-ancestors 'none'/) });
      expect(csp).toMatch(/default-src 'none'|default-src 'self'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect({ name, nosniff: page.headers.get('x-content-type-options'), frames: page.headers.get('x-frame-options'), referrer: page.headers.get('referrer-policy') }).toEqual({
        name,
        nosniff: 'nosniff',
        frames: 'DENY',
        referrer: expect.stringMatching(/no-referrer|same-origin|strict-origin/),
      });
      expect({ name, cache: page.headers.get('cache-control') }).toEqual({ name, cache: expect.stringMatching(/no-store/) });
    }
  });

  it('throttles sign-in per address after 50 failures across accounts, even for a right password and a spoofed X-Forwarded-For', async () => {
    const target = await api.signUp({ password: 'the right one' });
    const guesser = new BrowserSession(api.baseUrl);
    let refused = 0;
    for (let i = 0; i < 50; i++) {
      const reply = await guesser.signIn('/signin', `nobody-${randomUUID()}@example.com`, `guess ${i}`);
      if (reply.status === 401) refused++;
    }
    expect(refused).toBe(50);
    for (const headers of [{}, { 'x-forwarded-for': '203.0.113.7' }, { 'x-real-ip': '203.0.113.8' }] as Record<string, string>[]) {
      const spoofing = new BrowserSession(api.baseUrl, headers);
      const throttled = await spoofing.signIn('/signin', target.email, 'the right one');
      expect({ headers, status: throttled.status }).toEqual({ headers, status: 429 });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(spoofing.setCookieHeaders.some((h) => h.startsWith('gaa_session='))).toBe(false);
    }
  }, 120_000);
});
