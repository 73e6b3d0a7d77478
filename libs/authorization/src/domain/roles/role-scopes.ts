import { sortScopes } from '../scopes/scope-list';
import type { RoleView } from './role-view';

/**
 * What an account's roles allow together: the union of their scopes, in the canonical order. Roles
 * only add; no role takes away what another grants.
 */
export function scopesOfRoles(roles: Iterable<Pick<RoleView, 'scope'>>): string[] {
  const all: string[] = [];
  for (const role of roles) all.push(...role.scope);
  return sortScopes(all);
}
