import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { CACHE_COHERENCE, CoherentCache, DATA_SOURCE, isUuid, KeyedBatches, type CacheCoherence } from '@app/platform';
import type { HeldRole, Membership, OrganizationView } from '../contracts/organization-views';
import {
  GetMembershipQuery,
  GetOrganizationQuery,
  ListHoldersOfRoleQuery,
  ListMembershipsQuery,
  ListOrganizationsOfAccountQuery,
} from '../contracts/organization.queries';

interface OrganizationRow {
  organization_id: string;
  name: string | null;
  company_phone: string | null;
  company_website: string | null;
}

interface MembershipRow {
  organization_id: string;
  account_id: string;
  joined_at: Date;
  roles: HeldRole[] | null;
}

function toView(row: OrganizationRow): OrganizationView {
  return {
    organization_id: row.organization_id,
    ...(row.name !== null ? { name: row.name } : {}),
    company: { ...(row.company_phone !== null ? { phone: row.company_phone } : {}), ...(row.company_website !== null ? { website: row.company_website } : {}) },
  };
}

const MEMBERSHIPS = `SELECT m.organization_id, m.account_id, m.joined_at,
    (SELECT json_agg(json_build_object('role_id', r.role_id, 'product', r.product, 'role', r.role, 'type', r.type) ORDER BY r.product)
       FROM organization_member_roles r WHERE r.organization_id = m.organization_id AND r.account_id = m.account_id) AS roles
  FROM organization_members m`;

function toMembership(row: MembershipRow): Membership {
  return { organizationId: row.organization_id, accountId: row.account_id, joinedAt: row.joined_at.toISOString(), roles: row.roles ?? [] };
}

@QueryHandler(GetOrganizationQuery)
export class GetOrganizationHandler implements IQueryHandler<GetOrganizationQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: GetOrganizationQuery): Promise<OrganizationView | null> {
    const rows: OrganizationRow[] = await this.dataSource.query('SELECT * FROM organizations WHERE organization_id = $1', [query.organizationId]);
    return rows[0] ? toView(rows[0]) : null;
  }
}

@QueryHandler(ListOrganizationsOfAccountQuery)
export class ListOrganizationsOfAccountHandler implements IQueryHandler<ListOrganizationsOfAccountQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: ListOrganizationsOfAccountQuery): Promise<OrganizationView[]> {
    const rows: OrganizationRow[] = await this.dataSource.query(
      `SELECT o.* FROM organization_members m JOIN organizations o USING (organization_id)
       WHERE m.account_id = $1 ORDER BY m.joined_at, o.organization_id`,
      [query.accountId],
    );
    return rows.map(toView);
  }
}

/**
 * One member and its roles. Asked on every read that shows roles (GET /accounts/me), so it comes
 * from a per-process cache that every change of the member tables drops on every process
 * (migration SignalMembershipChanges); a member not found is always looked up again.
 */
@QueryHandler(GetMembershipQuery)
export class GetMembershipHandler implements IQueryHandler<GetMembershipQuery> {
  private readonly cache: CoherentCache<Membership>;
  /** Members concurrent requests ask for and the cache does not hold, read together (`<organization>:<account>`). */
  private readonly lookups = new KeyedBatches<Membership>(async (keys) => {
    // A pair that is no pair of UUIDs is left out: it would fail the whole statement, every caller in it.
    const pairs = keys.map((key) => key.split(':')).filter((pair) => pair.length === 2 && pair.every(isUuid));
    const rows: MembershipRow[] = await this.dataSource.query(
      `${MEMBERSHIPS} JOIN unnest($1::uuid[], $2::uuid[]) AS wanted(organization_id, account_id)
         ON m.organization_id = wanted.organization_id AND m.account_id = wanted.account_id`,
      [pairs.map(([organizationId]) => organizationId), pairs.map(([, accountId]) => accountId)],
    );
    return new Map(rows.map((row) => [`${row.organization_id}:${row.account_id}`, toMembership(row)]));
  });

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CACHE_COHERENCE) coherence: CacheCoherence | null,
  ) {
    this.cache = new CoherentCache(coherence ?? undefined);
  }

  async execute({ organizationId, accountId }: GetMembershipQuery): Promise<Membership | null> {
    return this.cache.get(`${organizationId}:${accountId}`, async () => {
      const found = await this.lookups.get(`${organizationId}:${accountId}`);
      // Frozen: the one cached object is handed to every later caller.
      return found ? deepFreeze(found) : null;
    });
  }
}

function deepFreeze(membership: Membership): Membership {
  membership.roles.forEach((role) => Object.freeze(role));
  Object.freeze(membership.roles);
  return Object.freeze(membership);
}

@QueryHandler(ListMembershipsQuery)
export class ListMembershipsHandler implements IQueryHandler<ListMembershipsQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: ListMembershipsQuery): Promise<Membership[]> {
    const rows: MembershipRow[] = await this.dataSource.query(`${MEMBERSHIPS} WHERE m.organization_id = $1 ORDER BY m.joined_at, m.account_id`, [
      query.organizationId,
    ]);
    return rows.map(toMembership);
  }
}

@QueryHandler(ListHoldersOfRoleQuery)
export class ListHoldersOfRoleHandler implements IQueryHandler<ListHoldersOfRoleQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: ListHoldersOfRoleQuery): Promise<Array<{ organizationId: string; accountId: string }>> {
    const rows: Array<{ organization_id: string; account_id: string }> = await this.dataSource.query(
      'SELECT organization_id, account_id FROM organization_member_roles WHERE role_id = $1',
      [query.roleId],
    );
    return rows.map((row) => ({ organizationId: row.organization_id, accountId: row.account_id }));
  }
}
