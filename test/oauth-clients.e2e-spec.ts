import { TestApp, type SignedUp } from './support/test-app';

describe('OAuth clients: /v2/clients and /v2/scopes', () => {
  let api: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp();
  });
  afterAll(async () => api?.stop());

  it('registers a confidential client as the developer tooling sends it, showing the secret once', async () => {
    const created = await api.request('POST', '/clients', {
      headers: owner.bearer,
      body: { name: 'Reports', type: 'server_side_app', visibility: 'private', redirect_uri: 'https://app.example.com/cb,http://localhost:3000', scopes: ['accounts--my:ro'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Reports', type: 'server_side_app', redirect_uri: 'https://app.example.com/cb,http://localhost:3000', scopes: ['accounts--my:ro'] });
    expect(created.body.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const list = await api.request('GET', '/clients', { headers: owner.bearer });
    expect(list.status).toBe(200);
    expect(list.body.map((c: { client_id: string }) => c.client_id)).toContain(created.body.client_id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.client_secret);
  });

  it('registers a public client without a secret, updates it, replaces its scopes and deletes it', async () => {
    const created = await api.request('POST', '/clients', {
      headers: owner.bearer,
      body: { name: 'Widget', type: 'javascript_app', redirect_uri: 'https://widget.example.com', scopes: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body.client_secret).toBeUndefined();
    const id = created.body.client_id;

    const patched = await api.request('PATCH', `/clients/${id}`, { headers: owner.bearer, body: { redirect_uri: 'https://widget.example.com/app' } });
    expect(patched.body.redirect_uri).toBe('https://widget.example.com/app');
    const scoped = await api.request('PUT', `/clients/${id}/scopes`, { headers: owner.bearer, body: ['sessions--my:rw', 'accounts--my:ro'] });
    expect(scoped.status).toBe(200);
    expect(scoped.body.scopes).toEqual(['accounts--my:ro', 'sessions--my:rw']);

    expect((await api.request('DELETE', `/clients/${id}`, { headers: owner.bearer })).body).toEqual({});
    expect((await api.request('GET', `/clients/${id}`, { headers: owner.bearer })).status).toBe(404);
  });

  it('refuses bad input with 422 naming the fields, and hides other organizations clients', async () => {
    const bad = await api.request('POST', '/clients', { headers: owner.bearer, body: { name: 'X', type: 'robot', redirect_uri: 'ftp://x', scopes: ['nope'] } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.invalid_fields).sort()).toEqual(['redirect_uri', 'scopes', 'type']);

    const other = await api.signUp();
    const theirs = await api.request('POST', '/clients', { headers: other.bearer, body: { name: 'Theirs', type: 'public', redirect_uri: 'https://theirs.example.com' } });
    expect((await api.request('GET', `/clients/${theirs.body.client_id}`, { headers: owner.bearer })).status).toBe(404);
    expect((await api.request('DELETE', `/clients/${theirs.body.client_id}`, { headers: owner.bearer })).status).toBe(404);
    expect((await api.request('GET', `/clients/${theirs.body.client_id}`, { headers: other.bearer })).status).toBe(200);
  });

  it('needs organization--my:rw', async () => {
    const member = await api.patHeader(owner, ['accounts--my:ro']);
    const refused = await api.request('GET', '/clients', { headers: member });
    expect(refused.status).toBe(403);
    expect(refused.body.sub_error).toBe('insufficient_scope');
  });

  it('lists the scopes without credentials', async () => {
    const scopes = await api.request('GET', '/scopes');
    expect(scopes.status).toBe(200);
    expect(scopes.body).toContainEqual({ scope: 'accounts--my:ro', description: 'Read your own accounts' });
    expect(scopes.body.length).toBeGreaterThanOrEqual(11);
  });
});
