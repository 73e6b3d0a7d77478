import type { HeldRole } from '@app/organizations/contracts';
import type { AccountView } from '../contracts/account-view';

export interface RoleBody {
  role_id: string;
  product: string;
  role: string;
  type: string;
  predefined: boolean;
}

export type AccountBody = Omit<AccountView, 'name'> & { name?: string; roles?: RoleBody[] };

/** The account as the spec shows it; `roles` only for credentials that may see roles. */
export function accountBody(view: AccountView, roles: readonly HeldRole[] | undefined): AccountBody {
  // The spec's name is a string: an account without one has no name field at all.
  const { name, ...rest } = view;
  const body: AccountBody = name === null ? rest : { ...rest, name };
  if (roles) body.roles = roles.map((r) => ({ role_id: r.role_id, product: r.product, role: r.role, type: r.type, predefined: r.type !== 'custom' }));
  return body;
}
