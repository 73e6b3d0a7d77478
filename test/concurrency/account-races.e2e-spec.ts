import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@app/platform';
import { expectMatchesErrorEnvelope, expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type ApiResponse, type SignedUp } from '../support/test-app';

interface RoleBody {
  role_id: string;
  product: string;
  role: string;
  type: string;
}

interface AccountListItem {
  account_id: string;
  email: string;
  roles?: RoleBody[];
}

/** Randomly upper-cases letters: one address, many spellings. */
function respell(email: string, seed: number): string {
  return [...email].map((c, i) => ((seed >> (i % 16)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
}

async function countEvents(api: TestApp, type: string): Promise<number> {
  const [row] = await api.runtime.database.sql.query<{ count: string | number }>('SELECT count(*) AS count FROM es_events WHERE type = $1', [type]);
  return Number(row.count);
}

async function listAccounts(api: TestApp, owner: SignedUp): Promise<AccountListItem[]> {
  const list = await api.request<AccountListItem[]>('GET', '/accounts', { headers: owner.bearer });
  expect(list.status).toBe(200);
  expectMatchesSpec(list.body, '/accounts', 'get', 200);
  return list.body;
}

/** Each member's role per product, as GET /v2/accounts shows them: account -> product -> role_id. */
function rolesShown(accounts: readonly AccountListItem[]): Map<string, Map<string, string>> {
  return new Map(accounts.map((a) => [a.account_id, new Map((a.roles ?? []).map((r) => [r.product, r.role_id]))]));
}

/** The same, folded from the organization's own stream: the last role set per account and product wins. */
function rolesFolded(events: readonly RecordedEvent[]): Map<string, Map<string, string>> {
  const members = new Map<string, Map<string, string>>();
  for (const event of events) {
    const data = event.data as { account_id: string; role: RoleBody; roles?: RoleBody[] };
    switch (event.type) {
      case 'OrganizationMemberAdded':
        // A member joins with its roles; one recorded before roles joined with it has none yet.
        members.set(data.account_id, new Map((data.roles ?? []).map((role) => [role.product, role.role_id])));
        break;
      case 'OrganizationMemberRemoved':
        members.delete(data.account_id);
        break;
      case 'OrganizationMemberRoleSet':
        members.get(data.account_id)?.set(data.role.product, data.role.role_id);
        break;
      case 'OrganizationMemberRoleRemoved':
        if (members.get(data.account_id)?.get(data.role.product) === data.role.role_id) members.get(data.account_id)!.delete(data.role.product);
        break;
    }
  }
  return members;
}

const sorted = (roles: Map<string, Map<string, string>>) =>
  [...roles.entries()].map(([account, byProduct]) => [account, [...byProduct.entries()].sort()] as const).sort(([a], [b]) => a.localeCompare(b));

describe('concurrent writes on accounts and roles', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('50 concurrent creates of one email (in any letter case) make exactly one account', async () => {
    const owner = await api.signUp();
    const email = `race-${randomUUID()}@example.com`;
    const createdBefore = await countEvents(api, 'AccountCreated');

    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.request('POST', '/accounts', { headers: owner.bearer, body: { email: respell(email, i * 7919 + 1) } })),
    );

    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const created = replies.find((r) => r.status === 201)!;
    expectMatchesSpec(created.body, '/accounts', 'post', 201);
    const accountId = created.body.account_id as string;
    for (const reply of replies) {
      expect(reply.body.account_id).toBe(accountId);
      expect(String(reply.body.email).toLowerCase()).toBe(email);
    }

    const withEmail = (await listAccounts(api, owner)).filter((a) => a.email.toLowerCase() === email);
    expect(withEmail.map((a) => a.account_id)).toEqual([accountId]);

    expect((await countEvents(api, 'AccountCreated')) - createdBefore).toBe(1);
    const accountStream = await api.runtime.store.readStream(`account-${accountId}`);
    expect(accountStream.filter((e) => e.type === 'AccountCreated')).toHaveLength(1);
    const organizationStream = await api.runtime.store.readStream(`organization-${owner.organizationId}`);
    const added = organizationStream.filter((e) => e.type === 'OrganizationMemberAdded' && (e.data as { account_id: string }).account_id === accountId);
    expect(added).toHaveLength(1);
  }, 120_000);

  it('20 concurrent role changes keep exactly one owner and the read model equal to the log', async () => {
    const owner = await api.signUp();
    const target = await api.addAccount(owner);
    const second = await api.addAccount(owner);
    const third = await api.addAccount(owner);

    type Kind = 'administrator' | 'member' | 'owner' | 'livechat';
    const plan: { accountId: string; kind: Kind }[] = [];
    const kinds: { accountId: string; kind: Kind }[] = [
      { accountId: target.accountId, kind: 'administrator' },
      { accountId: target.accountId, kind: 'owner' },
      { accountId: target.accountId, kind: 'member' },
      { accountId: target.accountId, kind: 'livechat' },
      { accountId: second.accountId, kind: 'owner' },
      { accountId: target.accountId, kind: 'administrator' },
      { accountId: third.accountId, kind: 'owner' },
      { accountId: target.accountId, kind: 'member' },
      { accountId: owner.accountId, kind: 'owner' },
      { accountId: target.accountId, kind: 'owner' },
    ];
    for (let i = 0; i < 20; i++) plan.push(kinds[i % kinds.length]);
    const body = (kind: Kind) =>
      kind === 'livechat' ? { set_roles: [{ product: 'LiveChat', role: 'normal' }] } : { set_roles: [{ product: 'Accounts', role: kind }] };

    const requests = plan.map((step) => ({ ...step, requestId: randomUUID() }));
    const replies: ApiResponse[] = await Promise.all(
      requests.map((step) =>
        api.request('PUT', `/accounts/${step.accountId}/roles`, { headers: { ...owner.bearer, 'x-request-id': step.requestId }, body: body(step.kind) }),
      ),
    );

    const log = await api.runtime.store.readStream(`organization-${owner.organizationId}`);
    // The caller gives ownership away in this race; once it is no longer the owner, it may not make anyone owner.
    const callerWasDemoted = log.some(
      (e) =>
        e.type === 'OrganizationMemberRoleSet' &&
        (e.data as { account_id: string; role: RoleBody }).account_id === owner.accountId &&
        (e.data as { role: RoleBody }).role.role !== 'owner',
    );
    replies.forEach((reply, i) => {
      const step = requests[i];
      const written = log.filter((e) => e.metadata.requestId === step.requestId);
      if (reply.status === 403) {
        expect(step.kind).toBe('owner');
        expect(callerWasDemoted).toBe(true);
        expectMatchesSpec(reply.body, '/accounts/{account_id}/roles', 'put', 403);
        expect(written).toHaveLength(0);
        return;
      }
      expect([200, 409]).toContain(reply.status);
      if (reply.status === 409) {
        // Only demoting the owner (member or administrator on the account holding the owner role) may be refused.
        expect(['administrator', 'member']).toContain(step.kind);
        // The spec lists no 409 for this route; the reply still carries the common error envelope.
        expectMatchesErrorEnvelope(reply.body);
        expect(reply.body.error).toBe('conflict');
        expect(reply.body.error_description).toMatch(/owner/i);
        expect(written).toHaveLength(0);
        return;
      }
      expectMatchesSpec(reply.body, '/accounts/{account_id}/roles', 'put', 200);
      expect(reply.body.account_id).toBe(step.accountId);
      // Whatever a request wrote is exactly what it asked for: the role it set on its account, plus the former owner's demotion.
      for (const event of written) {
        expect(event.type).toBe('OrganizationMemberRoleSet');
        const data = event.data as { account_id: string; role: RoleBody };
        if (data.account_id === step.accountId) {
          expect(data.role).toMatchObject(step.kind === 'livechat' ? { product: 'LiveChat', role: 'normal' } : { product: 'Accounts', role: step.kind });
        } else {
          expect(step.kind).toBe('owner');
          expect(data.role).toMatchObject({ product: 'Accounts', role: 'administrator' });
        }
      }
    });
    const succeeded = replies.filter((r) => r.status === 200).length;
    expect(succeeded).toBeGreaterThan(0);

    const accounts = await listAccounts(api, owner);
    const owners = accounts.flatMap((a) => (a.roles ?? []).filter((r) => r.product === 'Accounts' && r.role === 'owner').map(() => a.account_id));
    expect(owners).toHaveLength(1);
    for (const account of accounts) expect((account.roles ?? []).filter((r) => r.product === 'Accounts')).toHaveLength(1);

    const folded = rolesFolded(log);
    expect(sorted(rolesShown(accounts))).toEqual(sorted(folded));
    const foldedOwners = [...folded.entries()].filter(
      ([, byProduct]) => byProduct.get('Accounts') === accounts.flatMap((a) => a.roles ?? []).find((r) => r.role === 'owner')!.role_id,
    );
    expect(foldedOwners.map(([id]) => id)).toEqual(owners);

    // After the dust settles, the owner still answers for itself: demoting it is refused.
    const currentOwner = owners[0];
    const demote = await api.request('PUT', `/accounts/${currentOwner}/roles`, {
      headers: owner.bearer,
      body: { set_roles: [{ product: 'Accounts', role: 'member' }] },
    });
    expect(demote.status).toBe(409);
    expectMatchesErrorEnvelope(demote.body);
  }, 120_000);

  it('an email held in one organization answers 409 in another', async () => {
    const first = await api.signUp();
    const other = await api.signUp();
    const email = `held-${randomUUID()}@example.com`;
    const held = await api.addAccount(first, { email });

    const elsewhere = await api.request('POST', '/accounts', { headers: other.bearer, body: { email: email.toUpperCase() } });
    expect(elsewhere.status).toBe(409);
    expectMatchesSpec(elsewhere.body, '/accounts', 'post', 409);
    expect(JSON.stringify(elsewhere.body)).not.toContain(held.accountId);

    // Nothing leaked into the other organization, and the holder is untouched.
    expect((await listAccounts(api, other)).map((a) => a.email.toLowerCase())).not.toContain(email);
    const holder = await api.request('GET', `/accounts/${held.accountId}`, { headers: first.bearer });
    expect(holder.status).toBe(200);
    expect(holder.body.email).toBe(email);
  });
});
