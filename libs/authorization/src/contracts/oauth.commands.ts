import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';

/** Revokes every access token and refresh token family issued in a session (the session was removed). */
export class RevokeSessionCredentialsCommand extends RequestCommand<{ revoked: number }> {
  constructor(readonly sessionId: string) {
    super();
  }
}

export interface AuthorizationCodeRequest {
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly sessionId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'plain' | 'S256';
}

/** Issues a single-use authorization code (`<region>:<opaque>`, shown once) for the code grant. */
export class IssueAuthorizationCodeCommand extends RequestCommand<{ code: string; expiresIn: number }> {
  constructor(readonly request: AuthorizationCodeRequest) {
    super();
  }
}

export interface OAuthClientRecord {
  readonly clientId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly kind: 'confidential' | 'public';
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  /** SHA-256 of the secret, for confidential clients. */
  readonly secretHash: string | null;
}

export class GetOAuthClientQuery extends Query<OAuthClientRecord | null> {
  constructor(readonly clientId: string) {
    super();
  }
}

/** Whether the authorize endpoint may send the account to the client with one more grant now. */
export class RedirectAllowedQuery extends Query<boolean> {
  constructor(
    readonly clientId: string,
    readonly accountId: string,
  ) {
    super();
  }
}

/** An OAuth client holding live tokens (access or refresh) issued in a session. */
export interface SessionApplication {
  readonly sessionId: string;
  readonly clientId: string;
  readonly name: string;
}

/** The applications of each of the given sessions (none for a session without client tokens). */
export class ApplicationsOfSessionsQuery extends Query<SessionApplication[]> {
  constructor(readonly sessionIds: readonly string[]) {
    super();
  }
}
