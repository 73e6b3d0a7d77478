import { TestApp, type SignedUp } from '../support/test-app';

describe('roles cannot be used to gain more than one holds', () => {
  let api: TestApp;
  let owner: SignedUp;
  let admin: { accountId: string; bearer: Record<string, string> };

  beforeAll(async () => {
    api = await TestApp.start();
    owner = await api.signUp();
    const added = await api.addAccount(owner, { roles: [{ product: 'Accounts', role: 'administrator' }] });
    admin = { accountId: added.accountId, bearer: await api.bearerFor(added.accountId, owner.organizationId) };
  });
  afterAll(async () => api?.stop());

  const roleNames = async (accountId: string) =>
    ((await api.request('GET', `/accounts/${accountId}`, { headers: owner.bearer })).body.roles as { role: string; product: string }[]).map((r) => `${r.product}/${r.role}`);

  it('an administrator cannot make itself (or anyone) owner', async () => {
    const refused = await api.request('PUT', '/accounts/me/roles', { headers: admin.bearer, body: { set_roles: [{ product: 'Accounts', role: 'owner' }] } });
    expect(refused.status).toBe(403);
    expect(refused.body.error_description).toMatch(/organization--my:rw/);
    expect(await roleNames(owner.accountId)).toEqual(['Accounts/owner']);
    expect(await roleNames(admin.accountId)).toEqual(['Accounts/administrator']);
    const viaCreate = await api.request('POST', '/accounts', { headers: admin.bearer, body: { email: 'would-be-owner@example.com', roles: [{ product: 'Accounts', role: 'owner' }] } });
    expect(viaCreate.status).toBe(403);
  });

  it('a former owner loses the owner scopes at once, on tokens it already holds', async () => {
    expect((await api.request('PATCH', '/organizations/me', { headers: owner.bearer, body: { name: 'Still mine' } })).status).toBe(200);
    const moved = await api.request('PUT', `/accounts/${admin.accountId}/roles`, { headers: owner.bearer, body: { set_roles: [{ product: 'Accounts', role: 'owner' }] } });
    expect(moved.status).toBe(200);
    expect(await roleNames(owner.accountId)).toEqual(['Accounts/administrator']);

    const formerOwner = await api.request('PATCH', '/organizations/me', { headers: owner.bearer, body: { name: 'Taken back' } });
    expect(formerOwner.status).toBe(403);
    expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
    const newOwner = await api.request('PATCH', '/organizations/me', { headers: admin.bearer, body: { name: 'New hands' } });
    expect(newOwner.status).toBe(200);
    expect(newOwner.body.name).toBe('New hands');
  });
});

describe('deleting a custom Accounts role held by an account', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('gives the holder the member role back and revokes its credentials', async () => {
    const owner = await api.signUp();
    const role = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'auditor', product: 'Accounts', scope: 'accounts--my:ro,accounts--all:ro' } });
    expect(role.status).toBe(201);
    const carol = await api.addAccount(owner, { roles: [{ role_id: role.body.role_id }] });
    const carolBearer = await api.bearerFor(carol.accountId, owner.organizationId);
    expect((await api.request('GET', '/accounts', { headers: carolBearer })).status).toBe(200);

    const deleted = await api.request('DELETE', `/roles/${role.body.role_id}`, { headers: owner.bearer });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    const carolNow = await api.request('GET', `/accounts/${carol.accountId}`, { headers: owner.bearer });
    expect(carolNow.body.roles.map((r: { role: string }) => r.role)).toEqual(['member']);
    expect((await api.request('GET', '/accounts/me', { headers: carolBearer })).status).toBe(401);
    expect((await api.request('GET', `/roles/${role.body.role_id}`, { headers: owner.bearer })).status).toBe(404);
  });
});
