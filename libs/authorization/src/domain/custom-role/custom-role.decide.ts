import type { Decider } from '@app/platform';
import type { Product } from '../roles/product';
import { sortScopes } from '../scopes/scope-list';
import { isPredefinedRoleId } from '../roles/predefined-roles';
import type { CreateCustomRole, CustomRoleCommand, DeleteCustomRole } from './custom-role.commands';
import { CustomRoleAlreadyExists, CustomRoleNotFound, InvalidCustomRole } from './custom-role.errors';
import type { CustomRoleEvent } from './custom-role.events';
import { customRoleProblems } from './custom-role.rules';
import { evolve, initialState, type CustomRoleState } from './custom-role.state';

export function decide(command: CustomRoleCommand, state: CustomRoleState): CustomRoleEvent[] {
  switch (command.kind) {
    case 'CreateCustomRole':
      return create(command, state);
    case 'DeleteCustomRole':
      return remove(command, state);
  }
}

function create(command: CreateCustomRole, state: CustomRoleState): CustomRoleEvent[] {
  // A predefined id would make the role unreachable (lookups find the predefined role first).
  if (state.status !== 'absent' || isPredefinedRoleId(command.roleId)) throw new CustomRoleAlreadyExists();
  const problems = customRoleProblems(command);
  if (Object.keys(problems).length) throw new InvalidCustomRole(problems);
  return [
    {
      type: 'CustomRoleCreated',
      data: {
        role_id: command.roleId,
        organization_id: command.organizationId,
        role: command.role,
        product: command.product as Product,
        scopes: sortScopes(command.scopes),
        created_by: command.createdBy,
        created_at: command.at,
      },
    },
  ];
}

function remove(command: DeleteCustomRole, state: CustomRoleState): CustomRoleEvent[] {
  if (state.status !== 'active' || state.organizationId !== command.organizationId) throw new CustomRoleNotFound(command.roleId);
  return [
    {
      type: 'CustomRoleDeleted',
      data: { role_id: state.roleId, organization_id: state.organizationId, deleted_by: command.deletedBy, deleted_at: command.at },
    },
  ];
}

export const customRoleDecider: Decider<CustomRoleState, CustomRoleCommand, CustomRoleEvent> = { initialState, evolve, decide };
