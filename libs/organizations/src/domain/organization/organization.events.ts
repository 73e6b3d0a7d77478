import type { DomainEvent } from '@app/platform';

/** A role as the organization records it: which product, and whether it is the owner role. */
export interface RoleRef {
  readonly role_id: string;
  readonly product: string;
  /** Role name: `owner`, `administrator`, ... or a custom role's name. */
  readonly role: string;
  readonly type: 'primary' | 'secondary' | 'custom';
}

export interface Company {
  readonly phone?: string;
  readonly website?: string;
}

export type OrganizationCreated = DomainEvent<
  'OrganizationCreated',
  { organization_id: string; name: string | null; company: Company; created_by: string; created_at: string }
>;
export type OrganizationUpdated = DomainEvent<
  'OrganizationUpdated',
  { organization_id: string; changes: { name?: string | null; company?: Company }; updated_at: string }
>;
/**
 * A member joins with `roles`, one per product. Events recorded before `roles` existed carry none:
 * their member joined with no role, and its roles follow as OrganizationMemberRoleSet events.
 */
export type OrganizationMemberAdded = DomainEvent<
  'OrganizationMemberAdded',
  { organization_id: string; account_id: string; added_at: string; roles?: RoleRef[] }
>;
export type OrganizationMemberRemoved = DomainEvent<'OrganizationMemberRemoved', { organization_id: string; account_id: string; removed_at: string }>;
/** Sets the member's role for one product, replacing the role it had for that product. */
export type OrganizationMemberRoleSet = DomainEvent<
  'OrganizationMemberRoleSet',
  { organization_id: string; account_id: string; role: RoleRef; replaced_role_id: string | null; set_at: string }
>;
export type OrganizationMemberRoleRemoved = DomainEvent<
  'OrganizationMemberRoleRemoved',
  { organization_id: string; account_id: string; role: RoleRef; removed_at: string }
>;

export type OrganizationEvent =
  | OrganizationCreated
  | OrganizationUpdated
  | OrganizationMemberAdded
  | OrganizationMemberRemoved
  | OrganizationMemberRoleSet
  | OrganizationMemberRoleRemoved;
