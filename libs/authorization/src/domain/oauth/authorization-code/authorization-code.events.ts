import type { DomainEvent } from '@app/platform';
import type { PkceMethod } from '../pkce/pkce-method';

/**
 * Never the code: only `code_hash` (lowercase hex SHA-256). The PKCE challenge is kept as sent: it
 * travelled in the authorize URL and is no secret (an S256 challenge reveals nothing of the verifier).
 * `scopes` are deduplicated and sorted; the challenge and its method are both null or both set.
 */
export type AuthorizationCodeIssued = DomainEvent<
  'AuthorizationCodeIssued',
  {
    grant_id: string;
    code_hash: string;
    client_id: string;
    account_id: string;
    organization_id: string;
    session_id: string;
    redirect_uri: string;
    scopes: string[];
    code_challenge: string | null;
    code_challenge_method: PkceMethod | null;
    issued_at: string;
    expires_at: string;
  }
>;

/** The code was exchanged; the tokens issued for it are named so that a reuse can revoke them. */
export type AuthorizationCodeRedeemed = DomainEvent<
  'AuthorizationCodeRedeemed',
  {
    grant_id: string;
    client_id: string;
    account_id: string;
    organization_id: string;
    access_token_id: string;
    refresh_family_id: string | null;
    redeemed_at: string;
  }
>;

/**
 * The redeemed code was presented again by its client (RFC 6749 section 10.5): the token request
 * is refused, and the tokens issued from the code should be revoked. Recorded once per grant.
 */
export type AuthorizationCodeReused = DomainEvent<
  'AuthorizationCodeReused',
  {
    grant_id: string;
    client_id: string;
    account_id: string;
    organization_id: string;
    access_token_id: string;
    refresh_family_id: string | null;
    redeemed_at: string;
    detected_at: string;
  }
>;

export type AuthorizationCodeEvent = AuthorizationCodeIssued | AuthorizationCodeRedeemed | AuthorizationCodeReused;
