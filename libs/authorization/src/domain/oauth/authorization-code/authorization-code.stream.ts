/**
 * One stream per authorization code (design.md section 2 names the category `accessGrant`), named
 * by a fresh grant id: never by the code or its hash.
 */
export const AUTHORIZATION_CODE_STREAM_CATEGORY = 'accessGrant';

export function authorizationCodeStreamId(grantId: string): string {
  return `${AUTHORIZATION_CODE_STREAM_CATEGORY}-${grantId}`;
}
