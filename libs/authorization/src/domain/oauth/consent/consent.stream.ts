export const OAUTH_CONSENT_STREAM_CATEGORY = 'oauthConsent';

/** One stream per account and client: what the account agreed the client may do. */
export function oauthConsentStreamId(accountId: string, clientId: string): string {
  return `${OAUTH_CONSENT_STREAM_CATEGORY}-${accountId}_${clientId}`;
}
