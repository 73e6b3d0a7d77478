import { Query } from '@nestjs/cqrs';
import type { Membership, OrganizationView } from './organization-views';

export class GetOrganizationQuery extends Query<OrganizationView | null> {
  constructor(readonly organizationId: string) {
    super();
  }
}

/** The organizations an account belongs to, the default (first joined) first. */
export class ListOrganizationsOfAccountQuery extends Query<OrganizationView[]> {
  constructor(readonly accountId: string) {
    super();
  }
}

export class GetMembershipQuery extends Query<Membership | null> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
  ) {
    super();
  }
}

/** Every member of an organization with its roles, in joining order. */
export class ListMembershipsQuery extends Query<Membership[]> {
  constructor(readonly organizationId: string) {
    super();
  }
}

/** Accounts holding a given role in any organization (a custom role being deleted, say). */
export class ListHoldersOfRoleQuery extends Query<Array<{ organizationId: string; accountId: string }>> {
  constructor(readonly roleId: string) {
    super();
  }
}
