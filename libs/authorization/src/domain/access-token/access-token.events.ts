import type { DomainEvent } from '@app/platform';
import type { RevocationReason } from './revocation-reason';

/**
 * Never the token: only `token_hash` (lowercase hex SHA-256), which is what a bearer check looks up.
 * `scopes` are deduplicated and in canonical (sorted) order; absent client or session is null.
 */
export type AccessTokenIssued = DomainEvent<
  'AccessTokenIssued',
  {
    token_id: string;
    token_hash: string;
    account_id: string;
    organization_id: string;
    client_id: string | null;
    session_id: string | null;
    scopes: string[];
    issued_at: string;
    expires_at: string;
  }
>;

/**
 * Carries the hash and the owner again so that every process can drop the token from its caches
 * straight from this event, without a lookup, and revocation bites on the very next request.
 */
export type AccessTokenRevoked = DomainEvent<
  'AccessTokenRevoked',
  {
    token_id: string;
    token_hash: string;
    account_id: string;
    organization_id: string;
    client_id: string | null;
    reason: RevocationReason;
    revoked_by: string;
    revoked_at: string;
  }
>;

export type AccessTokenEvent = AccessTokenIssued | AccessTokenRevoked;
