import type { EncryptedPersonalData } from '../protected-values';
import type { AccountEvent } from './account.events';

/** Only what decisions need; the read model keeps the rest (name, avatar, product...). */
export interface AccountState {
  readonly exists: boolean;
  /** Deleted accounts keep existing in the log; every command but create answers "not found". */
  readonly deleted: boolean;
  /** Sealed; opaque here. */
  readonly email: EncryptedPersonalData | null;
  readonly emailHash: string | null;
  readonly passwordSet: boolean;
  /** In the order joined: the first is the default organization. */
  readonly organizationIds: readonly string[];
  readonly updatedAt: string | null;
}

export function initialAccountState(): AccountState {
  return { exists: false, deleted: false, email: null, emailHash: null, passwordSet: false, organizationIds: [], updatedAt: null };
}

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountCreated':
      return {
        ...state,
        exists: true,
        email: event.data.email,
        emailHash: event.data.email_hash,
        organizationIds: [event.data.organization_id],
        updatedAt: event.data.created_at,
      };
    case 'AccountPasswordSet':
      return { ...state, passwordSet: true, updatedAt: event.data.set_at };
    case 'AccountJoinedOrganization':
      return state.organizationIds.includes(event.data.organization_id)
        ? state
        : { ...state, organizationIds: [...state.organizationIds, event.data.organization_id], updatedAt: event.data.joined_at };
    case 'AccountLeftOrganization':
      return { ...state, organizationIds: state.organizationIds.filter((id) => id !== event.data.organization_id), updatedAt: event.data.left_at };
    case 'AccountUpdated':
      return { ...state, updatedAt: event.data.updated_at };
    case 'AccountDeleted':
      return { ...state, deleted: true, updatedAt: event.data.deleted_at };
    default:
      // An event type this code does not know (written by a newer version): it changes nothing here.
      return state;
  }
}
