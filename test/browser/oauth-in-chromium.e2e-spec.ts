import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestApp, type SignedUp } from '../support/test-app';

/**
 * The authorization server's browser journeys in a real Chromium: the sign-in page, the redirect
 * back to a client's page on another origin, the page's own cross-origin calls (CORS), and the
 * popup flow of @livechat/accounts-sdk.
 */
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'a long passphrase for the browser';
const SDK_BUNDLE = require.resolve('@livechat/accounts-sdk/dist/accounts-sdk.min.js');
const suite = existsSync(CHROMIUM) ? describe : describe.skip;
const suiteName = existsSync(CHROMIUM) ? 'OAuth in Chromium: implicit, code + PKCE with CORS, the SDK popup' : `OAuth in Chromium: skipped, no browser at ${CHROMIUM}`;

interface ClientPage {
  apiBase: string;
  clientId: string;
  redirectUri: string;
  verifier?: string;
  responseType?: 'token' | 'code';
}

/**
 * Shared by both pages: a code (with the verifier) is exchanged at the token endpoint, a token
 * is then used for GET /v2/accounts/me; the outcome is written to #result (or #error).
 */
const CLIENT_SCRIPT = `
function show(id, value) { document.getElementById(id).textContent = typeof value === 'string' ? value : JSON.stringify(value); }
async function exchange(cfg, code, verifier) {
  const r = await fetch(cfg.apiBase + '/v2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'authorization_code', code: code, client_id: cfg.clientId, redirect_uri: cfg.redirectUri, code_verifier: verifier }),
  });
  const body = await r.json();
  if (r.status !== 200) throw new Error('token endpoint answered ' + r.status + ' ' + JSON.stringify(body));
  return body;
}
async function me(cfg, token) {
  const r = await fetch(cfg.apiBase + '/v2/accounts/me', { headers: { authorization: 'Bearer ' + token } });
  const body = await r.json();
  if (r.status !== 200) throw new Error('accounts/me answered ' + r.status + ' ' + JSON.stringify(body));
  return body;
}
`;

function html(title: string, config: ClientPage, body: string, script: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}
<pre id="result"></pre><pre id="error"></pre>
<script>var cfg = ${JSON.stringify(config).replace(/</g, '\\u003c')};${CLIENT_SCRIPT}
${script}</script></body></html>`;
}

/** The callback page: with ?code it exchanges the code itself (cross-origin) and asks who it is. */
function callbackPage(config: ClientPage): string {
  return html(
    'Callback',
    config,
    '<h1>Callback</h1>',
    `(async function () {
  const code = new URLSearchParams(location.search).get('code');
  if (!code) return;
  try {
    const token = await exchange(cfg, code, cfg.verifier);
    const account = await me(cfg, token.access_token);
    show('result', { account_id: account.account_id, token_account_id: token.account_id });
  } catch (e) { show('error', String(e && e.message || e)); }
})();`,
  );
}

/** The app page: the SDK's popup flow on a click, then the same calls as the callback page. */
function appPage(config: ClientPage): string {
  return html(
    'App',
    config,
    '<button id="login" type="button">Sign in with LiveChat</button>',
    `document.getElementById('login').onclick = function () {
  var sdk = new AccountsSDK({ client_id: cfg.clientId, server_url: cfg.apiBase, response_type: cfg.responseType, redirect_uri: cfg.redirectUri });
  sdk.popup().authorize().then(async function (data) {
    var transaction = sdk.verify(data);
    if (!transaction) throw new Error('the SDK refused the transaction (state)');
    var token = data.access_token;
    if (cfg.responseType === 'code') token = (await exchange(cfg, data.code, transaction.code_verifier)).access_token;
    var account = await me(cfg, token);
    show('result', { account_id: account.account_id, sdk_account_id: data.account_id, has_verifier: !!transaction.code_verifier, state_matches: transaction.state === data.state });
  }).catch(function (e) { show('error', JSON.stringify(e && (e.message || e))); });
};`,
    // The UMD bundle hands its factory `globalThis.require$$0$2` for Node's `util` and reads
    // `.inspect` from it while loading; in a browser that global does not exist and the bundle
    // throws before defining AccountsSDK. An empty stand-in is what a browser build of `util` gives.
    '<script>window.require$$0$2 = { inspect: {} };</script><script src="/sdk.js"></script>',
  );
}

suite(suiteName, () => {
  let api: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let site: Server;
  let siteOrigin: string;
  /** What each path of the client site serves, set by the tests. */
  const pages = new Map<string, ClientPage & { kind: 'callback' | 'app' }>();

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp({ password: PASSWORD });
    const sdk = readFileSync(SDK_BUNDLE);
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      if (path === '/sdk.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(sdk);
        return;
      }
      const entry = pages.get(path);
      if (!entry) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const { kind, ...config } = entry;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(kind === 'app' ? appPage(config) : callbackPage(config));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (site) await new Promise<void>((resolve) => site.close(() => resolve()));
    await api?.stop();
  });

  let context: BrowserContext;
  /** What went wrong in the browser (blocked navigations, script errors), to explain a timeout. */
  const problems: string[] = [];
  beforeEach(async () => {
    context = await browser.newContext();
    problems.length = 0;
    context.on('page', (opened) => {
      opened.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error on ${opened.url()}: ${message.text()}`);
      });
      opened.on('pageerror', (error) => problems.push(`script error on ${opened.url()}: ${error.message}`));
    });
    context.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
  });
  afterEach(async () => context?.close());

  /** A client of the owner's organization (no consent step) whose redirect URI is `path` on the site. */
  async function registerClient(path: string, kind: 'callback' | 'app', extra: Partial<ClientPage> = {}): Promise<ClientPage> {
    const redirectUri = `${siteOrigin}${path}`;
    const created = await api.request('POST', '/clients', {
      headers: owner.bearer,
      body: { name: `Browser app ${path}`, type: 'javascript_app', redirect_uri: redirectUri, scopes: ['accounts--my:ro'] },
    });
    expect(created.status).toBe(201);
    const config: ClientPage = { apiBase: api.baseUrl, clientId: created.body.client_id, redirectUri, ...extra };
    pages.set(path, { kind, ...config });
    return config;
  }

  async function signIn(page: Page): Promise<void> {
    await page.locator('input[name="email"]').fill(owner.email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
  }

  async function landOn(page: Page, prefix: string): Promise<URL> {
    try {
      await page.waitForURL((url) => url.href.startsWith(prefix), { timeout: 20_000 });
    } catch {
      throw new Error(`the browser never reached ${prefix}; it is on ${page.url()}\n${problems.join('\n')}`);
    }
    return new URL(page.url());
  }

  /** Waits for the page to write its outcome; a failure text fails the test with the reason. */
  async function outcome(page: Page): Promise<Record<string, unknown>> {
    try {
      await page.waitForFunction('document.getElementById("result").textContent || document.getElementById("error").textContent', undefined, { timeout: 20_000 });
    } catch {
      throw new Error(`${page.url()} never showed a result\n${problems.join('\n')}`);
    }
    const error = await page.locator('#error').textContent();
    expect({ error, problems }).toEqual({ error: '', problems: [] });
    return JSON.parse((await page.locator('#result').textContent()) ?? '{}');
  }

  it('implicit grant: the sign-in form leads back to the callback with a token in the fragment', async () => {
    const client = await registerClient('/implicit/callback', 'callback');
    const page = await context.newPage();
    const state = randomBytes(12).toString('hex');
    await page.goto(`${api.baseUrl}/?${new URLSearchParams({ response_type: 'token', client_id: client.clientId, redirect_uri: client.redirectUri, state })}`);
    expect(await page.locator('input[name="password"]').getAttribute('type')).toBe('password');
    await signIn(page);
    const landed = await landOn(page, client.redirectUri);
    expect(`${landed.origin}${landed.pathname}`).toBe(client.redirectUri);
    expect(landed.search).toBe('');
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe('28800');
    expect(fragment.get('state')).toBe(state);
    const token = fragment.get('access_token');
    expect(token).toMatch(/^dal:[A-Za-z0-9_-]+$/);

    const me = await fetch(`${api.baseUrl}/v2/accounts/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { account_id: string }).account_id).toBe(owner.accountId);
  });

  it('code + PKCE (S256): the callback page exchanges the code cross-origin and reads its account', async () => {
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const client = await registerClient('/pkce/callback', 'callback', { verifier });
    const page = await context.newPage();
    const state = randomBytes(12).toString('hex');
    await page.goto(
      `${api.baseUrl}/?${new URLSearchParams({ response_type: 'code', client_id: client.clientId, redirect_uri: client.redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' })}`,
    );
    await signIn(page);
    const landed = await landOn(page, client.redirectUri);
    expect(landed.searchParams.get('state')).toBe(state);
    expect(landed.searchParams.get('code')).toMatch(/^dal:[A-Za-z0-9_-]+$/);
    expect(landed.hash).toBe('');
    expect(await outcome(page)).toEqual({ account_id: owner.accountId, token_account_id: owner.accountId });
  });

  it.each(['token', 'code'] as const)('the SDK popup flow (response_type %s) signs in and the app reads its account', async (responseType) => {
    await registerClient(`/sdk-${responseType}/app`, 'app', { responseType });
    const page = await context.newPage();
    await page.goto(`${siteOrigin}/sdk-${responseType}/app`);
    const popupOpened = context.waitForEvent('page');
    await page.locator('#login').click();
    const popup = await popupOpened.catch(() => {
      throw new Error(`no popup opened\n${problems.join('\n')}`);
    });
    await popup.waitForLoadState('domcontentloaded');
    expect(popup.url().startsWith(`${api.baseUrl}/?`)).toBe(true);
    const asked = new URL(popup.url()).searchParams;
    expect(asked.get('flow')).toBe('button');
    await signIn(popup);

    expect(await outcome(page)).toEqual({ account_id: owner.accountId, sdk_account_id: owner.accountId, has_verifier: responseType === 'code', state_matches: true });
    // The result page closes the popup once it has posted the message.
    for (let i = 0; i < 100 && !popup.isClosed(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(popup.isClosed()).toBe(true);
  });
});
