import { Set as PersistentSet } from 'immutable';
import { ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT } from '../../access-token/access-token.limit';
import type { RefreshFamilyRevocationReason } from './refresh-family-revocation-reason';
import type { RefreshTokenEvent } from './refresh-token.events';

export interface RefreshFamilyFacts {
  readonly familyId: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly sessionId: string | null;
  readonly scopes: readonly string[];
  readonly rotates: boolean;
  /** The hash of the one token that works now. */
  readonly currentHash: string;
  /**
   * Hashes rotated away: presenting one again is a reuse. A persistent set: a family rotates at
   * every use for as long as it lives, and a copied array made each rotation cost all the earlier
   * ones (and a fold of the stream quadratic in them).
   */
  readonly retiredHashes: PersistentSet<string>;
  /** The most recent access tokens issued by the family, oldest first, at most 25. */
  readonly accessTokenIds: readonly string[];
  readonly issuedAt: string;
  readonly lastUsedAt: string | null;
}

export type RefreshTokenState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'active' } & RefreshFamilyFacts)
  | ({ readonly status: 'revoked'; readonly revokedReason: RefreshFamilyRevocationReason; readonly revokedAt: string } & RefreshFamilyFacts);

export function initialState(): RefreshTokenState {
  return { status: 'absent' };
}

function recent(ids: readonly string[], id: string): string[] {
  return [...ids, id].slice(-ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT);
}

export function evolve(state: RefreshTokenState, event: RefreshTokenEvent): RefreshTokenState {
  switch (event.type) {
    case 'RefreshTokenIssued': {
      const d = event.data;
      return {
        status: 'active',
        familyId: d.family_id,
        clientId: d.client_id,
        accountId: d.account_id,
        organizationId: d.organization_id,
        sessionId: d.session_id,
        scopes: d.scopes,
        rotates: d.rotates,
        currentHash: d.token_hash,
        retiredHashes: PersistentSet(),
        accessTokenIds: [d.access_token_id],
        issuedAt: d.issued_at,
        lastUsedAt: null,
      };
    }
    case 'RefreshTokenUsed':
      return state.status === 'active' ? { ...state, accessTokenIds: recent(state.accessTokenIds, event.data.access_token_id), lastUsedAt: event.data.used_at } : state;
    case 'RefreshTokenRotated':
      return state.status === 'active' ? { ...state, currentHash: event.data.token_hash, retiredHashes: state.retiredHashes.add(event.data.previous_token_hash) } : state;
    case 'RefreshTokenReuseDetected':
      return state;
    case 'RefreshTokenFamilyRevoked':
      // A revocation is final: only the first one counts.
      return state.status === 'active' ? { ...state, status: 'revoked', revokedReason: event.data.reason, revokedAt: event.data.revoked_at } : state;
  }
}
