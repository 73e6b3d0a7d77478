import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, NotFoundError } from '@app/platform';
import { ResolveRolesQuery, ScopesOfRolesQuery } from '../contracts/authorization.queries';
import { findPredefinedRole, findPredefinedRoleByName, PREDEFINED_ROLES, scopesOfRoles, sortScopes, type RoleView } from '../domain';
import { ListRolesQuery } from './list-roles.query';

interface CustomRoleRow {
  role_id: string;
  role: string;
  product: string;
  scopes: string[];
}

const toView = (row: CustomRoleRow): RoleView => ({
  role_id: row.role_id,
  product: row.product as RoleView['product'],
  role: row.role,
  type: 'custom',
  predefined: false,
  scope: sortScopes(row.scopes),
});

async function customRoles(dataSource: DataSource, organizationId: string): Promise<RoleView[]> {
  const rows: CustomRoleRow[] = await dataSource.query('SELECT role_id, role, product, scopes FROM custom_roles WHERE organization_id = $1 ORDER BY created_at, role_id', [
    organizationId,
  ]);
  return rows.map(toView);
}

/** Predefined roles, then the organization's own. */
@QueryHandler(ListRolesQuery)
export class ListRolesHandler implements IQueryHandler<ListRolesQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ organizationId }: ListRolesQuery): Promise<RoleView[]> {
    return [...PREDEFINED_ROLES, ...(await customRoles(this.dataSource, organizationId))];
  }
}

@QueryHandler(ResolveRolesQuery)
export class ResolveRolesHandler implements IQueryHandler<ResolveRolesQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ organizationId, references }: ResolveRolesQuery): Promise<RoleView[]> {
    const custom = await customRoles(this.dataSource, organizationId);
    return references.map((reference) => {
      const found =
        'role_id' in reference
          ? (findPredefinedRole(reference.role_id) ?? custom.find((r) => r.role_id === reference.role_id.toLowerCase()))
          : (findPredefinedRoleByName(reference.product, reference.role) ??
            custom.find((r) => r.product === reference.product && r.role === reference.role));
      if (!found) throw new NotFoundError('role', 'role_id' in reference ? reference.role_id : `${reference.product}/${reference.role}`);
      return found;
    });
  }
}

@QueryHandler(ScopesOfRolesQuery)
export class ScopesOfRolesHandler implements IQueryHandler<ScopesOfRolesQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ organizationId, roleIds }: ScopesOfRolesQuery): Promise<string[]> {
    const custom = await customRoles(this.dataSource, organizationId);
    const roles = roleIds.flatMap((id) => findPredefinedRole(id) ?? custom.find((r) => r.role_id === id) ?? []);
    return scopesOfRoles(roles);
  }
}
