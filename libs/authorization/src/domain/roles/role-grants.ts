import { ForbiddenError } from '@app/platform';
import { scopesNotGranted } from '../scopes/scope-grants';
import { parseScopeName } from '../scopes/scope-name';
import type { RoleView } from './role-view';

/**
 * Nobody hands out more power than they hold: a role can be given only by a credential that grants
 * every scope of the role that reaches beyond the holder's own account (`--all` scopes, and the
 * organization's). So an administrator cannot make anyone (itself included) owner, while anyone
 * who may assign roles can make an account a member.
 */
export function assertCanGrantRoles(roles: readonly Pick<RoleView, 'role' | 'product' | 'scope'>[], grantorScopes: readonly string[]): void {
  for (const role of roles) {
    const missing = scopesNotGranted(role.scope.filter(reachesBeyondOwnAccount), grantorScopes);
    if (missing.length) throw new ForbiddenError(`Giving the ${role.product} ${role.role} role needs ${missing.join(', ')}.`);
  }
}

/** `accounts--my:rw`, `sessions--my:ro`...: the holder's own account only. */
function reachesBeyondOwnAccount(scope: string): boolean {
  const parts = parseScopeName(scope);
  return !parts || parts.range !== 'my' || parts.resource === 'organization';
}
