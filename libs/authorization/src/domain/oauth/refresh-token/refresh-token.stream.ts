/**
 * One stream per refresh token family: the first token issued with an access token and every token
 * that rotated from it. Named by a fresh family id, never by a token or its hash.
 */
export const REFRESH_TOKEN_STREAM_CATEGORY = 'refreshToken';

export function refreshTokenStreamId(familyId: string): string {
  return `${REFRESH_TOKEN_STREAM_CATEGORY}-${familyId}`;
}
