import { isPredefinedRoleId } from '../roles/predefined-roles';
import { PredefinedRoleNotDeletable } from './custom-role.errors';

/**
 * Checked before the custom role decider runs: a predefined role has no stream, so the decider would
 * otherwise answer 404 for a role that GET /roles/{id} shows.
 */
export function assertDeletableRole(roleId: string): void {
  if (isPredefinedRoleId(roleId)) throw new PredefinedRoleNotDeletable();
}
