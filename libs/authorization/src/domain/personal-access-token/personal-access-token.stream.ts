/** One stream per PAT, named by its id: never by the token or its hash. */
export const PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY = 'personalAccessToken';

export function personalAccessTokenStreamId(patId: string): string {
  return `${PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY}-${patId}`;
}
