import type { RefreshFamilyRevocationReason } from './refresh-family-revocation-reason';

/** Starts a family, issued together with an access token. Tokens reach the domain only as hashes. */
export interface IssueRefreshToken {
  readonly kind: 'IssueRefreshToken';
  readonly familyId: string;
  /** Lowercase hex SHA-256 of the refresh token text. */
  readonly tokenHash: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly sessionId: string | null;
  readonly scopes: readonly string[];
  /** refreshTokensRotate(client kind): true for public clients. */
  readonly rotates: boolean;
  /** The access token issued along with it. */
  readonly accessTokenId: string;
  readonly at: string;
}

/** `grant_type=refresh_token`, after the application authenticated the client. */
export interface UseRefreshToken {
  readonly kind: 'UseRefreshToken';
  readonly familyId: string;
  /** SHA-256 hex of the token presented. */
  readonly tokenHash: string;
  readonly clientId: string;
  /** The hash of the token that replaces it: required for a rotating family, absent otherwise. */
  readonly newTokenHash?: string | null;
  /** The access token this refresh issues. */
  readonly accessTokenId: string;
  readonly at: string;
}

export interface RevokeRefreshFamily {
  readonly kind: 'RevokeRefreshFamily';
  readonly familyId: string;
  readonly reason: RefreshFamilyRevocationReason;
  /** The account (or `system` for reactors) that caused it. */
  readonly revokedBy: string;
  readonly at: string;
}

export type RefreshTokenCommand = IssueRefreshToken | UseRefreshToken | RevokeRefreshFamily;
