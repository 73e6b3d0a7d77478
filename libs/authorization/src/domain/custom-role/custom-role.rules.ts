import { isProduct, PRODUCTS } from '../roles/product';
import { PREDEFINED_ROLES } from '../roles/predefined-roles';
import { isKnownScope } from '../scopes/known-scopes';
import { nameProblem } from '../shared/name-rules';
import type { CreateCustomRole } from './custom-role.commands';

export const CUSTOM_ROLE_NAME_MAX_LENGTH = 64;

// Clients match roles by name as well as by id (the spec's `role` enum lists the predefined names),
// so a custom role called "owner" would be read as the owner role by some of them.
const RESERVED_NAMES = new Set(PREDEFINED_ROLES.map((r) => r.role.toLowerCase()));

/**
 * What is wrong with a new custom role, per field, named as the API names them (`role`, `product`,
 * `scope`); empty when it is fine.
 */
export function customRoleProblems(command: Pick<CreateCustomRole, 'role' | 'product' | 'scopes'>): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = nameProblem(command.role, CUSTOM_ROLE_NAME_MAX_LENGTH);
  if (name) problems.role = name;
  else if (RESERVED_NAMES.has(command.role.trim().toLowerCase())) problems.role = 'is reserved for a predefined role';
  if (!isProduct(command.product)) problems.product = `must be one of: ${PRODUCTS.join(', ')}`;
  const scope = scopesProblem(command.scopes);
  if (scope) problems.scope = scope;
  return problems;
}

function scopesProblem(scopes: readonly string[]): string | undefined {
  if (scopes.length === 0) return 'must list at least one scope';
  const unknown = [...new Set(scopes.filter((s) => !isKnownScope(s)))];
  return unknown.length ? `unknown scope: ${unknown.join(', ')}` : undefined;
}
