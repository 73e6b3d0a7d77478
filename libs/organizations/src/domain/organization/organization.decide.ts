import type { Decider } from '@app/platform';
import type { AddMember, OrganizationCommand, SetMemberRoles } from './organization.commands';
import { MemberNotFound, OrganizationAlreadyExists, OrganizationNotFound, OwnerRequired, PrimaryRoleRequired } from './organization.errors';
import type { OrganizationEvent, OrganizationMemberAdded, OrganizationMemberRoleSet, RoleRef } from './organization.events';
import { ACCOUNTS_PRODUCT, evolve, initialState, isOwnerRole, ownerOf, type OrganizationState } from './organization.state';

export function decide(command: OrganizationCommand, state: OrganizationState): OrganizationEvent[] {
  if (command.kind === 'CreateOrganization') {
    if (state.exists) throw new OrganizationAlreadyExists();
    const organization_id = command.organizationId;
    return [
      { type: 'OrganizationCreated', data: { organization_id, name: command.name, company: command.company, created_by: command.ownerAccountId, created_at: command.at } },
      memberAdded(organization_id, command.ownerAccountId, [command.ownerRole], command.at),
    ];
  }
  if (!state.exists) throw new OrganizationNotFound(command.organizationId);
  switch (command.kind) {
    case 'UpdateOrganization':
      return Object.keys(command.changes).length === 0
        ? []
        : [{ type: 'OrganizationUpdated', data: { organization_id: command.organizationId, changes: command.changes, updated_at: command.at } }];
    case 'AddMember':
      return addMember(command, state);
    case 'SetMemberRoles':
      if (!state.members.has(command.accountId)) throw new MemberNotFound(command.accountId);
      return setRoles(command, state);
    case 'RemoveMember':
      if (!state.members.has(command.accountId)) throw new MemberNotFound(command.accountId);
      if (ownerOf(state) === command.accountId) throw new OwnerRequired('removed');
      return [{ type: 'OrganizationMemberRemoved', data: { organization_id: command.organizationId, account_id: command.accountId, removed_at: command.at } }];
  }
}

/**
 * The roles are decided as a "set" on the member joining with none. The member's own roles are
 * recorded in the event that adds it (one event, not one per role); a former owner's demotion
 * comes first, so no state ever holds two owners.
 */
function addMember(command: AddMember, state: OrganizationState): OrganizationEvent[] {
  if (state.members.has(command.accountId)) return [];
  const { organizationId, accountId, at } = command;
  const roles = command.roles.some((r) => r.product === ACCOUNTS_PRODUCT) ? command.roles : [command.defaultRole, ...command.roles];
  const decided = setRoles({ ...command, kind: 'SetMemberRoles', set: roles, remove: [] }, evolve(state, memberAdded(organizationId, accountId, [], at)));
  const own = (event: OrganizationEvent): event is OrganizationMemberRoleSet => event.type === 'OrganizationMemberRoleSet' && event.data.account_id === accountId;
  const demotions = decided.filter((event) => !own(event));
  return [...demotions, memberAdded(organizationId, accountId, decided.filter(own).map((event) => event.data.role), at)];
}

/** Applies removals, then sets; each step sees the state the previous one left. */
function setRoles(command: SetMemberRoles, start: OrganizationState): OrganizationEvent[] {
  const events: OrganizationEvent[] = [];
  let state = start;
  const emit = (event: OrganizationEvent) => {
    events.push(event);
    state = evolve(state, event);
  };
  for (const role of command.remove) {
    const current = state.members.get(command.accountId)?.roles.get(role.product);
    if (current?.role_id !== role.role_id) continue;
    if (isOwnerRole(current)) throw new OwnerRequired('demoted');
    if (role.product === ACCOUNTS_PRODUCT) throw new PrimaryRoleRequired();
    emit({ type: 'OrganizationMemberRoleRemoved', data: { organization_id: command.organizationId, account_id: command.accountId, role: current, removed_at: command.at } });
  }
  // A later entry for the same product wins, as one "set" overwrites a role group.
  const byProduct = new Map(command.set.map((role) => [role.product, role]));
  for (const role of byProduct.values()) {
    const current = state.members.get(command.accountId)?.roles.get(role.product);
    if (current?.role_id === role.role_id) continue;
    if (current && isOwnerRole(current)) throw new OwnerRequired('demoted');
    if (isOwnerRole(role)) {
      const formerOwner = ownerOf(state);
      if (formerOwner) emit(roleSet(command.organizationId, formerOwner, command.demotedOwnerRole, state.members.get(formerOwner)!.roles.get(ACCOUNTS_PRODUCT)!.role_id, command.at));
    }
    emit(roleSet(command.organizationId, command.accountId, role, current?.role_id ?? null, command.at));
  }
  return events;
}

function memberAdded(organizationId: string, accountId: string, roles: RoleRef[], at: string): OrganizationMemberAdded {
  return { type: 'OrganizationMemberAdded', data: { organization_id: organizationId, account_id: accountId, added_at: at, roles } };
}

function roleSet(organizationId: string, accountId: string, role: RoleRef, replaced: string | null, at: string): OrganizationMemberRoleSet {
  return { type: 'OrganizationMemberRoleSet', data: { organization_id: organizationId, account_id: accountId, role, replaced_role_id: replaced, set_at: at } };
}

export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = { initialState, evolve, decide };
