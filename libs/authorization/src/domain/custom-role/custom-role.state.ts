import type { Product } from '../roles/product';
import type { RoleView } from '../roles/role-view';
import type { CustomRoleEvent } from './custom-role.events';

export interface CustomRoleFacts {
  readonly roleId: string;
  readonly organizationId: string;
  readonly role: string;
  readonly product: Product;
  readonly scopes: readonly string[];
}

/** A deleted role keeps its facts: its id stays taken, and the organization it belonged to is known. */
export type CustomRoleState = { readonly status: 'absent' } | ({ readonly status: 'active' | 'deleted' } & CustomRoleFacts);

export function initialState(): CustomRoleState {
  return { status: 'absent' };
}

export function evolve(state: CustomRoleState, event: CustomRoleEvent): CustomRoleState {
  switch (event.type) {
    case 'CustomRoleCreated': {
      const { role_id, organization_id, role, product, scopes } = event.data;
      return { status: 'active', roleId: role_id, organizationId: organization_id, role, product, scopes };
    }
    case 'CustomRoleDeleted':
      return state.status === 'absent' ? state : { ...state, status: 'deleted' };
  }
}

/** The role as the API shows it, or undefined once it is gone. */
export function customRoleView(state: CustomRoleState): RoleView | undefined {
  if (state.status !== 'active') return undefined;
  return { role_id: state.roleId, product: state.product, role: state.role, type: 'custom', predefined: false, scope: state.scopes };
}
