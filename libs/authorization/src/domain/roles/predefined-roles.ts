import type { KnownScope } from '../scopes/known-scopes';
import type { Product } from './product';
import type { RoleView } from './role-view';

/**
 * Predefined roles are the same in every organization, so their ids are constants: accounts, tokens
 * and events refer to them by id, and those ids must never change across installs or releases.
 */
export const PREDEFINED_ROLE_IDS = {
  accountsOwner: '6c0cb32a-530a-4eb1-9cce-dfecac046384',
  accountsViceowner: 'ff25b868-a544-4dac-9bce-83e352eb581f',
  accountsAdministrator: 'd3848cf6-24e3-452b-9a4a-8dac295d079c',
  accountsMember: '36da9605-45ee-4de2-8484-875a3ffbe659',
  liveChatAdministrator: 'e58f9ce6-5f37-4984-9364-435b08a8bb41',
  liveChatNormal: 'c5109119-eb60-4e14-abb2-454788973016',
} as const;

// Scopes per Accounts role from compat.md "Minimum Accounts role for each scope": each role has
// everything of the role below it.
const MEMBER_SCOPES: readonly KnownScope[] = [
  'accounts--my:ro',
  'accounts--my:rw',
  'accounts--all:ro',
  'accounts--all:rc',
  'accounts.roles--all:ro',
  'accounts.password--my:rw',
  'sessions--my:ro',
  'sessions--my:rw',
];
const ADMINISTRATOR_SCOPES: readonly KnownScope[] = [...MEMBER_SCOPES, 'accounts--all:rw', 'accounts.roles--all:rw'];
const OWNER_SCOPES: readonly KnownScope[] = [...ADMINISTRATOR_SCOPES, 'organization--my:rw'];

// LiveChat roles grant no Accounts scopes: what an account may do in the Accounts API follows from
// its Accounts (primary) role alone, which every account has. Giving LiveChat roles scopes here
// would let a product role widen Accounts permissions behind the primary role's back.
const NO_SCOPES: readonly KnownScope[] = [];

function role(role_id: string, product: Product, name: string, scope: readonly KnownScope[]): RoleView {
  return Object.freeze({
    role_id,
    product,
    role: name,
    type: product === 'Accounts' ? 'primary' : 'secondary',
    predefined: true,
    scope: Object.freeze([...scope]),
  });
}

/** Every predefined role, Accounts first, highest first. Frozen: shared by every request. */
export const PREDEFINED_ROLES: readonly RoleView[] = Object.freeze([
  role(PREDEFINED_ROLE_IDS.accountsOwner, 'Accounts', 'owner', OWNER_SCOPES),
  role(PREDEFINED_ROLE_IDS.accountsViceowner, 'Accounts', 'viceowner', ADMINISTRATOR_SCOPES),
  role(PREDEFINED_ROLE_IDS.accountsAdministrator, 'Accounts', 'administrator', ADMINISTRATOR_SCOPES),
  role(PREDEFINED_ROLE_IDS.accountsMember, 'Accounts', 'member', MEMBER_SCOPES),
  role(PREDEFINED_ROLE_IDS.liveChatAdministrator, 'LiveChat', 'administrator', NO_SCOPES),
  role(PREDEFINED_ROLE_IDS.liveChatNormal, 'LiveChat', 'normal', NO_SCOPES),
]);

const BY_ID = new Map(PREDEFINED_ROLES.map((r) => [r.role_id, r]));

export function findPredefinedRole(roleId: string): RoleView | undefined {
  return BY_ID.get(roleId.toLowerCase());
}

export function isPredefinedRoleId(roleId: string): boolean {
  return findPredefinedRole(roleId) !== undefined;
}

/** Role names are unique per product only: `administrator` exists for Accounts and for LiveChat. */
export function findPredefinedRoleByName(product: string, roleName: string): RoleView | undefined {
  return PREDEFINED_ROLES.find((r) => r.product === product && r.role === roleName);
}
