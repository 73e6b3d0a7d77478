/**
 * compat.md "Tokens": codes are single-use and live a few minutes. Five by default; never more than
 * ten (RFC 6749 section 4.1.2's recommended maximum).
 */
export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 300;
export const AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS = 600;

/** When a code issued at `issuedAt` (ISO 8601) expires; date arithmetic only, no clock. */
export function authorizationCodeExpiry(issuedAt: string, lifetimeSeconds = AUTHORIZATION_CODE_LIFETIME_SECONDS): string {
  return new Date(Date.parse(issuedAt) + lifetimeSeconds * 1000).toISOString();
}
