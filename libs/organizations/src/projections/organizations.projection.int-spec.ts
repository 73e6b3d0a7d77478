import { randomUUID } from 'node:crypto';
import type { PlatformRuntime, RecordedEvent } from '@app/platform';
import { createTestRuntime, testMetadata, testServerUrl, type TestRuntime } from '@app/platform/testing';
import type { OrganizationEvent, RoleRef } from '../domain/organization';
import { ORGANIZATIONS_READ_MODEL } from '../organizations.module';

interface MemberRow {
  account_id: string;
  product: string | null;
  role: string | null;
}

const role = (name: string, product: string, type: RoleRef['type']): RoleRef => ({ role_id: randomUUID(), role: name, product, type });
const OWNER = role('owner', 'Accounts', 'primary');
const MEMBER = role('member', 'Accounts', 'primary');
const AGENT = role('normal', 'LiveChat', 'secondary');

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

describe(`organizations projection on ${kind}`, () => {
  let test: TestRuntime;
  let runtime: PlatformRuntime;
  const organization = randomUUID();
  const stream = `organization-${organization}`;
  const [ann, bob, carol] = [randomUUID(), randomUUID(), randomUUID()].sort();
  const at = '2026-01-01T00:00:00.000Z';
  let revision = -1;

  const members = (): Promise<MemberRow[]> =>
    runtime.database.dataSource.query(
      `SELECT m.account_id, r.product, r.role FROM organization_members m
       LEFT JOIN organization_member_roles r ON r.organization_id = m.organization_id AND r.account_id = m.account_id
       WHERE m.organization_id = $1 ORDER BY m.account_id, r.product`,
      [organization],
    );

  async function append(...events: OrganizationEvent[]): Promise<void> {
    const appended = await runtime.store.appendToStream(
      stream,
      events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata: testMetadata() })),
      { expectedRevision: revision < 0 ? 'no_stream' : revision },
    );
    revision += events.length;
    expect(await runtime.progress.waitFor(appended.position, 10_000)).toBe(true);
  }

  async function organizationEvents(): Promise<RecordedEvent[]> {
    return (await runtime.store.readAll({ after: null, maxCount: 1000 })).filter((e) => e.streamId === stream);
  }

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [ORGANIZATIONS_READ_MODEL] });
    runtime = test.runtime;
    runtime.startProjections();
    await append(
      { type: 'OrganizationCreated', data: { organization_id: organization, name: 'Acme', company: {}, created_by: ann, created_at: at } },
      { type: 'OrganizationMemberAdded', data: { organization_id: organization, account_id: ann, added_at: at, roles: [OWNER] } },
    );
  });
  afterAll(async () => test.dispose());

  it('gives a member the roles it joined with, and one recorded before roles joined with it those set after', async () => {
    await append({ type: 'OrganizationMemberAdded', data: { organization_id: organization, account_id: bob, added_at: at, roles: [MEMBER, AGENT] } });
    await append(
      { type: 'OrganizationMemberAdded', data: { organization_id: organization, account_id: carol, added_at: at } },
      { type: 'OrganizationMemberRoleSet', data: { organization_id: organization, account_id: carol, role: MEMBER, replaced_role_id: null, set_at: at } },
    );
    expect(await members()).toEqual([
      { account_id: ann, product: 'Accounts', role: 'owner' },
      { account_id: bob, product: 'Accounts', role: 'member' },
      { account_id: bob, product: 'LiveChat', role: 'normal' },
      { account_id: carol, product: 'Accounts', role: 'member' },
    ]);
  });

  it('lets a member rejoin with other roles after leaving, and replaying applied events changes nothing', async () => {
    await append(
      { type: 'OrganizationMemberRemoved', data: { organization_id: organization, account_id: bob, removed_at: at } },
      { type: 'OrganizationMemberAdded', data: { organization_id: organization, account_id: bob, added_at: at, roles: [MEMBER] } },
    );
    const before = await members();
    expect(before.filter((row) => row.account_id === bob)).toEqual([{ account_id: bob, product: 'Accounts', role: 'member' }]);

    const projection = runtime.projection('organizations');
    const applied = await organizationEvents();
    await runtime.database.dataSource.transaction((tx) => projection.apply(applied.slice(-2), tx));
    expect(await members()).toEqual(before);
  });
});
