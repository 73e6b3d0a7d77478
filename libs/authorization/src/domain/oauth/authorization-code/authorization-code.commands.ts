import type { PkceMethod } from '../pkce/pkce-method';

/**
 * Issued when the account authorizes a `response_type=code` request. The code itself is generated
 * and hashed outside; only its hash reaches the domain and the log.
 */
export interface IssueAuthorizationCode {
  readonly kind: 'IssueAuthorizationCode';
  readonly grantId: string;
  /** Lowercase hex SHA-256 of the full code text (`<region>:<opaque>`). */
  readonly codeHash: string;
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  /** The sign-in session that authorized it. */
  readonly sessionId: string;
  /** Exactly as the authorize request sent it: the token request must repeat it verbatim. */
  readonly redirectUri: string;
  /** The granted scopes (authorizeDecision's grantedScopes). */
  readonly scopes: readonly string[];
  readonly codeChallenge?: string | null;
  /** Defaults to `plain` when a challenge is given; must be absent without one. */
  readonly codeChallengeMethod?: PkceMethod | null;
  /** ISO 8601. */
  readonly issuedAt: string;
  /** ISO 8601, after issuedAt and at most AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS later. */
  readonly expiresAt: string;
}

/**
 * A token request with `grant_type=authorization_code`, after the client was authenticated (secret
 * of a confidential client) by the application. The ids of the tokens the redemption will issue
 * are chosen beforehand, so that a later reuse can name exactly what to revoke.
 */
export interface RedeemAuthorizationCode {
  readonly kind: 'RedeemAuthorizationCode';
  readonly grantId: string;
  /** SHA-256 hex of the code presented: must be the issued code's. */
  readonly codeHash: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Only whether one was sent matters here; it is never recorded. */
  readonly codeVerifier?: string | null;
  /** verifyPkce's answer for the stored challenge and the verifier sent; ignored without a challenge. */
  readonly pkceOk: boolean;
  readonly accessTokenId: string;
  /** Null when no refresh token is issued with the access token. */
  readonly refreshFamilyId: string | null;
  readonly at: string;
}

export type AuthorizationCodeCommand = IssueAuthorizationCode | RedeemAuthorizationCode;
