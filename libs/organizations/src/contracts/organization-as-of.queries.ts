import { Query } from '@nestjs/cqrs';
import type { Membership, OrganizationView } from './organization-views';

/** The organization as GET /organizations/{id} showed it at `at`, rebuilt from its events; null if it did not exist yet. */
export class GetOrganizationAsOfQuery extends Query<OrganizationView | null> {
  constructor(
    readonly organizationId: string,
    readonly at: Date,
  ) {
    super();
  }
}

/** An account's membership and roles in an organization at `at`; null when it was no member then. */
export class GetMembershipAsOfQuery extends Query<Membership | null> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly at: Date,
  ) {
    super();
  }
}
