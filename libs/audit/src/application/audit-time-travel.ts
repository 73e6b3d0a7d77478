import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetAccountAsOfQuery, type AccountBodyAsOf } from '@app/identity/contracts';
import { GetOrganizationAsOfQuery, type OrganizationView } from '@app/organizations/contracts';

/**
 * "What did it look like then?": each module rebuilds its own aggregate from its events through
 * the query bus, so the audit never reads another module's streams or shapes.
 */
@Injectable()
export class AuditTimeTravel {
  constructor(private readonly queries: QueryBus) {}

  /** The account at `at`, with its roles in `organizationId` (default: its default organization then). */
  async account(accountId: string, at: Date, organizationId?: string): Promise<AccountBodyAsOf | null> {
    const account = await this.queries.execute(new GetAccountAsOfQuery(accountId, at, organizationId));
    const rolesIn = organizationId ?? account?.default_organization_id;
    if (!account || organizationId || !rolesIn) return account;
    return this.queries.execute(new GetAccountAsOfQuery(accountId, at, rolesIn));
  }

  organization(organizationId: string, at: Date): Promise<OrganizationView | null> {
    return this.queries.execute(new GetOrganizationAsOfQuery(organizationId, at));
  }
}
