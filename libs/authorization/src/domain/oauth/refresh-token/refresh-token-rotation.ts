import type { ClientKind } from '../../oauth-client/client-type';

/**
 * compat.md "Token endpoint": public clients' refresh tokens are single-use and rotate, so a stolen
 * one is detected when both holders use it. Confidential clients prove themselves with their secret
 * at every refresh; their refresh token stays the same until revoked.
 */
export function refreshTokensRotate(kind: ClientKind): boolean {
  return kind === 'public';
}
