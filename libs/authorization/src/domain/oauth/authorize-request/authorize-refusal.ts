/**
 * How the authorize endpoint refuses (compat.md "Authorize"): the browser goes to the error page
 * `/ooops?oauth_exception=…&exception_details=…`, or, in the button flow, the page posts
 * `{error: {oauth_exception, exception_details?}}`. Never a redirect to an unverified redirect_uri.
 */
export const OAUTH_EXCEPTIONS = ['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error', 'missing_grant'] as const;

export type OAuthException = (typeof OAUTH_EXCEPTIONS)[number];

export const OAUTH_EXCEPTION_DETAILS = ['client_id_not_found', 'redirect_uri_not_set', 'invalid_redirect_uri', 'too_many_redirects'] as const;

export type OAuthExceptionDetails = (typeof OAUTH_EXCEPTION_DETAILS)[number];

export interface AuthorizeRefusal {
  readonly ok: false;
  readonly oauthException: OAuthException;
  readonly exceptionDetails?: OAuthExceptionDetails;
}

export function authorizeRefusal(oauthException: OAuthException, exceptionDetails?: OAuthExceptionDetails): AuthorizeRefusal {
  return exceptionDetails ? { ok: false, oauthException, exceptionDetails } : { ok: false, oauthException };
}
