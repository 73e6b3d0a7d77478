import { findPredefinedRoleByName } from './predefined-roles';
import { scopesOfRoles } from './role-scopes';

describe('scopesOfRoles', () => {
  it('unites the scopes of all roles, once each, in canonical order', () => {
    expect(scopesOfRoles([{ scope: ['sessions--my:rw', 'accounts--my:ro'] }, { scope: ['accounts--my:ro', 'accounts--all:rc'] }])).toEqual([
      'accounts--all:rc',
      'accounts--my:ro',
      'sessions--my:rw',
    ]);
  });

  it('gives nothing for no roles', () => {
    expect(scopesOfRoles([])).toEqual([]);
  });

  it('adds nothing for a LiveChat role next to the Accounts role', () => {
    const member = findPredefinedRoleByName('Accounts', 'member')!;
    const agent = findPredefinedRoleByName('LiveChat', 'administrator')!;
    expect(scopesOfRoles([member, agent])).toEqual(scopesOfRoles([member]));
    expect(scopesOfRoles([member])).toHaveLength(8);
  });

  it("adds a custom role's scopes to the primary role's", () => {
    const member = findPredefinedRoleByName('Accounts', 'member')!;
    expect(scopesOfRoles([member, { scope: ['organization--my:rw'] }])).toContain('organization--my:rw');
  });
});
