import type { DomainEvent } from '@app/platform';
import type { RefreshFamilyRevocationReason } from './refresh-family-revocation-reason';

/** Never a token: only hashes (lowercase hex SHA-256). `scopes` deduplicated and sorted. */
export type RefreshTokenIssued = DomainEvent<
  'RefreshTokenIssued',
  {
    family_id: string;
    token_hash: string;
    client_id: string;
    account_id: string;
    organization_id: string;
    session_id: string | null;
    scopes: string[];
    rotates: boolean;
    access_token_id: string;
    issued_at: string;
  }
>;

/** The current token of the family was exchanged for the access token `access_token_id`. */
export type RefreshTokenUsed = DomainEvent<
  'RefreshTokenUsed',
  { family_id: string; token_hash: string; client_id: string; account_id: string; organization_id: string; access_token_id: string; used_at: string }
>;

/** Rotating families only, right after RefreshTokenUsed: `previous_token_hash` is retired for good. */
export type RefreshTokenRotated = DomainEvent<'RefreshTokenRotated', { family_id: string; previous_token_hash: string; token_hash: string; rotated_at: string }>;

/** A retired token was presented: someone else holds a copy. Always followed by RefreshTokenFamilyRevoked. */
export type RefreshTokenReuseDetected = DomainEvent<
  'RefreshTokenReuseDetected',
  { family_id: string; token_hash: string; client_id: string; account_id: string; organization_id: string; detected_at: string }
>;

/**
 * The family's current token stops working. Carries the hash and the owner for caches, and the ids
 * of the access tokens the family issued that may still be live (the most recent 25: older ones
 * were revoked by the per-client limit) so a reactor can revoke them as well.
 */
export type RefreshTokenFamilyRevoked = DomainEvent<
  'RefreshTokenFamilyRevoked',
  {
    family_id: string;
    token_hash: string;
    client_id: string;
    account_id: string;
    organization_id: string;
    access_token_ids: string[];
    reason: RefreshFamilyRevocationReason;
    revoked_by: string;
    revoked_at: string;
  }
>;

export type RefreshTokenEvent = RefreshTokenIssued | RefreshTokenUsed | RefreshTokenRotated | RefreshTokenReuseDetected | RefreshTokenFamilyRevoked;
