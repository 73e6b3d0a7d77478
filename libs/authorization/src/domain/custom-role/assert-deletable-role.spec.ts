import { PREDEFINED_ROLES } from '../roles/predefined-roles';
import { assertDeletableRole } from './assert-deletable-role';
import { PredefinedRoleNotDeletable } from './custom-role.errors';

describe('assertDeletableRole', () => {
  it.each(PREDEFINED_ROLES.map((r) => [`${r.product} ${r.role}`, r.role_id]))('refuses to delete the predefined %s role', (_name, roleId) => {
    expect(() => assertDeletableRole(roleId)).toThrow(PredefinedRoleNotDeletable);
  });

  it('refuses a predefined id written in capitals too', () => {
    expect(() => assertDeletableRole(PREDEFINED_ROLES[0].role_id.toUpperCase())).toThrow(PredefinedRoleNotDeletable);
  });

  it('answers 400 bad_request with words that say why', () => {
    expect(new PredefinedRoleNotDeletable()).toMatchObject({ status: 400, errorCode: 'bad_request', description: 'Predefined roles cannot be deleted; only custom roles can.' });
  });

  it('lets any other id through to the custom role decider', () => {
    expect(() => assertDeletableRole('0f7a4c52-3d4e-4b8e-9a51-7d2f0c1e6b90')).not.toThrow();
  });
});
