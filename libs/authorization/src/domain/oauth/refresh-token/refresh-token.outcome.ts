import { OAuthError } from '../oauth-error';
import type { UseRefreshToken } from './refresh-token.commands';
import type { RefreshTokenState } from './refresh-token.state';

/**
 * What presenting a refresh token comes to, checked in this order:
 * - `unknown`: no such family, a hash that was never one of the family's, or another client's
 *   family (a foreign client records nothing and learns nothing);
 * - `revoked`: the family was revoked, whichever of its hashes is presented;
 * - `reuse`: a hash the family rotated away: the family is revoked (decide returns
 *   RefreshTokenReuseDetected and RefreshTokenFamilyRevoked), and the request is refused;
 * - `ok`: the current token.
 * Every outcome but `ok` is answered `invalid_grant`.
 */
export type RefreshOutcome = 'ok' | 'reuse' | 'revoked' | 'unknown';

export function refreshOutcome(state: RefreshTokenState, command: Pick<UseRefreshToken, 'tokenHash' | 'clientId'>): RefreshOutcome {
  if (state.status === 'absent') return 'unknown';
  const current = state.currentHash === command.tokenHash;
  const retired = state.retiredHashes.has(command.tokenHash);
  if ((!current && !retired) || state.clientId !== command.clientId) return 'unknown';
  if (state.status === 'revoked') return 'revoked';
  return retired ? 'reuse' : 'ok';
}

export type RefreshRefusalReason = Exclude<RefreshOutcome, 'ok'>;

const DESCRIPTIONS: Readonly<Record<RefreshRefusalReason, string>> = {
  unknown: 'The refresh token is invalid.',
  revoked: 'The refresh token was revoked.',
  reuse: 'The refresh token was already used.',
};

/** The token endpoint's answer for a refused refresh: `invalid_grant`, with the outcome as reason. */
export function refreshTokenRefusal(reason: RefreshRefusalReason): OAuthError {
  return new OAuthError('invalid_grant', DESCRIPTIONS[reason], { reason: `refresh_token_${reason}` });
}
