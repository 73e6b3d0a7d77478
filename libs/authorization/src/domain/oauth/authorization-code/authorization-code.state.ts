import type { PkceMethod } from '../pkce/pkce-method';
import type { AuthorizationCodeEvent } from './authorization-code.events';

export interface AuthorizationCodeFacts {
  readonly grantId: string;
  readonly codeHash: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly sessionId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: PkceMethod | null;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

export interface AuthorizationCodeRedemption {
  readonly redeemedAt: string;
  readonly accessTokenId: string;
  readonly refreshFamilyId: string | null;
  /** When the first reuse was detected; null while none was. */
  readonly reuseDetectedAt: string | null;
}

export type AuthorizationCodeState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'issued' } & AuthorizationCodeFacts)
  | ({ readonly status: 'redeemed' } & AuthorizationCodeFacts & AuthorizationCodeRedemption);

export function initialState(): AuthorizationCodeState {
  return { status: 'absent' };
}

export function evolve(state: AuthorizationCodeState, event: AuthorizationCodeEvent): AuthorizationCodeState {
  switch (event.type) {
    case 'AuthorizationCodeIssued': {
      const d = event.data;
      return {
        status: 'issued',
        grantId: d.grant_id,
        codeHash: d.code_hash,
        clientId: d.client_id,
        accountId: d.account_id,
        organizationId: d.organization_id,
        sessionId: d.session_id,
        redirectUri: d.redirect_uri,
        scopes: d.scopes,
        codeChallenge: d.code_challenge,
        codeChallengeMethod: d.code_challenge_method,
        issuedAt: d.issued_at,
        expiresAt: d.expires_at,
      };
    }
    case 'AuthorizationCodeRedeemed':
      if (state.status !== 'issued') return state;
      return {
        ...state,
        status: 'redeemed',
        redeemedAt: event.data.redeemed_at,
        accessTokenId: event.data.access_token_id,
        refreshFamilyId: event.data.refresh_family_id,
        reuseDetectedAt: null,
      };
    case 'AuthorizationCodeReused':
      return state.status === 'redeemed' && state.reuseDetectedAt === null ? { ...state, reuseDetectedAt: event.data.detected_at } : state;
  }
}
