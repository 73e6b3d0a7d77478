import { AuditTimeline, AuditTimeTravel, type ShownEntry } from '@app/audit';
import { TestApp } from '../support/test-app';
import { runScriptedHistory, type ScriptedHistory } from './support/scripted-history';

/** The same replay `admin audit` runs, with tiny batches and context cache to exercise their edges. */
async function replay(api: TestApp, filter: Parameters<AuditTimeline['replay']>[0]): Promise<ShownEntry[]> {
  const shown: ShownEntry[] = [];
  for await (const batch of api.app.get(AuditTimeline, { strict: false }).replay(filter, { batchSize: 7, contextCapacity: 2 })) shown.push(...batch);
  return shown;
}

describe('audit replay and time travel of a scripted history', () => {
  let api: TestApp;
  let history: ScriptedHistory;
  let timeline: ShownEntry[];
  beforeAll(async () => {
    api = await TestApp.start();
    history = await runScriptedHistory(api);
    timeline = await replay(api, { organizationId: history.organizationId });
  }, 180_000);
  afterAll(async () => api?.stop());

  it('replays exactly the expected timeline, in order, with actors and request ids', () => {
    const { ownerId } = history;
    const stepOf = new Map(Object.entries(history.requests).map(([step, id]) => [id, step]));
    expect(timeline.map((e) => [stepOf.get(e.request_id), e.type, e.actor.account_id])).toEqual([
      ['signUp', 'AccountCreated', ownerId],
      ['signUp', 'AccountPasswordSet', ownerId],
      ['signUp', 'OrganizationCreated', ownerId],
      ['signUp', 'OrganizationMemberAdded', ownerId],
      ['signUp', 'AccessTokenIssued', ownerId],
      ['addAccount', 'AccountCreated', ownerId],
      ['addAccount', 'AccountPasswordSet', ownerId],
      ['addAccount', 'OrganizationMemberAdded', ownerId],
      ['setRoles', 'OrganizationMemberRoleSet', ownerId],
      ['setRoles', 'OrganizationMemberRoleSet', ownerId],
      ['rename', 'AccountUpdated', ownerId],
      ['renameOrganization', 'OrganizationUpdated', ownerId],
      ['resetPassword', 'AccountPasswordSet', ownerId],
      ['registerClient', 'OAuthClientRegistered', ownerId],
      // The sign-in form acts before anyone is signed in: the service itself is the actor.
      ['signIn', 'SessionStarted', 'system'],
      ['createPat', 'PersonalAccessTokenCreated', ownerId],
      ['revokePat', 'PersonalAccessTokenRevoked', ownerId],
      ['deleteAccount', 'OrganizationMemberRemoved', ownerId],
      ['deleteAccount', 'SessionRemoved', ownerId],
      ['deleteAccount', 'AccountDeleted', ownerId],
    ]);
    const times = timeline.map((e) => Date.parse(e.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('shows field-level before -> after for updates', () => {
    // A member joins with its roles: the entry that adds it shows them.
    expect(timeline.filter((e) => e.type === 'OrganizationMemberAdded').map((e) => e.changes)).toEqual([
      [{ field: `roles.${history.ownerId}.Accounts`, after: 'owner' }],
      [{ field: `roles.${history.memberId}.Accounts`, after: 'member' }],
    ]);
    const roles = timeline.filter((e) => e.request_id === history.requests.setRoles);
    expect(roles.flatMap((e) => e.changes)).toEqual([
      { field: `roles.${history.memberId}.Accounts`, before: 'member', after: 'administrator' },
      { field: `roles.${history.memberId}.LiveChat`, after: 'normal' },
    ]);
    expect(timeline.find((e) => e.type === 'OrganizationUpdated')!.changes).toEqual([{ field: 'name', before: 'Audited Inc', after: 'Audited Ltd' }]);
    const removed = timeline.find((e) => e.type === 'OrganizationMemberRemoved')!;
    expect(removed.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      [`roles.${history.memberId}.Accounts`, 'administrator', null],
      [`roles.${history.memberId}.LiveChat`, 'normal', null],
    ]);
  });

  it('narrows by account, session, client, type, actor, time and correlation', async () => {
    const session = timeline.find((e) => e.type === 'SessionStarted')!.session_id!;
    const bySession = await replay(api, { sessionId: session });
    expect(bySession.map((e) => e.type)).toEqual(['SessionStarted', 'SessionRemoved']);
    const byClient = await replay(api, { clientId: history.clientId });
    expect(byClient.map((e) => e.type)).toEqual(['OAuthClientRegistered']);
    const byAccount = await replay(api, { accountId: history.memberId, types: ['AccountCreated', 'AccountUpdated', 'AccountPasswordSet', 'AccountDeleted'] });
    expect(byAccount.map((e) => e.type)).toEqual(['AccountCreated', 'AccountPasswordSet', 'AccountUpdated', 'AccountPasswordSet', 'AccountDeleted']);
    const bySystem = await replay(api, { actorId: 'system', organizationId: history.organizationId });
    expect(bySystem.map((e) => e.type)).toEqual(['SessionStarted']);
    const deletion = timeline.find((e) => e.type === 'AccountDeleted')!;
    const byCorrelation = await replay(api, { correlationId: deletion.correlation_id });
    expect(byCorrelation.map((e) => e.request_id)).toEqual(byCorrelation.map(() => history.requests.deleteAccount));
    expect(byCorrelation.map((e) => e.type)).toEqual(expect.arrayContaining(['OrganizationMemberRemoved', 'AccountDeleted', 'AccountEmailReleased']));
    const late = await replay(api, { organizationId: history.organizationId, since: new Date(history.moments[2].at) });
    expect(late.map((e) => e.type)).toEqual(['OrganizationMemberRemoved', 'SessionRemoved', 'AccountDeleted']);
    const early = await replay(api, { organizationId: history.organizationId, until: new Date(history.moments[0].at) });
    expect(early).toHaveLength(8);
  });

  it('rebuilds the account and the organization as the API showed them at three moments', async () => {
    const travel = api.app.get(AuditTimeTravel, { strict: false });
    const [added, promoted, signedIn, deleted] = history.moments;
    for (const moment of [added, promoted, signedIn]) {
      expect({ label: moment.label, state: await travel.account(history.memberId, moment.at, history.organizationId) }).toEqual({
        label: moment.label,
        // The key is destroyed since: the past shows erased, exactly like the log.
        state: { ...(moment.member as object), email: '[erased]', name: '[erased]' },
      });
      expect(await travel.account(history.ownerId, moment.at)).toEqual(moment.owner);
      expect(await travel.organization(history.organizationId, moment.at)).toEqual(moment.organization);
    }
    expect((promoted.member as { roles: { role: string }[] }).roles.map((r) => r.role)).toEqual(['administrator', 'normal']);
    expect(deleted.member).toBeNull();
    await expect(travel.account(history.memberId, deleted.at)).resolves.toBeNull();
    await expect(travel.account(history.memberId, new Date(Date.parse(added.at.toISOString()) - 60_000))).resolves.toBeNull();
  });

  it("keeps the erased account's email and name out of every entry, and secrets out of all of them", async () => {
    const everything = JSON.stringify(await replay(api, {}));
    expect(everything).toContain(history.memberId);
    expect(everything).not.toContain(history.memberEmail);
    expect(everything).not.toContain(history.memberName);
    expect(everything).not.toContain('Bea Renamed');
    expect(everything).toContain('[erased]');
    expect(everything).not.toMatch(/\$argon2/);
    expect(everything).not.toMatch(/"[a-z_]*hash":"(?!\[redacted\])/);
    expect(everything).not.toMatch(/[0-9a-f]{64}/);
  });
});
