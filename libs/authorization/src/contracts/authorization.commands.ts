import { RequestCommand } from '@app/platform';

export interface IssuedAccessToken {
  /** Shown once, to the caller; only its hash is kept. */
  readonly accessToken: string;
  readonly tokenId: string;
  readonly expiresIn: number;
  readonly scopes: readonly string[];
}

export class IssueAccessTokenCommand extends RequestCommand<IssuedAccessToken> {
  constructor(
    readonly accountId: string,
    readonly organizationId: string,
    readonly scopes: readonly string[],
    readonly clientId: string | null = null,
    readonly sessionId: string | null = null,
  ) {
    super();
  }
}

export type CredentialRevocationReason = 'password_changed' | 'account_deleted' | 'role_deleted';

/** Revokes every access token and personal access token of an account (in one organization, or all). */
export class RevokeAccountCredentialsCommand extends RequestCommand<{ revoked: number }> {
  constructor(
    readonly accountId: string,
    readonly reason: CredentialRevocationReason,
    readonly organizationId?: string,
  ) {
    super();
  }
}
