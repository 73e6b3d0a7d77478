import { isKnownScope } from '../scopes/known-scopes';
import { grants } from '../scopes/scope-grants';
import { findPredefinedRole, findPredefinedRoleByName, isPredefinedRoleId, PREDEFINED_ROLE_IDS, PREDEFINED_ROLES } from './predefined-roles';

const MEMBER = [
  'accounts--my:ro',
  'accounts--my:rw',
  'accounts--all:ro',
  'accounts--all:rc',
  'accounts.roles--all:ro',
  'accounts.password--my:rw',
  'sessions--my:ro',
  'sessions--my:rw',
];
const ADMINISTRATOR = [...MEMBER, 'accounts--all:rw', 'accounts.roles--all:rw'];
const OWNER = [...ADMINISTRATOR, 'organization--my:rw'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('PREDEFINED_ROLES', () => {
  it.each<[string, string, string, string[]]>([
    ['Accounts', 'owner', 'primary', OWNER],
    ['Accounts', 'viceowner', 'primary', ADMINISTRATOR],
    ['Accounts', 'administrator', 'primary', ADMINISTRATOR],
    ['Accounts', 'member', 'primary', MEMBER],
    ['LiveChat', 'administrator', 'secondary', []],
    ['LiveChat', 'normal', 'secondary', []],
  ])('has %s %s, type %s, with its scopes', (product, name, type, scopes) => {
    const role = findPredefinedRoleByName(product, name);
    expect(role).toMatchObject({ product, role: name, type, predefined: true });
    expect([...role!.scope].sort()).toEqual([...scopes].sort());
  });

  it('has exactly those six roles', () => {
    expect(PREDEFINED_ROLES.map((r) => `${r.product}/${r.role}`)).toEqual([
      'Accounts/owner',
      'Accounts/viceowner',
      'Accounts/administrator',
      'Accounts/member',
      'LiveChat/administrator',
      'LiveChat/normal',
    ]);
  });

  it('gives each role its own fixed lowercase UUID', () => {
    const ids = PREDEFINED_ROLES.map((r) => r.role_id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findPredefinedRoleByName('Accounts', 'owner')!.role_id).toBe('6c0cb32a-530a-4eb1-9cce-dfecac046384');
    expect(Object.values(PREDEFINED_ROLE_IDS).sort()).toEqual([...ids].sort());
  });

  it('uses known scopes only, each once per role', () => {
    for (const role of PREDEFINED_ROLES) {
      expect(role.scope.every(isKnownScope)).toBe(true);
      expect(new Set(role.scope).size).toBe(role.scope.length);
    }
  });

  it('orders the Accounts roles so that each has every scope of the one below it', () => {
    const [owner, viceowner, administrator, member] = ['owner', 'viceowner', 'administrator', 'member'].map((n) => findPredefinedRoleByName('Accounts', n)!);
    for (const [higher, lower] of [
      [owner, viceowner],
      [viceowner, administrator],
      [administrator, member],
    ]) {
      for (const scope of lower.scope) expect(grants(higher.scope, scope)).toBe(true);
    }
    expect(grants(administrator.scope, 'organization--my:rw')).toBe(false);
    expect(grants(member.scope, 'accounts--all:rw')).toBe(false);
  });

  it('cannot be changed by a caller', () => {
    const role = PREDEFINED_ROLES[3];
    expect(() => (role.scope as string[]).push('organization--my:rw')).toThrow(TypeError);
    expect(() => ((role as { role: string }).role = 'owner')).toThrow(TypeError);
    expect(() => (PREDEFINED_ROLES as unknown as unknown[]).pop()).toThrow(TypeError);
    expect(findPredefinedRoleByName('Accounts', 'member')!.scope).toEqual(MEMBER);
  });
});

describe('findPredefinedRole', () => {
  it('finds a role by id, in any letter case', () => {
    expect(findPredefinedRole(PREDEFINED_ROLE_IDS.accountsMember)).toMatchObject({ product: 'Accounts', role: 'member' });
    expect(findPredefinedRole(PREDEFINED_ROLE_IDS.liveChatNormal.toUpperCase())).toMatchObject({ product: 'LiveChat', role: 'normal' });
  });

  it.each([['00000000-0000-4000-8000-000000000000'], [''], ['owner']])('finds nothing for %j', (id) => {
    expect(findPredefinedRole(id)).toBeUndefined();
    expect(isPredefinedRoleId(id)).toBe(false);
  });

  it('says which ids are predefined', () => {
    expect(isPredefinedRoleId(PREDEFINED_ROLE_IDS.accountsOwner)).toBe(true);
  });
});

describe('findPredefinedRoleByName', () => {
  it('tells the two administrators apart by product', () => {
    expect(findPredefinedRoleByName('Accounts', 'administrator')!.role_id).toBe(PREDEFINED_ROLE_IDS.accountsAdministrator);
    expect(findPredefinedRoleByName('LiveChat', 'administrator')!.role_id).toBe(PREDEFINED_ROLE_IDS.liveChatAdministrator);
  });

  it.each([
    ['LiveChat', 'owner'],
    ['Accounts', 'normal'],
    ['accounts', 'owner'],
    ['Accounts', 'Owner'],
    ['HelpDesk', 'administrator'],
  ])('finds nothing for %s %s', (product, name) => {
    expect(findPredefinedRoleByName(product, name)).toBeUndefined();
  });
});
