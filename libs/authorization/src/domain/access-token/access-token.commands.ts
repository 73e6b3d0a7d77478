import type { RevocationReason } from './revocation-reason';

/**
 * The token itself never reaches the domain: it is generated and hashed outside, and only its
 * SHA-256 hash is recorded. Ids and times arrive here too.
 */
export interface IssueAccessToken {
  readonly kind: 'IssueAccessToken';
  readonly tokenId: string;
  /** Lowercase hex SHA-256 of the full token text (`<region>:<opaque>`). */
  readonly tokenHash: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly scopes: readonly string[];
  /** The OAuth client it was issued to; absent for tokens the service issues for itself. */
  readonly clientId?: string | null;
  /** The sign-in session it came from, so removing the session can revoke it. */
  readonly sessionId?: string | null;
  /** ISO 8601. */
  readonly issuedAt: string;
  /** ISO 8601, after issuedAt. */
  readonly expiresAt: string;
}

export interface RevokeAccessToken {
  readonly kind: 'RevokeAccessToken';
  readonly tokenId: string;
  readonly reason: RevocationReason;
  /** The account (or `system` for reactors) that caused it. */
  readonly revokedBy: string;
  readonly at: string;
}

export type AccessTokenCommand = IssueAccessToken | RevokeAccessToken;
