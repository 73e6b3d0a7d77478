import { AuditTimeline, type ShownEntry } from '@app/audit';
import { expectError, expectInsufficientScope } from '../support/expect-error';
import { TestApp, type SignedUp } from '../support/test-app';
import { runScriptedHistory, type ScriptedHistory } from './support/scripted-history';

describe('GET /v2/audit', () => {
  let api: TestApp;
  let history: ScriptedHistory;
  let owner: Record<string, string>;
  let other: SignedUp;
  let otherMember: { accountId: string; email: string };

  /** Every page of the caller's timeline, following the cursor. */
  async function allPages(headers: Record<string, string>, query: Record<string, string> = {}, limit = 4): Promise<ShownEntry[]> {
    const entries: ShownEntry[] = [];
    let cursor: string | null = null;
    do {
      const params: URLSearchParams = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
      const page: { status: number; body: { entries: ShownEntry[]; next_cursor: string | null } } = await api.request('GET', `/audit?${params}`, { headers });
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(limit);
      entries.push(...page.body.entries);
      cursor = page.body.next_cursor;
    } while (cursor);
    return entries;
  }

  beforeAll(async () => {
    api = await TestApp.start();
    history = await runScriptedHistory(api);
    other = await api.signUp({ name: 'Elsewhere' });
    otherMember = await api.addAccount(other, { name: 'Other Person' });
    expect((await api.request('PATCH', `/accounts/${otherMember.accountId}`, { headers: other.bearer, body: { name: 'Other Renamed' } })).status).toBe(200);
    owner = await api.bearerFor(history.ownerId, history.organizationId);
  }, 180_000);
  afterAll(async () => api?.stop());

  it("pages the caller's organization newest first: the replay's timeline, reversed", async () => {
    const replayed: ShownEntry[] = [];
    for await (const batch of api.app.get(AuditTimeline, { strict: false }).replay({ organizationId: history.organizationId })) replayed.push(...batch);
    const paged = await allPages(owner);
    // bearerFor issued one more token for the owner after the scripted history: the newest entry.
    expect(paged[0].type).toBe('AccessTokenIssued');
    expect(paged).toEqual([...replayed].reverse());
    expect(paged.every((e) => e.organization_ids.length === 1 && e.organization_ids[0] === history.organizationId)).toBe(true);
  });

  it("never shows another organization's events", async () => {
    const mine = await allPages(other.bearer, {}, 50);
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(['OrganizationCreated', 'AccountCreated', 'AccountUpdated']));
    const text = JSON.stringify(mine);
    for (const foreign of [history.organizationId, history.ownerId, history.memberId, history.clientId, ...Object.values(history.requests)]) expect(text).not.toContain(foreign);
    expect(mine.every((e) => e.organization_ids.length === 1 && e.organization_ids[0] === other.organizationId)).toBe(true);
    const theirs = await allPages(owner, {}, 50);
    expect(JSON.stringify(theirs)).not.toContain(other.organizationId);
    expect(JSON.stringify(theirs)).not.toContain(otherMember.accountId);
    // Asking for another organization (or its account) finds nothing of it.
    expectError(await api.request('GET', `/audit?organization=${history.organizationId}`, { headers: other.bearer }), 404, 'resource_not_found');
    const probed = await api.request('GET', `/audit?account=${history.memberId}`, { headers: other.bearer });
    expect(probed.body).toEqual({ entries: [], next_cursor: null });
  });

  it('applies the same filters as the replay', async () => {
    const renamed = await api.request('GET', `/audit?type=AccountUpdated,OrganizationUpdated`, { headers: owner });
    expect(renamed.body.entries.map((e: ShownEntry) => e.type)).toEqual(['OrganizationUpdated', 'AccountUpdated']);
    const byRequest = await api.request('GET', `/audit?account=${history.memberId}&type=AccountPasswordSet`, { headers: owner });
    expect(byRequest.body.entries.map((e: ShownEntry) => e.request_id)).toEqual([history.requests.resetPassword, history.requests.addAccount]);
    const bySystem = await api.request('GET', '/audit?actor=system', { headers: owner });
    // The service issued the test's token (bearerFor) and started the session of the sign-in form.
    expect(bySystem.body.entries.map((e: ShownEntry) => e.type)).toEqual(['AccessTokenIssued', 'SessionStarted']);
    const since = await api.request('GET', `/audit?since=${encodeURIComponent(history.moments[2].at.toISOString())}&until=${encodeURIComponent(history.moments[3].at.toISOString())}`, { headers: owner });
    expect(since.body.entries.map((e: ShownEntry) => e.type)).toEqual(['AccountDeleted', 'SessionRemoved', 'OrganizationMemberRemoved']);
  });

  it("shows the erased account as [erased], never its email or name, and no secret", async () => {
    const text = JSON.stringify(await allPages(owner, {}, 100));
    expect(text).toContain('[erased]');
    for (const gone of [history.memberEmail, history.memberName, 'Bea Renamed']) expect(text).not.toContain(gone);
    expect(text).not.toMatch(/\$argon2|[0-9a-f]{64}/);
  });

  it('refuses a bad cursor, time or limit with 422 in the error envelope, and needs organization--my:rw', async () => {
    for (const query of ['cursor=not-a-cursor', `cursor=${Buffer.from('v1:1/x').toString('base64url')}`, 'since=yesterday', 'until=2025-13-45T00:00:00Z', 'limit=0', 'limit=501', 'account=nope']) {
      const reply = await api.request('GET', `/audit?${query}`, { headers: owner });
      expectError(reply, 422, 'invalid_request');
      expect(Object.keys(reply.body.invalid_fields)).toEqual([query.split('=')[0]]);
    }
    const member = await api.addAccount(other);
    expectInsufficientScope(await api.request('GET', '/audit', { headers: await api.bearerFor(member.accountId, other.organizationId) }));
    expectError(await api.request('GET', '/audit'), 401, 'unauthorized');
  });
});
