import { testServerUrl } from '@app/platform/testing';
import { runAdmin } from '../support/run-admin';
import { TestApp } from '../support/test-app';
import { runScriptedHistory, type ScriptedHistory } from './support/scripted-history';

// The CLI is a second process: it needs a database both can reach (PostgreSQL).
const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('admin audit', () => {
  let api: TestApp;
  let history: ScriptedHistory;
  let env: Record<string, string>;
  beforeAll(async () => {
    api = await TestApp.start();
    history = await runScriptedHistory(api);
    // TestApp made a database of its own for this run; the CLI is pointed at the same one.
    env = { DATABASE_URL: (api as unknown as { databaseUrl: string }).databaseUrl };
  }, 180_000);
  afterAll(async () => api?.stop());

  it('--json prints one entry per line, oldest first, filtered, with stdout holding nothing else', async () => {
    const run = await runAdmin(['audit', '--organization', history.organizationId, '--type', 'OrganizationMemberAdded,OrganizationMemberRoleSet,AccountDeleted', '--json'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.type)).toEqual(['OrganizationMemberAdded', 'OrganizationMemberAdded', 'OrganizationMemberRoleSet', 'OrganizationMemberRoleSet', 'AccountDeleted']);
    expect(lines[2]).toMatchObject({ request_id: history.requests.setRoles, actor: { account_id: history.ownerId }, changes: [{ before: 'member', after: 'administrator' }] });
  }, 120_000);

  it('prints a readable line per event, with before -> after and no erased personal data', async () => {
    const run = await runAdmin(['audit', '--account', history.memberId], env);
    expect(run.code).toBe(0);
    const updated = run.stdout.split('\n').find((line) => line.includes('AccountUpdated'))!;
    expect(updated).toContain(`account-${history.memberId}`);
    expect(updated).toContain(`by ${history.ownerId}`);
    expect(updated).toContain(`request ${history.requests.rename}`);
    expect(updated).toContain('name: [erased] -> [erased]');
    expect(run.stdout).not.toContain(history.memberEmail);
    expect(run.stdout).not.toContain(history.memberName);
  }, 120_000);

  it('--as-of prints the organization and the account as the API showed them then', async () => {
    const moment = history.moments[1];
    const organization = await runAdmin(['audit', '--organization', history.organizationId, '--as-of', moment.at.toISOString()], env);
    expect(organization.code).toBe(0);
    expect(JSON.parse(organization.stdout)).toEqual(moment.organization);
    const account = await runAdmin(['audit', '--account', history.ownerId, '--as-of', moment.at.toISOString(), '--json'], env);
    expect(JSON.parse(account.stdout)).toEqual(moment.owner);
    const gone = await runAdmin(['audit', '--account', history.memberId, '--as-of', history.moments[3].at.toISOString()], env);
    expect(gone.code).toBe(1);
    const wrong = await runAdmin(['audit', '--since', 'last tuesday'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--since must be an ISO 8601 time/);
    expect((await runAdmin(['audit', '--as-of', moment.at.toISOString()], env)).code).toBe(2);
  }, 120_000);
});
