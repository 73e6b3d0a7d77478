import { Map as PersistentMap } from 'immutable';
import type { Company, OrganizationEvent, RoleRef } from './organization.events';

export interface Member {
  /** One role per product. */
  readonly roles: ReadonlyMap<string, RoleRef>;
}

export interface OrganizationState {
  readonly exists: boolean;
  readonly name: string | null;
  readonly company: Company;
  /**
   * A persistent map: each event's new state shares all but a few of its nodes with the one before.
   * A copied Map made folding an organization's stream quadratic in its members (a cold fold of a
   * 10,000-member organization took seconds) and every new member cost copies of all the others.
   */
  readonly members: PersistentMap<string, Member>;
}

export const ACCOUNTS_PRODUCT = 'Accounts';

export function initialState(): OrganizationState {
  return { exists: false, name: null, company: {}, members: PersistentMap() };
}

export function isOwnerRole(role: RoleRef): boolean {
  return role.product === ACCOUNTS_PRODUCT && role.type === 'primary' && role.role === 'owner';
}

/** The account holding the owner role; exactly one once the organization exists. */
export function ownerOf(state: OrganizationState): string | undefined {
  for (const [accountId, member] of state.members) {
    const primary = member.roles.get(ACCOUNTS_PRODUCT);
    if (primary && isOwnerRole(primary)) return accountId;
  }
  return undefined;
}

export function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated':
      return { ...state, exists: true, name: event.data.name, company: event.data.company };
    case 'OrganizationUpdated':
      return {
        ...state,
        name: event.data.changes.name !== undefined ? event.data.changes.name : state.name,
        company: event.data.changes.company ? { ...state.company, ...event.data.changes.company } : state.company,
      };
    case 'OrganizationMemberAdded': {
      const roles = new Map((event.data.roles ?? []).map((role) => [role.product, role]));
      return { ...state, members: state.members.set(event.data.account_id, { roles }) };
    }
    case 'OrganizationMemberRemoved':
      return { ...state, members: state.members.delete(event.data.account_id) };
    case 'OrganizationMemberRoleSet': {
      const member = state.members.get(event.data.account_id);
      if (!member) return state;
      const roles = new Map(member.roles).set(event.data.role.product, event.data.role);
      return { ...state, members: state.members.set(event.data.account_id, { roles }) };
    }
    case 'OrganizationMemberRoleRemoved': {
      const member = state.members.get(event.data.account_id);
      if (!member) return state;
      const roles = new Map(member.roles);
      if (roles.get(event.data.role.product)?.role_id === event.data.role.role_id) roles.delete(event.data.role.product);
      return { ...state, members: state.members.set(event.data.account_id, { roles }) };
    }
  }
}
