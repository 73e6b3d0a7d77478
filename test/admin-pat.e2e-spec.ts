import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { BOOT_TIMEOUT_MS, startApiProcess, type ApiProcess } from './support/api-process';
import { runAdmin } from './support/run-admin';

const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('admin pat create and clients create', () => {
  let url: string;
  let api: ApiProcess;

  beforeAll(async () => {
    url = await createEmptyDatabase(testServerUrl()!);
    api = await startApiProcess('apps/api/src/main.ts', { DATABASE_URL: url });
  }, BOOT_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await api?.stop();
    await dropDatabase(testServerUrl()!, url);
  });

  it('prints a PAT that works as HTTP Basic with the scopes asked for', async () => {
    const signUp = await fetch(`${api.url}/v2/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'operator@example.com', organization: { name: 'Ops' } }),
    });
    const owner = (await signUp.json()) as { account_id: string };

    const run = await runAdmin(['pat', 'create', '--email', 'OPERATOR@example.com', '--scopes', 'accounts--my:ro'], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    const pat = JSON.parse(run.stdout) as { pat_id: string; name: string; token: string; scope: string; created_at: string };
    expect(pat).toMatchObject({ name: 'admin', scope: 'accounts--my:ro' });

    const basic = { authorization: `Basic ${Buffer.from(`${owner.account_id}:${pat.token}`).toString('base64')}` };
    // The API process projects the new PAT; poll briefly rather than assume its timing.
    let me: Response | undefined;
    for (let i = 0; i < 100 && me?.status !== 200; i++) {
      me = await fetch(`${api.url}/v2/accounts/me`, { headers: basic });
      if (me.status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(me!.status).toBe(200);
    expect(((await me!.json()) as { account_id: string }).account_id).toBe(owner.account_id);
    expect((await fetch(`${api.url}/v2/accounts`, { headers: basic })).status).toBe(403);

    const unknown = await runAdmin(['pat', 'create', '--email', 'nobody@example.com'], { DATABASE_URL: url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account has that email/);
    const missing = await runAdmin(['pat', 'create'], { DATABASE_URL: url });
    expect(missing.code).toBe(2);
  }, 180_000);

  it('admin clients create prints a client the API then lists', async () => {
    const signUp = await fetch(`${api.url}/v2/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'developer@example.com', organization: { name: 'Dev' } }),
    });
    const owner = (await signUp.json()) as { organization: { organization_id: string }; access_token: string };
    const run = await runAdmin(
      ['clients', 'create', '--organization', owner.organization.organization_id, '--name', 'CLI app', '--type', 'server_side_app', '--redirect-uri', 'https://cli.example.com/cb'],
      { DATABASE_URL: url },
    );
    expect(run.code).toBe(0);
    const client = JSON.parse(run.stdout) as { client_id: string; client_secret: string; redirect_uri: string };
    expect(client.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(client.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    let listed: { client_id: string }[] = [];
    for (let i = 0; i < 100 && !listed.some((c) => c.client_id === client.client_id); i++) {
      listed = (await (await fetch(`${api.url}/v2/clients`, { headers: { authorization: `Bearer ${owner.access_token}` } })).json()) as { client_id: string }[];
      if (!listed.some((c) => c.client_id === client.client_id)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(listed.map((c) => c.client_id)).toContain(client.client_id);
    const missing = await runAdmin(['clients', 'create', '--name', 'x'], { DATABASE_URL: url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--organization/);
  }, 180_000);
});
