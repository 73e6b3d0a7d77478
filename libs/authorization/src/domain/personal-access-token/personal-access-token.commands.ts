import type { PatRevocationReason } from './pat-revocation-reason';

/**
 * The PAT itself never reaches the domain: it is generated and shown once outside, and only its
 * SHA-256 hash is recorded.
 */
export interface CreatePersonalAccessToken {
  readonly kind: 'CreatePersonalAccessToken';
  readonly patId: string;
  /** Lowercase hex SHA-256 of the PAT. */
  readonly tokenHash: string;
  /** The account that makes it and that it will always act as. */
  readonly accountId: string;
  readonly organizationId: string;
  /** A label for the owner, 1 to 128 characters. */
  readonly name: string;
  readonly scopes: readonly string[];
  /**
   * The scopes of the credential making the request, as the caller's roles and token allow now.
   * A PAT may carry only scopes these grant: it must never let its maker do more than they can.
   */
  readonly callerScopes: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
}

export interface RevokePersonalAccessToken {
  readonly kind: 'RevokePersonalAccessToken';
  readonly patId: string;
  /** Must be the PAT's owner: anyone else is told it does not exist. */
  readonly accountId: string;
  readonly reason: PatRevocationReason;
  readonly at: string;
}

export type PersonalAccessTokenCommand = CreatePersonalAccessToken | RevokePersonalAccessToken;
