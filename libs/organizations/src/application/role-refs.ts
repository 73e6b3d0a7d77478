import { findPredefinedRoleByName } from '@app/authorization/contracts';
import type { RoleRef } from '../domain/organization';

function predefined(product: string, role: string): RoleRef {
  const found = findPredefinedRoleByName(product, role);
  if (!found) throw new Error(`The predefined role ${product}/${role} is missing from the catalogue`);
  return { role_id: found.role_id, product: found.product, role: found.role, type: found.type };
}

/** The Accounts roles the organization rules name: a creator's, a newcomer's, a former owner's. */
export const OWNER_ROLE = predefined('Accounts', 'owner');
export const MEMBER_ROLE = predefined('Accounts', 'member');
export const ADMINISTRATOR_ROLE = predefined('Accounts', 'administrator');
