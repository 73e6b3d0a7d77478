import { ApiError } from '@app/platform';

/** The error codes of the token endpoint (RFC 6749 section 5.2), all in the API's error enum. */
export const OAUTH_ERROR_CODES = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export interface OAuthErrorOptions {
  /**
   * Why, in a word, for logs and tests; never sent. Several refusals share one code on the wire
   * (an expired, a reused and a foreign code are all `invalid_grant`), the reason tells them apart.
   */
  readonly reason?: string;
  /**
   * 400 unless the client tried to authenticate with HTTP Basic and failed: then `invalid_client`
   * is a 401 with a `WWW-Authenticate` header (RFC 6749 section 5.2).
   */
  readonly status?: 400 | 401;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal of the token endpoint, answered as `{error, error_description}` with the OAuth code. */
export class OAuthError extends ApiError {
  readonly reason: string;

  constructor(
    readonly oauthCode: OAuthErrorCode,
    description: string,
    options: OAuthErrorOptions = {},
  ) {
    super(options.status ?? 400, oauthCode, description, {}, options.headers ?? {});
    this.reason = options.reason ?? oauthCode;
  }
}
