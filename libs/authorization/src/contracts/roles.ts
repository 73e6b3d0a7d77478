/** The predefined role catalogue, for modules that assign roles. */
export { PREDEFINED_ROLES, findPredefinedRole, findPredefinedRoleByName, isPredefinedRoleId, assertCanGrantRoles } from '../domain/roles';
export type { RoleView } from '../domain/roles';
