import { randomUUID } from 'node:crypto';
import { testServerUrl } from '@app/platform/testing';
import { twoApiProcessesOnOneDatabase } from '../support/two-api-processes';

const REPETITIONS = 30;
const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * Account reads are served from a per-process cache (GetAccounts, GetMembership). A change made
 * through one process must show on another at the very next read: the reply to the change waits
 * until every process has dropped what the change made stale.
 */
describePostgres('an account changed on one API process reads changed on another at the next request', () => {
  const processes = twoApiProcessesOnOneDatabase('apps/api/src/main.ts');

  async function send(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { name?: string; roles?: { role: string }[] } };
  }

  it(`${REPETITIONS} times: a rename and a role change made on A show on B at once`, async () => {
    const signUp = await send(processes.a.url, 'POST', '/v2/organizations', {}, { email: `owner-${randomUUID()}@example.com`, password: 'a long passphrase' });
    const owner = { authorization: `Bearer ${(signUp.body as unknown as { access_token: string }).access_token}` };
    const member = await send(processes.a.url, 'POST', '/v2/accounts', owner, { email: `member-${randomUUID()}@example.com`, name: 'first' });
    expect(member.status).toBe(201);
    const memberPath = `/v2/accounts/${(member.body as unknown as { account_id: string }).account_id}`;
    const stale: string[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      // B reads (and caches) the current state of both accounts.
      expect((await send(processes.b.url, 'GET', memberPath, owner)).status).toBe(200);
      expect((await send(processes.b.url, 'GET', '/v2/accounts/me', owner)).status).toBe(200);

      const name = `name ${i}`;
      expect((await send(processes.a.url, 'PATCH', '/v2/accounts/me', owner, { name })).status).toBe(200);
      const me = await send(processes.b.url, 'GET', '/v2/accounts/me', owner);
      if (me.body.name !== name) stale.push(`rename ${i}: B answered ${me.body.name}`);

      const role = i % 2 === 0 ? 'administrator' : 'member';
      const previous = i % 2 === 0 ? 'member' : 'administrator'; // a primary role replaces the one held
      const changed = await send(processes.a.url, 'PUT', `${memberPath}/roles`, owner, { set_roles: [{ product: 'Accounts', role }] });
      expect(changed.status).toBe(200);
      const seen = await send(processes.b.url, 'GET', memberPath, owner);
      const roles = (seen.body.roles ?? []).map((r) => r.role);
      if (!roles.includes(role) || roles.includes(previous)) stale.push(`roles ${i}: B answered ${roles.join(',')}`);
    }
    expect(stale).toEqual([]);
  }, 300_000);
});
