import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';

/**
 * How the client presented itself: HTTP Basic (`basic`), `client_id`/`client_secret` in the body
 * (`body`), or not at all (`none`). A failed Basic authentication answers 401, the others 400.
 */
export interface ClientCredentials {
  readonly method: 'basic' | 'body' | 'none';
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/** A token request's parameters, read from JSON or form bodies alike; absent ones are undefined. */
export interface TokenRequest {
  readonly grantType?: string;
  readonly code?: string;
  readonly redirectUri?: string;
  readonly codeVerifier?: string;
  readonly refreshToken?: string;
  readonly client: ClientCredentials;
}

/** The token endpoint's answer (compat.md "Token endpoint"). */
export interface TokenResponse {
  access_token: string;
  account_id: string;
  expires_in: number;
  organization_id: string;
  refresh_token: string;
  scope: string;
  token_type: 'Bearer';
}

/** `POST /v2/token`: the authorization code and refresh token grants. Refusals are OAuthErrors. */
export class ExchangeTokenCommand extends RequestCommand<TokenResponse> {
  constructor(readonly request: TokenRequest) {
    super();
  }
}

/** `DELETE /v2/token`: revokes a live access token and the refresh token family it came from. */
export class RevokeTokenCommand extends RequestCommand<void> {
  constructor(readonly accessToken: string) {
    super();
  }
}

/** `GET /v2/info` (compat.md "Revoke and info"). */
export interface TokenInfo {
  access_token: string;
  account_id: string;
  client_id?: string;
  expires_in: number;
  organization_id: string;
  scope: string;
  token_type: 'Bearer';
}

export class GetTokenInfoQuery extends Query<TokenInfo> {
  constructor(readonly accessToken: string) {
    super();
  }
}
