import { Query } from '@nestjs/cqrs';
import type { RoleView } from '../domain/roles';

/** A role named either by id or by product and name, as the spec's role definitions allow. */
export type RoleReference = { readonly role_id: string } | { readonly product: string; readonly role: string };

/** Resolves role references for an organization (predefined or its own custom roles); unknown ones throw 404. */
export class ResolveRolesQuery extends Query<RoleView[]> {
  constructor(
    readonly organizationId: string,
    readonly references: readonly RoleReference[],
  ) {
    super();
  }
}

/** The scopes granted by a set of roles of an organization (custom roles included). */
export class ScopesOfRolesQuery extends Query<string[]> {
  constructor(
    readonly organizationId: string,
    readonly roleIds: readonly string[],
  ) {
    super();
  }
}
