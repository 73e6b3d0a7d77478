export const OAUTH_CLIENT_STREAM_CATEGORY = 'oauthClient';

/** The client's stream is its id's reservation too: it is created with "no stream" expected. */
export function oauthClientStreamId(clientId: string): string {
  return `${OAUTH_CLIENT_STREAM_CATEGORY}-${clientId}`;
}
