import { expectMatchesErrorEnvelope } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type SignedUp } from '../support/test-app';

describe('token endpoint abuse: refused requests from one address are held back with 429', () => {
  let api: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp();
  });
  afterAll(async () => api?.stop());

  it('answers 429 in the envelope, with Retry-After, after 30 refused requests in a minute, whatever comes next', async () => {
    const client = await api.registerClient(owner, { name: 'Server', type: 'server_side_app', redirect_uri: 'https://app.example.com', scopes: ['accounts--my:ro'] });
    const guess = (i: number) => api.request('POST', '/v2/token', { body: { grant_type: 'refresh_token', refresh_token: `guess-${i}`, client_id: client.client_id, client_secret: client.client_secret } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await guess(i)).status);
    expect(new Set(statuses)).toEqual(new Set([400]));

    const held = await guess(30);
    expect(held.status).toBe(429);
    expectMatchesErrorEnvelope(held.body);
    expect(held.body.error).toBe('temporarily_unavailable');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Even a well-formed request with the right secret is not looked at while the address is held back.
    const wrongSecret = await api.request('POST', '/v2/token', { body: { grant_type: 'client_credentials', client_id: client.client_id, client_secret: 'nope' } });
    expect(wrongSecret.status).toBe(429);
    // Other routes are not affected.
    expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
  });
});
