/** Ids and times arrive in the command: the decider neither generates nor reads a clock. */
export interface CreateCustomRole {
  readonly kind: 'CreateCustomRole';
  readonly roleId: string;
  readonly organizationId: string;
  /** The role's name, 1 to 64 characters. */
  readonly role: string;
  /** 'Accounts' or 'LiveChat'; a string here because it is checked in decide, not trusted. */
  readonly product: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  /** ISO 8601. */
  readonly at: string;
}

export interface DeleteCustomRole {
  readonly kind: 'DeleteCustomRole';
  readonly roleId: string;
  /** The caller's organization: a role of any other organization is answered as missing. */
  readonly organizationId: string;
  readonly deletedBy: string;
  readonly at: string;
}

export type CustomRoleCommand = CreateCustomRole | DeleteCustomRole;
