import { ApiError, fold } from '@app/platform';
import { given } from '@app/platform/testing';
import { PREDEFINED_ROLE_IDS } from '../roles/predefined-roles';
import type { CreateCustomRole, DeleteCustomRole } from './custom-role.commands';
import { customRoleDecider } from './custom-role.decide';
import { CustomRoleAlreadyExists, CustomRoleNotFound, InvalidCustomRole } from './custom-role.errors';
import type { CustomRoleCreated, CustomRoleDeleted, CustomRoleEvent } from './custom-role.events';
import { customRoleView } from './custom-role.state';

const roleId = '0f7a4c52-3d4e-4b8e-9a51-7d2f0c1e6b90';
const org = 'b8f1c9a6-0d8e-4a55-8c3e-5c9b0e0f2a11';
const otherOrg = 'e3c7a2d4-61b5-4f0a-9d2e-8a4b6c1f3e77';
const at = '2026-02-03T10:00:00.000Z';
const later = '2026-02-04T09:30:00.000Z';

const create = (overrides: Partial<CreateCustomRole> = {}): CreateCustomRole => ({
  kind: 'CreateCustomRole',
  roleId,
  organizationId: org,
  role: 'Support lead',
  product: 'Accounts',
  scopes: ['sessions--my:ro', 'accounts--all:ro', 'accounts--my:ro'],
  createdBy: 'ann',
  at,
  ...overrides,
});
const remove = (overrides: Partial<DeleteCustomRole> = {}): DeleteCustomRole => ({
  kind: 'DeleteCustomRole',
  roleId,
  organizationId: org,
  deletedBy: 'bob',
  at: later,
  ...overrides,
});

const created: CustomRoleCreated = {
  type: 'CustomRoleCreated',
  data: {
    role_id: roleId,
    organization_id: org,
    role: 'Support lead',
    product: 'Accounts',
    scopes: ['accounts--all:ro', 'accounts--my:ro', 'sessions--my:ro'],
    created_by: 'ann',
    created_at: at,
  },
};
const deleted: CustomRoleDeleted = { type: 'CustomRoleDeleted', data: { role_id: roleId, organization_id: org, deleted_by: 'bob', deleted_at: later } };

function problemsOf(command: CreateCustomRole): Record<string, string> {
  try {
    customRoleDecider.decide(command, customRoleDecider.initialState());
  } catch (error) {
    if (error instanceof InvalidCustomRole) return { ...error.invalidFields };
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('custom role decider', () => {
  describe('CreateCustomRole', () => {
    it('creates the role with its scopes deduplicated and in canonical order', () => {
      given(customRoleDecider, [])
        .when(create({ scopes: ['sessions--my:ro', 'accounts--all:ro', 'accounts--my:ro', 'sessions--my:ro'] }))
        .then([created]);
    });

    it('creates a LiveChat custom role', () => {
      given(customRoleDecider, [])
        .when(create({ product: 'LiveChat', scopes: ['accounts--my:ro'] }))
        .then([{ ...created, data: { ...created.data, product: 'LiveChat', scopes: ['accounts--my:ro'] } }]);
    });

    it('refuses to create it twice, and to reuse the id of a deleted role', () => {
      given(customRoleDecider, [created]).when(create()).thenThrows(CustomRoleAlreadyExists);
      given(customRoleDecider, [created, deleted]).when(create()).thenThrows(CustomRoleAlreadyExists);
    });

    it("refuses a predefined role's id", () => {
      given(customRoleDecider, []).when(create({ roleId: PREDEFINED_ROLE_IDS.accountsOwner })).thenThrows(CustomRoleAlreadyExists);
    });

    it.each<[string, Partial<CreateCustomRole>, Record<string, string>]>([
      ['no scopes', { scopes: [] }, { scope: 'must list at least one scope' }],
      ['an unknown scope', { scopes: ['accounts--my:ro', 'chats--all:rw'] }, { scope: 'unknown scope: chats--all:rw' }],
      ['a scope list given as one text', { scopes: ['accounts--my:ro,sessions--my:ro'] }, { scope: 'unknown scope: accounts--my:ro,sessions--my:ro' }],
      ['an empty name', { role: '' }, { role: 'must not be empty' }],
      ['a blank name', { role: '   ' }, { role: 'must not be empty' }],
      ['a name of 65 characters', { role: 'r'.repeat(65) }, { role: 'must be at most 64 characters' }],
      ["a predefined role's name", { role: 'Owner' }, { role: 'is reserved for a predefined role' }],
      ["a LiveChat predefined role's name", { role: ' normal ' }, { role: 'is reserved for a predefined role' }],
      ['an unknown product', { product: 'HelpDesk' }, { product: 'must be one of: Accounts, LiveChat' }],
      ['a product in the wrong case', { product: 'accounts' }, { product: 'must be one of: Accounts, LiveChat' }],
      [
        'several problems at once',
        { role: '', product: 'x', scopes: [] },
        { role: 'must not be empty', product: 'must be one of: Accounts, LiveChat', scope: 'must list at least one scope' },
      ],
    ])('refuses %s, naming the field', (_case, overrides, invalidFields) => {
      expect(problemsOf(create(overrides))).toEqual(invalidFields);
    });

    it('answers an invalid role as a 422 invalid_request', () => {
      given(customRoleDecider, []).when(create({ scopes: [] })).thenThrows(InvalidCustomRole);
      expect(new InvalidCustomRole({ scope: 'x' })).toMatchObject({ status: 422, errorCode: 'invalid_request', extras: { invalid_fields: { scope: 'x' } } });
    });

    it('accepts a name of exactly 64 characters', () => {
      const role = 'r'.repeat(64);
      given(customRoleDecider, []).when(create({ role })).then([{ ...created, data: { ...created.data, role } }]);
    });
  });

  describe('DeleteCustomRole', () => {
    it('deletes a role of the caller’s organization', () => {
      given(customRoleDecider, [created]).when(remove()).then([deleted]);
    });

    it.each<[string, CustomRoleEvent[], Partial<DeleteCustomRole>]>([
      ['a role that never existed', [], {}],
      ['a role already deleted', [created, deleted], {}],
      ["another organization's role", [created], { organizationId: otherOrg }],
    ])('answers not found for %s', (_case, history, overrides) => {
      given(customRoleDecider, history).when(remove(overrides)).thenThrows(CustomRoleNotFound);
    });

    it("names the role in the 404, the same for another organization's role as for a missing one", () => {
      const fromOtherOrg = thrown(() => customRoleDecider.decide(remove({ organizationId: otherOrg }), fold(customRoleDecider, [created])));
      const missing = thrown(() => customRoleDecider.decide(remove(), customRoleDecider.initialState()));
      expect(fromOtherOrg).toBeInstanceOf(ApiError);
      expect(fromOtherOrg).toMatchObject({ status: 404, errorCode: 'resource_not_found', extras: { resource_name: 'role', resource_id: roleId } });
      expect(fromOtherOrg).toEqual(missing);
      expect((fromOtherOrg as Error).message).toBe((missing as Error).message);
    });
  });

  describe('state', () => {
    it('shows an active role as a custom, non-predefined role, and nothing once deleted', () => {
      expect(customRoleView(fold(customRoleDecider, [created]))).toEqual({
        role_id: roleId,
        product: 'Accounts',
        role: 'Support lead',
        type: 'custom',
        predefined: false,
        scope: ['accounts--all:ro', 'accounts--my:ro', 'sessions--my:ro'],
      });
      expect(customRoleView(fold(customRoleDecider, [created, deleted]))).toBeUndefined();
      expect(customRoleView(fold(customRoleDecider, []))).toBeUndefined();
    });

    it('ignores a deletion of a role it never saw', () => {
      expect(fold(customRoleDecider, [deleted])).toEqual({ status: 'absent' });
    });
  });
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
