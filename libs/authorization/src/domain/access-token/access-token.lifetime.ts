import type { AccessTokenState } from './access-token.state';

/** compat.md "Tokens": access tokens live 8 hours. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 28_800;

/** When a token issued at `issuedAt` (ISO 8601) expires; date arithmetic only, no clock. */
export function accessTokenExpiry(issuedAt: string, lifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS): string {
  return new Date(Date.parse(issuedAt) + lifetimeSeconds * 1000).toISOString();
}

/** `expires_in` as /v2/info answers it: whole seconds left at `now`, never negative. */
export function secondsUntilExpiry(expiresAt: string, now: string): number {
  return Math.max(0, Math.floor((Date.parse(expiresAt) - Date.parse(now)) / 1000));
}

export type AccessTokenStatus = 'missing' | 'active' | 'expired' | 'revoked';

/** What a bearer check should conclude at `now`; the caller supplies the time. */
export function accessTokenStatus(state: AccessTokenState, now: string): AccessTokenStatus {
  if (state.status === 'absent') return 'missing';
  if (state.status === 'revoked') return 'revoked';
  return Date.parse(now) < Date.parse(state.expiresAt) ? 'active' : 'expired';
}
