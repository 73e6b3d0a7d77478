import { ConflictError, NotFoundError, ValidationError } from '@app/platform';
import { given } from '@app/platform/testing';
import type { EncryptedPersonalData } from '../protected-values';
import { UnprotectedValueError } from '../protected-values';
import type { CreateAccount } from './account.commands';
import { accountDecider } from './account.decide';
import { AccountAlreadyExists, AccountInManyOrganizations, AccountNotFound } from './account.errors';
import type { AccountCreated, AccountDeleted, AccountEvent, AccountJoinedOrganization, AccountPasswordSet } from './account.events';
import { accountStream } from './account.stream';

const accountId = '6f1c1c53-7a35-4f7e-9d3c-0b3c2f0f4a11';
const orgA = 'b2185556-634c-4ecf-b4c9-bcf8b65bc853';
const orgB = '0d5a7b8e-1f7c-4b1e-8f55-3f2f9a5a1c22';
const orgC = '7e0b9a3c-9d6b-4c0a-a2a4-52d1f5b7e833';
const actorId = '11111111-2222-4333-8444-555555555555';
const at = '2024-05-01T10:00:00.000Z';
const later = '2024-05-02T11:30:00.000Z';
const emailHash = 'f'.repeat(64);
const argon2id = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const sealed = (label: string): EncryptedPersonalData => ({ enc: 'aes-256-gcm', iv: `iv-${label}`, tag: `tag-${label}`, data: `data-${label}` });

const create = (overrides: Partial<CreateAccount> = {}): CreateAccount => ({
  type: 'CreateAccount',
  accountId,
  at,
  actorId,
  email: sealed('email'),
  emailHash,
  organizationId: orgA,
  emailVerified: false,
  ...overrides,
});

const created = (overrides: Partial<AccountCreated['data']> = {}): AccountCreated => ({
  type: 'AccountCreated',
  data: {
    account_id: accountId,
    email: sealed('email'),
    email_hash: emailHash,
    name: null,
    avatar_url: null,
    default_product: 'Accounts',
    email_verified: false,
    organization_id: orgA,
    created_at: at,
    password_set: false,
    ...overrides,
  },
});
const passwordSet = (hash = argon2id, setAt = at): AccountPasswordSet => ({ type: 'AccountPasswordSet', data: { account_id: accountId, password_hash: hash, set_at: setAt } });
const joined = (organizationId: string): AccountJoinedOrganization => ({
  type: 'AccountJoinedOrganization',
  data: { account_id: accountId, organization_id: organizationId, joined_at: at },
});
const deleted = (organizationIds = [orgA]): AccountDeleted => ({
  type: 'AccountDeleted',
  data: { account_id: accountId, email_hash: emailHash, organization_ids: organizationIds, deleted_at: at },
});
const base = { accountId, at: later, actorId };
const existing: AccountEvent[] = [created()];

describe('account stream', () => {
  it('is named by the account id only', () => {
    expect(accountStream(accountId)).toBe(`account-${accountId}`);
  });
});

describe('CreateAccount', () => {
  it('records the account with sealed personal data and the defaults', () => {
    given(accountDecider, []).when(create()).then([created()]);
  });

  it('records every given field', () => {
    given(accountDecider, [])
      .when(create({ name: sealed('name'), avatarUrl: sealed('avatar'), defaultProduct: 'LiveChat', emailVerified: true }))
      .then([created({ name: sealed('name'), avatar_url: sealed('avatar'), default_product: 'LiveChat', email_verified: true })]);
  });

  it('records the password hash as a fact of its own', () => {
    given(accountDecider, []).when(create({ passwordHash: argon2id })).then([created({ password_set: true }), passwordSet()]);
  });

  it('refuses an id that is taken, even by a deleted account', () => {
    given(accountDecider, existing).when(create()).thenThrows(AccountAlreadyExists);
    given(accountDecider, existing).when(create()).thenThrows(ConflictError);
    given(accountDecider, [...existing, deleted()]).when(create()).thenThrows(AccountAlreadyExists);
  });

  it('refuses a clear email, name, avatar, email hash or password', () => {
    const clear = 'ann@example.com' as unknown as EncryptedPersonalData;
    given(accountDecider, []).when(create({ email: clear })).thenThrows(UnprotectedValueError, /email/);
    given(accountDecider, []).when(create({ name: 'Ann' as unknown as EncryptedPersonalData })).thenThrows(UnprotectedValueError, /name/);
    given(accountDecider, []).when(create({ avatarUrl: 'https://a.example/x.png' as unknown as EncryptedPersonalData })).thenThrows(UnprotectedValueError, /avatar_url/);
    given(accountDecider, []).when(create({ emailHash: 'ann@example.com' })).thenThrows(UnprotectedValueError, /email_hash/);
    given(accountDecider, []).when(create({ passwordHash: 'correct horse battery' })).thenThrows(UnprotectedValueError, /password_hash/);
  });

  it('refuses an unknown default product', () => {
    given(accountDecider, []).when(create({ defaultProduct: 'HelpDesk' as never })).thenThrows(ValidationError);
  });
});

describe('JoinOrganization and LeaveOrganization', () => {
  it('joins another organization', () => {
    given(accountDecider, existing)
      .when({ type: 'JoinOrganization', ...base, organizationId: orgB })
      .then([{ type: 'AccountJoinedOrganization', data: { account_id: accountId, organization_id: orgB, joined_at: later } }]);
  });

  it('does nothing when the account already belongs to the organization', () => {
    given(accountDecider, existing).when({ type: 'JoinOrganization', ...base, organizationId: orgA }).then([]);
    given(accountDecider, [...existing, joined(orgB)]).when({ type: 'JoinOrganization', ...base, organizationId: orgB }).then([]);
  });

  it('leaves an organization it belongs to, and may join it again afterwards', () => {
    const left = { type: 'AccountLeftOrganization' as const, data: { account_id: accountId, organization_id: orgB, left_at: at } };
    given(accountDecider, [...existing, joined(orgB)])
      .when({ type: 'LeaveOrganization', ...base, organizationId: orgB })
      .then([{ type: 'AccountLeftOrganization', data: { account_id: accountId, organization_id: orgB, left_at: later } }]);
    given(accountDecider, [...existing, joined(orgB), left])
      .when({ type: 'JoinOrganization', ...base, organizationId: orgB })
      .then([{ type: 'AccountJoinedOrganization', data: { account_id: accountId, organization_id: orgB, joined_at: later } }]);
  });

  it('does nothing when leaving an organization it does not belong to', () => {
    given(accountDecider, existing).when({ type: 'LeaveOrganization', ...base, organizationId: orgB }).then([]);
  });

  it('answers not found for a missing or deleted account', () => {
    given(accountDecider, []).when({ type: 'JoinOrganization', ...base, organizationId: orgB }).thenThrows(AccountNotFound);
    given(accountDecider, [...existing, deleted()]).when({ type: 'LeaveOrganization', ...base, organizationId: orgA }).thenThrows(AccountNotFound);
  });
});

describe('UpdateAccount', () => {
  it('records only the given fields, in snake_case', () => {
    given(accountDecider, existing)
      .when({ type: 'UpdateAccount', ...base, changes: { name: sealed('new-name'), defaultProduct: 'LiveChat' } })
      .then([{ type: 'AccountUpdated', data: { account_id: accountId, changes: { name: sealed('new-name'), default_product: 'LiveChat' }, updated_at: later } }]);
  });

  it('records null to clear an optional field', () => {
    given(accountDecider, existing)
      .when({ type: 'UpdateAccount', ...base, changes: { avatarUrl: null } })
      .then([{ type: 'AccountUpdated', data: { account_id: accountId, changes: { avatar_url: null }, updated_at: later } }]);
  });

  it('does nothing when nothing is given', () => {
    given(accountDecider, existing).when({ type: 'UpdateAccount', ...base, changes: {} }).then([]);
    given(accountDecider, existing).when({ type: 'UpdateAccount', ...base, changes: { name: undefined } }).then([]);
  });

  it('answers not found for a missing or deleted account', () => {
    given(accountDecider, []).when({ type: 'UpdateAccount', ...base, changes: { name: null } }).thenThrows(NotFoundError);
    given(accountDecider, [...existing, deleted()]).when({ type: 'UpdateAccount', ...base, changes: { name: null } }).thenThrows(AccountNotFound);
  });

  it('refuses a clear name and an unknown product', () => {
    given(accountDecider, existing)
      .when({ type: 'UpdateAccount', ...base, changes: { name: 'Ann' as unknown as EncryptedPersonalData } })
      .thenThrows(UnprotectedValueError);
    given(accountDecider, existing).when({ type: 'UpdateAccount', ...base, changes: { defaultProduct: 'x' as never } }).thenThrows(ValidationError);
  });
});

describe('SetPassword', () => {
  const newHash = '$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaA';

  it('records the new hash', () => {
    given(accountDecider, [...existing, passwordSet()])
      .when({ type: 'SetPassword', ...base, passwordHash: newHash, requireSingleOrganization: true })
      .then([passwordSet(newHash, later)]);
  });

  it("refuses to set another account's password when it belongs to several organizations", () => {
    given(accountDecider, [...existing, joined(orgB)])
      .when({ type: 'SetPassword', ...base, passwordHash: newHash, requireSingleOrganization: true })
      .thenThrows(AccountInManyOrganizations, /more than one organization/);
  });

  it('lets the account set its own password whatever its organizations', () => {
    given(accountDecider, [...existing, joined(orgB), joined(orgC)])
      .when({ type: 'SetPassword', ...base, passwordHash: newHash, requireSingleOrganization: false })
      .then([passwordSet(newHash, later)]);
  });

  it('counts organizations left: one left after leaving is a single organization', () => {
    const left = { type: 'AccountLeftOrganization' as const, data: { account_id: accountId, organization_id: orgA, left_at: at } };
    given(accountDecider, [...existing, joined(orgB), left])
      .when({ type: 'SetPassword', ...base, passwordHash: newHash, requireSingleOrganization: true })
      .then([passwordSet(newHash, later)]);
  });

  it('refuses a clear password and answers not found for a missing account', () => {
    given(accountDecider, existing).when({ type: 'SetPassword', ...base, passwordHash: 'hunter2hunter2', requireSingleOrganization: false }).thenThrows(UnprotectedValueError);
    given(accountDecider, []).when({ type: 'SetPassword', ...base, passwordHash: newHash, requireSingleOrganization: false }).thenThrows(AccountNotFound);
  });
});

describe('DeleteAccount', () => {
  it('records the deletion with what follow-ups need: the email hash and every organization, default first', () => {
    given(accountDecider, [...existing, joined(orgC), joined(orgB)])
      .when({ type: 'DeleteAccount', ...base })
      .then([{ type: 'AccountDeleted', data: { account_id: accountId, email_hash: emailHash, organization_ids: [orgA, orgC, orgB], deleted_at: later } }]);
  });

  it('answers not found for a missing or already deleted account', () => {
    given(accountDecider, []).when({ type: 'DeleteAccount', ...base }).thenThrows(AccountNotFound);
    given(accountDecider, [...existing, deleted()]).when({ type: 'DeleteAccount', ...base }).thenThrows(NotFoundError, /account/);
  });
});

describe('account state', () => {
  const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, accountDecider.initialState());

  it('keeps organizations in the order joined, the first being the default', () => {
    const state = fold([...existing, joined(orgC), joined(orgB), joined(orgC)]);
    expect(state.organizationIds).toEqual([orgA, orgC, orgB]);
  });

  it('tracks existence, deletion, the sealed email, the password flag and the last change time', () => {
    expect(fold([])).toMatchObject({ exists: false, deleted: false, passwordSet: false, organizationIds: [], updatedAt: null });
    expect(fold([created(), passwordSet(argon2id, later)])).toMatchObject({ exists: true, email: sealed('email'), passwordSet: true, updatedAt: later });
    expect(fold([created(), { ...deleted(), data: { ...deleted().data, deleted_at: later } }])).toMatchObject({ exists: true, deleted: true, updatedAt: later });
  });

  it('keeps the password hash out of AccountCreated: it is one fact, in AccountPasswordSet only', () => {
    const events = accountDecider.decide(create({ passwordHash: argon2id }), accountDecider.initialState());
    expect(events.map((e) => e.type)).toEqual(['AccountCreated', 'AccountPasswordSet']);
    expect(JSON.stringify(events[0])).not.toContain(argon2id);
    expect(events[1].data).toEqual({ account_id: accountId, password_hash: argon2id, set_at: at });
  });
});
