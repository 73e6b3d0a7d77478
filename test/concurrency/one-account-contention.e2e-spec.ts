import { comparePositions } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { expectMatchesErrorEnvelope } from '../../libs/platform/src/testing/spec-schemas';
import { BrowserSession } from '../support/browser-session';
import { TestApp, type ApiResponse } from '../support/test-app';
import { readModelsAndReplay } from '../reliability/support/replay-check';

/**
 * Everything at once on one account: role changes, ownership moving back and forth, password
 * resets, renames and its deletion, all in parallel. Each acknowledged request must be in the log
 * (no lost update), each refused one must have written nothing, the organization must end with
 * exactly one owner, and the read models must equal a fresh replay of the log. Then two more races
 * with one winner: refreshes of one rotating refresh token, and sign-ups with one email.
 */
describe('contention on one account', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  const eventsOf = async (requestId: string) => (await api.runtime.store.readAll({ after: null, maxCount: 1_000_000 })).filter((e) => e.metadata.requestId === requestId);

  it('role changes, ownership transfers, password resets, renames and a deletion in parallel: nothing lost, one owner, read models equal the log', async () => {
    const owner = await api.signUp();
    const target = await api.addAccount(owner);
    const other = await api.addAccount(owner);
    const roles = (accountId: string, role: string, product = 'Accounts') => ({ method: 'PUT', path: `/accounts/${accountId}/roles`, body: { set_roles: [{ product, role }] } });
    const steps = [
      roles(target.accountId, 'administrator'),
      roles(target.accountId, 'owner'),
      { method: 'POST', path: `/accounts/${target.accountId}/password/reset`, body: { password: 'first new password' } },
      roles(target.accountId, 'normal', 'LiveChat'),
      roles(other.accountId, 'owner'),
      { method: 'PATCH', path: `/accounts/${target.accountId}`, body: { name: 'Renamed once' } },
      roles(target.accountId, 'member'),
      { method: 'POST', path: `/accounts/${target.accountId}/password/reset`, body: { password: 'second new password' } },
      roles(owner.accountId, 'owner'),
      { method: 'DELETE', path: `/accounts/${target.accountId}` },
      roles(target.accountId, 'viceowner'),
      { method: 'PATCH', path: `/accounts/${target.accountId}`, body: { name: 'Renamed twice' } },
      roles(target.accountId, 'owner'),
      { method: 'POST', path: `/accounts/${target.accountId}/password/reset`, body: { password: 'third new password' } },
      { method: 'DELETE', path: `/accounts/${target.accountId}` },
      roles(other.accountId, 'administrator'),
    ].map((step) => ({ ...step, requestId: randomUUID() }));

    const replies: ApiResponse[] = await Promise.all(
      steps.map((step) => api.request(step.method, step.path, { headers: { ...owner.bearer, 'x-request-id': step.requestId }, ...('body' in step ? { body: step.body } : {}) })),
    );

    const organizationLog = await api.runtime.store.readStream(`organization-${owner.organizationId}`);
    /**
     * Whether the log ever gave the account that role: a 200 that wrote nothing must have asked for
     * a role already held. A role is given when it is set, or when the account joins with it (the
     * organization's creator joins as its owner: setting the caller's own role to owner, before
     * any transfer, is such a no-op).
     */
    const everHeld = (accountId: string, role: string) =>
      organizationLog.some((e) => {
        const data = e.data as { account_id: string; role?: { role: string }; roles?: { role: string }[] };
        if (data.account_id !== accountId) return false;
        if (e.type === 'OrganizationMemberRoleSet') return data.role!.role === role;
        return e.type === 'OrganizationMemberAdded' && (data.roles ?? []).some((r) => r.role === role);
      });

    /** Events of the deletions of the target that succeeded. */
    const deletions = (
      await Promise.all(steps.map(async (step, i) => (step.method === 'DELETE' && replies[i].status === 200 ? eventsOf(step.requestId) : [])))
    ).flat();

    for (const [i, reply] of replies.entries()) {
      const step = steps[i];
      const label = `${step.method} ${step.path} ${JSON.stringify('body' in step ? step.body : '')}`;
      // 403: the caller gave ownership away before this one; 404: the account was deleted first; 409: the owner cannot be demoted or deleted.
      expect({ label, status: [200, 403, 404, 409].includes(reply.status) ? 'expected' : reply.status }).toEqual({ label, status: 'expected' });
      const written = await eventsOf(step.requestId);
      if (reply.status === 200) {
        const role = 'body' in step && step.body && 'set_roles' in step.body ? step.body.set_roles[0].role : undefined;
        const noOp = role !== undefined && everHeld(step.path.split('/')[2], role);
        expect({ label, written: written.length > 0 || noOp }).toEqual({ label, written: true });
      }
      else {
        expectMatchesErrorEnvelope(reply.body);
        // One race ends in a 404 after a write: the change committed, then a parallel deletion of
        // the account committed before the reply read the account back. The log shows it in that order.
        const overtakenByDeletion = reply.status === 404 && written.length > 0 && written.every((e) => deletions.some((d) => comparePositions(e.position, d.position) < 0));
        if (!overtakenByDeletion) expect({ label, written: written.map((e) => e.type) }).toEqual({ label, written: [] });
      }
    }

    const accounts = await api.request('GET', '/accounts', { headers: await api.bearerFor(other.accountId, owner.organizationId) });
    const listed = accounts.status === 200 ? accounts.body : (await api.request('GET', '/accounts', { headers: owner.bearer })).body;
    const owners = (listed as { account_id: string; roles?: { product: string; role: string }[] }[]).filter((a) => a.roles?.some((r) => r.product === 'Accounts' && r.role === 'owner'));
    expect(owners).toHaveLength(1);

    const deleted = replies.some((reply, i) => steps[i].method === 'DELETE' && reply.status === 200);
    const stream = await api.runtime.store.readStream(`account-${target.accountId}`);
    if (deleted) {
      expect(stream.at(-1)!.type).toMatch(/Deleted$/);
      expect(listed.map((a: { account_id: string }) => a.account_id)).not.toContain(target.accountId);
    } else expect(listed.map((a: { account_id: string }) => a.account_id)).toContain(target.accountId);

    const { live, replayed } = await readModelsAndReplay(api.runtime);
    expect(live).toEqual(replayed);
  }, 120_000);

  it('two (and more) refreshes of one rotating refresh token at once: at most one succeeds', async () => {
    const owner = await api.signUp();
    // A real sign-in: codes are bound to a live sign-in session. One client per round, as
    // authorize limits how often it redirects one account to one client.
    const browser = new BrowserSession(api.baseUrl);
    await browser.signIn('/signin', owner.email, owner.password);
    const outcomes: number[][] = [];
    for (let round = 0; round < 8; round++) {
      const client = await api.request('POST', '/clients', {
        headers: owner.bearer,
        body: { name: `Public app ${round}`, type: 'javascript_app', redirect_uri: 'https://app.example.com', scopes: ['accounts--my:ro'] },
      });
      const clientId = client.body.client_id as string;
      const granted = await browser.get(`/?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: 'https://app.example.com/cb' })}`);
      expect(granted.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/cb\?code=/);
      const code = new URL(granted.headers.get('location')!).searchParams.get('code')!;
      const tokens = await api.request('POST', '/v2/token', { body: { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: 'https://app.example.com/cb' } });
      expect({ status: tokens.status, body: tokens.status === 200 ? 'tokens' : tokens.body }).toEqual({ status: 200, body: 'tokens' });
      const parallel = round % 2 === 0 ? 2 : 5;
      const refreshes = await Promise.all(
        Array.from({ length: parallel }, () => api.request('POST', '/v2/token', { body: { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: clientId } })),
      );
      outcomes.push(refreshes.map((r) => r.status));
      expect(refreshes.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
      for (const refused of refreshes.filter((r) => r.status !== 200)) {
        expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
        expectMatchesErrorEnvelope(refused.body);
      }
    }
    // Not vacuous: some rounds did have a winner.
    expect(outcomes.flat()).toContain(200);
  }, 120_000);

  it('20 sign-ups with one email at once (in any letter case): one account, one organization', async () => {
    const email = `signup-race-${randomUUID()}@example.com`;
    const count = async (type: string) => Number((await api.runtime.database.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events WHERE type = $1', [type]))[0].n);
    const organizationsBefore = await count('OrganizationCreated');
    const accountsBefore = await count('AccountCreated');

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request('POST', '/organizations', { body: { email: i % 2 ? email.toUpperCase() : email, password: `password number ${i}`, organization: { name: `Race ${i}` } } }),
      ),
    );

    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of replies.filter((r) => r.status !== 200)) {
      expect({ status: loser.status, error: loser.body.error }).toEqual({ status: 409, error: 'conflict' });
      expectMatchesErrorEnvelope(loser.body);
    }
    expect((await count('AccountCreated')) - accountsBefore).toBe(1);
    expect((await count('OrganizationCreated')) - organizationsBefore).toBe(1);
    const organizations = await api.request('GET', '/organizations', { headers: { authorization: `Bearer ${winners[0].body.access_token}` } });
    expect(organizations.body).toHaveLength(1);
  }, 120_000);
});
