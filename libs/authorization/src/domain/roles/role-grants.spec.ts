import { ForbiddenError } from '@app/platform';
import { findPredefinedRoleByName } from './predefined-roles';
import { assertCanGrantRoles } from './role-grants';

const role = (name: string) => findPredefinedRoleByName('Accounts', name)!;

describe('assertCanGrantRoles', () => {
  it('lets the owner give any Accounts role', () => {
    expect(() => assertCanGrantRoles([role('owner'), role('administrator'), role('member')], role('owner').scope)).not.toThrow();
  });

  it('lets an administrator give administrator, viceowner and member but not owner', () => {
    const admin = role('administrator').scope;
    expect(() => assertCanGrantRoles([role('viceowner'), role('administrator'), role('member')], admin)).not.toThrow();
    expect(() => assertCanGrantRoles([role('owner')], admin)).toThrow(ForbiddenError);
    expect(() => assertCanGrantRoles([role('owner')], admin)).toThrow(/organization--my:rw/);
  });

  it('lets a credential that may only create accounts and assign roles make an account a member, not an administrator', () => {
    const narrow = ['accounts--all:rc', 'accounts.roles--all:rw'];
    expect(() => assertCanGrantRoles([role('member')], narrow)).not.toThrow();
    expect(() => assertCanGrantRoles([role('administrator')], narrow)).toThrow(/accounts--all:rw/);
  });

  it('refuses a custom role carrying a scope the grantor lacks', () => {
    const custom = { role: 'support', product: 'LiveChat' as const, scope: ['accounts--all:rw'] };
    expect(() => assertCanGrantRoles([custom], role('member').scope)).toThrow(ForbiddenError);
  });
});
