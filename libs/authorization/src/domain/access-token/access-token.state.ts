import type { AccessTokenEvent } from './access-token.events';
import type { RevocationReason } from './revocation-reason';

export interface AccessTokenFacts {
  readonly tokenId: string;
  readonly tokenHash: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly clientId: string | null;
  readonly sessionId: string | null;
  readonly scopes: readonly string[];
  readonly issuedAt: string;
  readonly expiresAt: string;
}

export type AccessTokenState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'active' } & AccessTokenFacts)
  | ({ readonly status: 'revoked'; readonly revokedReason: RevocationReason; readonly revokedAt: string } & AccessTokenFacts);

export function initialState(): AccessTokenState {
  return { status: 'absent' };
}

export function evolve(state: AccessTokenState, event: AccessTokenEvent): AccessTokenState {
  switch (event.type) {
    case 'AccessTokenIssued': {
      const d = event.data;
      return {
        status: 'active',
        tokenId: d.token_id,
        tokenHash: d.token_hash,
        accountId: d.account_id,
        organizationId: d.organization_id,
        clientId: d.client_id,
        sessionId: d.session_id,
        scopes: d.scopes,
        issuedAt: d.issued_at,
        expiresAt: d.expires_at,
      };
    }
    case 'AccessTokenRevoked':
      // A revocation is final: only the first one counts.
      return state.status === 'active' ? { ...state, status: 'revoked', revokedReason: event.data.reason, revokedAt: event.data.revoked_at } : state;
  }
}
