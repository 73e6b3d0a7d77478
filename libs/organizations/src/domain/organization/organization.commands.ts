import type { Company, RoleRef } from './organization.events';

export interface CreateOrganization {
  readonly kind: 'CreateOrganization';
  readonly organizationId: string;
  readonly name: string | null;
  readonly company: Company;
  readonly ownerAccountId: string;
  readonly ownerRole: RoleRef;
  readonly at: string;
}

export interface UpdateOrganization {
  readonly kind: 'UpdateOrganization';
  readonly organizationId: string;
  readonly changes: { readonly name?: string | null; readonly company?: Company };
  readonly at: string;
}

export interface AddMember {
  readonly kind: 'AddMember';
  readonly organizationId: string;
  readonly accountId: string;
  /** Roles to give; an Accounts role is always given, `defaultRole` when none is named. */
  readonly roles: readonly RoleRef[];
  readonly defaultRole: RoleRef;
  /** What the former owner becomes when ownership moves. */
  readonly demotedOwnerRole: RoleRef;
  readonly at: string;
}

export interface SetMemberRoles {
  readonly kind: 'SetMemberRoles';
  readonly organizationId: string;
  readonly accountId: string;
  readonly set: readonly RoleRef[];
  readonly remove: readonly RoleRef[];
  readonly demotedOwnerRole: RoleRef;
  readonly at: string;
}

export interface RemoveMember {
  readonly kind: 'RemoveMember';
  readonly organizationId: string;
  readonly accountId: string;
  readonly at: string;
}

export type OrganizationCommand = CreateOrganization | UpdateOrganization | AddMember | SetMemberRoles | RemoveMember;
