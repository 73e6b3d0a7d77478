import { given } from '@app/platform/testing';
import type { OrganizationCommand } from './organization.commands';
import { organizationDecider } from './organization.decide';
import { MemberNotFound, OrganizationAlreadyExists, OrganizationNotFound, OwnerRequired, PrimaryRoleRequired } from './organization.errors';
import type { OrganizationEvent, RoleRef } from './organization.events';

const role = (role_id: string, role: string, product = 'Accounts', type: RoleRef['type'] = 'primary'): RoleRef => ({ role_id, role, product, type });
const OWNER = role('r-owner', 'owner');
const ADMIN = role('r-admin', 'administrator');
const MEMBER = role('r-member', 'member');
const CHAT_AGENT = role('r-normal', 'normal', 'LiveChat', 'secondary');
const CUSTOM = role('r-custom', 'support', 'LiveChat', 'custom');
const org = 'org-1';
const at = '2026-01-01T00:00:00.000Z';

const joined = (account_id: string, roles: RoleRef[]): OrganizationEvent => ({
  type: 'OrganizationMemberAdded',
  data: { organization_id: org, account_id, added_at: at, roles },
});
const created: OrganizationEvent[] = [
  { type: 'OrganizationCreated', data: { organization_id: org, name: 'Acme', company: {}, created_by: 'ann', created_at: at } },
  joined('ann', [OWNER]),
];
const bobJoined: OrganizationEvent[] = [joined('bob', [MEMBER])];
/** As members joined before their roles were part of the event that adds them. */
const bobJoinedWithoutRoles: OrganizationEvent[] = [
  { type: 'OrganizationMemberAdded', data: { organization_id: org, account_id: 'bob', added_at: at } },
  { type: 'OrganizationMemberRoleSet', data: { organization_id: org, account_id: 'bob', role: MEMBER, replaced_role_id: null, set_at: at } },
];
const setRoles = (accountId: string, set: RoleRef[], remove: RoleRef[] = []): OrganizationCommand => ({
  kind: 'SetMemberRoles',
  organizationId: org,
  accountId,
  set,
  remove,
  demotedOwnerRole: ADMIN,
  at,
});
const roleSet = (account_id: string, r: RoleRef, replaced_role_id: string | null): OrganizationEvent => ({
  type: 'OrganizationMemberRoleSet',
  data: { organization_id: org, account_id, role: r, replaced_role_id, set_at: at },
});

describe('organization decider', () => {
  it('creates an organization with its creator as owner', () => {
    given(organizationDecider, [])
      .when({ kind: 'CreateOrganization', organizationId: org, name: 'Acme', company: {}, ownerAccountId: 'ann', ownerRole: OWNER, at })
      .then(created);
  });

  it('refuses to create it twice', () => {
    given(organizationDecider, created)
      .when({ kind: 'CreateOrganization', organizationId: org, name: 'Acme', company: {}, ownerAccountId: 'ann', ownerRole: OWNER, at })
      .thenThrows(OrganizationAlreadyExists);
  });

  it('answers not found for any other command on a missing organization', () => {
    given(organizationDecider, []).when(setRoles('ann', [ADMIN])).thenThrows(OrganizationNotFound);
  });

  it('adds a member with the default Accounts role when none is named', () => {
    given(organizationDecider, created)
      .when({ kind: 'AddMember', organizationId: org, accountId: 'bob', roles: [], defaultRole: MEMBER, demotedOwnerRole: ADMIN, at })
      .then(bobJoined);
  });

  it('adds a member with the roles named, and adding again changes nothing', () => {
    const command: OrganizationCommand = { kind: 'AddMember', organizationId: org, accountId: 'bob', roles: [ADMIN, CHAT_AGENT], defaultRole: MEMBER, demotedOwnerRole: ADMIN, at };
    given(organizationDecider, created)
      .when(command)
      .then([joined('bob', [ADMIN, CHAT_AGENT])]);
    given(organizationDecider, [...created, ...bobJoined]).when(command).then([]);
    given(organizationDecider, [...created, ...bobJoinedWithoutRoles]).when(command).then([]);
  });

  it('adds a member as owner after demoting the former owner', () => {
    given(organizationDecider, created)
      .when({ kind: 'AddMember', organizationId: org, accountId: 'bob', roles: [OWNER, CHAT_AGENT], defaultRole: MEMBER, demotedOwnerRole: ADMIN, at })
      .then([roleSet('ann', ADMIN, 'r-owner'), joined('bob', [OWNER, CHAT_AGENT])]);
  });

  it('decides on members whose roles were recorded apart from their joining', () => {
    given(organizationDecider, [...created, ...bobJoinedWithoutRoles]).when(setRoles('bob', [MEMBER])).then([]);
    given(organizationDecider, [...created, ...bobJoinedWithoutRoles])
      .when(setRoles('bob', [OWNER]))
      .then([roleSet('ann', ADMIN, 'r-owner'), roleSet('bob', OWNER, 'r-member')]);
  });

  it("replaces a product's role when another role of that product is set", () => {
    given(organizationDecider, [...created, ...bobJoined])
      .when(setRoles('bob', [ADMIN, CUSTOM]))
      .then([roleSet('bob', ADMIN, 'r-member'), roleSet('bob', CUSTOM, null)]);
  });

  it('setting a role the member already has changes nothing', () => {
    given(organizationDecider, [...created, ...bobJoined]).when(setRoles('bob', [MEMBER])).then([]);
  });

  it('moves ownership: the new owner is owner and the former owner becomes administrator', () => {
    given(organizationDecider, [...created, ...bobJoined])
      .when(setRoles('bob', [OWNER]))
      .then([roleSet('ann', ADMIN, 'r-owner'), roleSet('bob', OWNER, 'r-member')]);
  });

  it('refuses to demote the owner or to remove the owner', () => {
    given(organizationDecider, [...created, ...bobJoined]).when(setRoles('ann', [MEMBER])).thenThrows(OwnerRequired, /demoted/);
    given(organizationDecider, [...created, ...bobJoined]).when(setRoles('ann', [], [OWNER])).thenThrows(OwnerRequired);
    given(organizationDecider, [...created, ...bobJoined])
      .when({ kind: 'RemoveMember', organizationId: org, accountId: 'ann', at })
      .thenThrows(OwnerRequired, /removed/);
  });

  it('removes a secondary role but never the only Accounts role', () => {
    const withChat = [...created, ...bobJoined, roleSet('bob', CHAT_AGENT, null)];
    given(organizationDecider, withChat)
      .when(setRoles('bob', [], [CHAT_AGENT]))
      .then([{ type: 'OrganizationMemberRoleRemoved', data: { organization_id: org, account_id: 'bob', role: CHAT_AGENT, removed_at: at } }]);
    given(organizationDecider, withChat).when(setRoles('bob', [], [MEMBER])).thenThrows(PrimaryRoleRequired);
  });

  it('ignores the removal of a role the member does not have', () => {
    given(organizationDecider, [...created, ...bobJoined]).when(setRoles('bob', [], [CHAT_AGENT])).then([]);
  });

  it('answers not found for roles of an account that is not a member', () => {
    given(organizationDecider, created).when(setRoles('carol', [ADMIN])).thenThrows(MemberNotFound);
    given(organizationDecider, created).when({ kind: 'RemoveMember', organizationId: org, accountId: 'carol', at }).thenThrows(MemberNotFound);
  });

  it('removes a member who is not the owner', () => {
    given(organizationDecider, [...created, ...bobJoined])
      .when({ kind: 'RemoveMember', organizationId: org, accountId: 'bob', at })
      .then([{ type: 'OrganizationMemberRemoved', data: { organization_id: org, account_id: 'bob', removed_at: at } }]);
  });

  it('updates name and company, and an empty update changes nothing', () => {
    given(organizationDecider, created)
      .when({ kind: 'UpdateOrganization', organizationId: org, changes: { name: 'Acme Inc', company: { phone: '+1 555' } }, at })
      .then([{ type: 'OrganizationUpdated', data: { organization_id: org, changes: { name: 'Acme Inc', company: { phone: '+1 555' } }, updated_at: at } }]);
    given(organizationDecider, created).when({ kind: 'UpdateOrganization', organizationId: org, changes: {}, at }).then([]);
  });
});
