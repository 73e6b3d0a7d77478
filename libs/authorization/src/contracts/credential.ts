/** Who is calling, with what, and what it may do: the result of checking a request's credentials. */
export interface Credential {
  readonly accountId: string;
  readonly organizationId: string;
  /** Granted scopes, fixed when the token or PAT was made. */
  readonly scopes: readonly string[];
  readonly kind: 'access_token' | 'personal_access_token';
  /** The access token's or PAT's own id (never the secret). */
  readonly credentialId: string;
  readonly clientId?: string;
  readonly sessionId?: string;
  /** When an access token expires (ISO 8601); PATs do not. */
  readonly expiresAt?: string;
}
