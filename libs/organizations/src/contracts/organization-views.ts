/** An organization as the API shows it. */
export interface OrganizationView {
  readonly organization_id: string;
  readonly name?: string;
  readonly company: { readonly phone?: string; readonly website?: string };
}

/** A role held in an organization (product role or custom role). */
export interface HeldRole {
  readonly role_id: string;
  readonly product: string;
  readonly role: string;
  readonly type: 'primary' | 'secondary' | 'custom';
}

export interface Membership {
  readonly organizationId: string;
  readonly accountId: string;
  readonly joinedAt: string;
  readonly roles: readonly HeldRole[];
}
