import type { Product } from '../product';
import type { EncryptedPersonalData } from '../protected-values';
import type { AccountEvent } from './account.events';

/**
 * An account as the read model holds it, folded from its events (personal data still sealed).
 * The decider's AccountState keeps only what decisions need; time travel needs what was shown.
 */
export interface AccountHistoryState {
  readonly exists: boolean;
  readonly deleted: boolean;
  readonly accountId: string | null;
  readonly email: EncryptedPersonalData | null;
  readonly name: EncryptedPersonalData | null;
  readonly avatarUrl: EncryptedPersonalData | null;
  readonly emailVerified: boolean;
  readonly defaultProduct: Product | null;
  /** Organizations it belongs to with when it joined (the earliest is the default). */
  readonly organizations: ReadonlyArray<{ readonly organizationId: string; readonly joinedAt: string }>;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export function initialAccountHistory(): AccountHistoryState {
  return {
    exists: false,
    deleted: false,
    accountId: null,
    email: null,
    name: null,
    avatarUrl: null,
    emailVerified: false,
    defaultProduct: null,
    organizations: [],
    createdAt: null,
    updatedAt: null,
  };
}

export function evolveAccountHistory(state: AccountHistoryState, event: AccountEvent): AccountHistoryState {
  switch (event.type) {
    case 'AccountCreated': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        accountId: d.account_id,
        email: d.email,
        name: d.name,
        avatarUrl: d.avatar_url,
        emailVerified: d.email_verified,
        defaultProduct: d.default_product,
        organizations: [{ organizationId: d.organization_id, joinedAt: d.created_at }],
        createdAt: d.created_at,
        updatedAt: d.created_at,
      };
    }
    case 'AccountJoinedOrganization':
      return state.organizations.some((o) => o.organizationId === event.data.organization_id)
        ? state
        : { ...state, organizations: [...state.organizations, { organizationId: event.data.organization_id, joinedAt: event.data.joined_at }] };
    case 'AccountLeftOrganization':
      return { ...state, organizations: state.organizations.filter((o) => o.organizationId !== event.data.organization_id) };
    case 'AccountUpdated': {
      const { changes, updated_at } = event.data;
      return {
        ...state,
        name: changes.name !== undefined ? changes.name : state.name,
        avatarUrl: changes.avatar_url !== undefined ? changes.avatar_url : state.avatarUrl,
        defaultProduct: changes.default_product ?? state.defaultProduct,
        updatedAt: updated_at,
      };
    }
    case 'AccountDeleted':
      return { ...state, deleted: true, organizations: [] };
    default:
      // The password and unknown (newer) event types change nothing the API shows.
      return state;
  }
}

/** The default organization: the earliest joined it still belongs to, as the read model picks it. */
export function defaultOrganizationOf(state: AccountHistoryState): string | null {
  const sorted = [...state.organizations].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.organizationId.localeCompare(b.organizationId));
  return sorted[0]?.organizationId ?? null;
}
