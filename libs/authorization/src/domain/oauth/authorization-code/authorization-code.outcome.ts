import { OAuthError } from '../oauth-error';
import type { RedeemAuthorizationCode } from './authorization-code.commands';
import type { AuthorizationCodeState } from './authorization-code.state';

/**
 * What a redemption comes to, checked in this order:
 * - `unknown_code`: no such grant, or the presented code's hash is not the issued one;
 * - `wrong_client`: the code was issued to another client (nothing is recorded: a foreign client
 *   holding a redeemed code cannot get the rightful client's tokens revoked);
 * - `code_reused`: the code was already redeemed. The only refusal that records an event;
 * - `code_expired`: at or after its expiry;
 * - `wrong_redirect_uri`: not exactly the authorize request's redirect_uri (RFC 6749 section 4.1.3);
 * - `pkce_verifier_missing`: a challenge was given and no verifier is;
 * - `pkce_failed`: the verifier does not answer the challenge;
 * - `pkce_not_requested`: a verifier without a challenge in the authorize request, refused as a
 *   sign of a PKCE downgrade (RFC 9700 section 2.1.1);
 * - `ok`: redeem it.
 */
export type AuthorizationCodeOutcome =
  | 'ok'
  | 'unknown_code'
  | 'wrong_client'
  | 'code_reused'
  | 'code_expired'
  | 'wrong_redirect_uri'
  | 'pkce_verifier_missing'
  | 'pkce_failed'
  | 'pkce_not_requested';

export function authorizationCodeOutcome(state: AuthorizationCodeState, command: RedeemAuthorizationCode): AuthorizationCodeOutcome {
  if (state.status === 'absent' || state.grantId !== command.grantId || state.codeHash !== command.codeHash) return 'unknown_code';
  if (state.clientId !== command.clientId) return 'wrong_client';
  if (state.status === 'redeemed') return 'code_reused';
  if (Date.parse(command.at) >= Date.parse(state.expiresAt)) return 'code_expired';
  if (command.redirectUri !== state.redirectUri) return 'wrong_redirect_uri';
  if (state.codeChallenge === null) return command.codeVerifier ? 'pkce_not_requested' : 'ok';
  if (!command.codeVerifier) return 'pkce_verifier_missing';
  return command.pkceOk ? 'ok' : 'pkce_failed';
}

/** The outcomes that refuse, and `session_ended`: the sign-in session the code was issued in is gone. */
export type AuthorizationCodeRefusalReason = Exclude<AuthorizationCodeOutcome, 'ok'> | 'session_ended';

// A foreign client learns no more than from a code that never existed.
const DESCRIPTIONS: Readonly<Record<AuthorizationCodeRefusalReason, string>> = {
  unknown_code: 'The authorization code is invalid.',
  wrong_client: 'The authorization code is invalid.',
  code_reused: 'The authorization code was already used.',
  code_expired: 'The authorization code has expired.',
  wrong_redirect_uri: 'The redirect_uri does not match the one of the authorization request.',
  pkce_verifier_missing: 'The code_verifier is missing.',
  pkce_failed: 'The code_verifier does not match the code_challenge.',
  pkce_not_requested: 'A code_verifier was sent, but the authorization request had no code_challenge.',
  session_ended: 'The sign-in session the authorization code was issued in has ended.',
};

/** The token endpoint's answer for a refused redemption: `invalid_grant`, the outcome as its reason. */
export function authorizationCodeRefusal(reason: AuthorizationCodeRefusalReason): OAuthError {
  return new OAuthError('invalid_grant', DESCRIPTIONS[reason], { reason });
}
