/** One stream per access token, named by its id: never by the token or its hash. */
export const ACCESS_TOKEN_STREAM_CATEGORY = 'accessToken';

export function accessTokenStreamId(tokenId: string): string {
  return `${ACCESS_TOKEN_STREAM_CATEGORY}-${tokenId}`;
}
