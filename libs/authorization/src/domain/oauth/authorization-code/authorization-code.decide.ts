import type { Decider } from '@app/platform';
import { sortScopes } from '../../scopes/scope-list';
import { assertSha256Hex } from '../../secrets/token-hash';
import { validateChallenge } from '../pkce/pkce-text';
import type { AuthorizationCodeCommand, IssueAuthorizationCode, RedeemAuthorizationCode } from './authorization-code.commands';
import { AuthorizationCodeAlreadyIssued, InvalidAuthorizationCodeCommand } from './authorization-code.errors';
import type { AuthorizationCodeEvent } from './authorization-code.events';
import { AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS } from './authorization-code.lifetime';
import { authorizationCodeOutcome, authorizationCodeRefusal } from './authorization-code.outcome';
import { evolve, initialState, type AuthorizationCodeState } from './authorization-code.state';

export function decide(command: AuthorizationCodeCommand, state: AuthorizationCodeState): AuthorizationCodeEvent[] {
  switch (command.kind) {
    case 'IssueAuthorizationCode':
      return issue(command, state);
    case 'RedeemAuthorizationCode':
      return redeem(command, state);
  }
}

function issue(command: IssueAuthorizationCode, state: AuthorizationCodeState): AuthorizationCodeEvent[] {
  if (state.status !== 'absent') throw new AuthorizationCodeAlreadyIssued();
  assertSha256Hex(command.codeHash, 'code_hash');
  const issuedAt = Date.parse(command.issuedAt);
  const expiresAt = Date.parse(command.expiresAt);
  if (Number.isNaN(issuedAt) || Number.isNaN(expiresAt)) throw new InvalidAuthorizationCodeCommand('issuedAt and expiresAt must be ISO 8601 times');
  if (expiresAt <= issuedAt) throw new InvalidAuthorizationCodeCommand('expiresAt must be after issuedAt');
  if (expiresAt - issuedAt > AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS * 1000) {
    throw new InvalidAuthorizationCodeCommand(`a code lives at most ${AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS} seconds`);
  }
  if (!command.redirectUri) throw new InvalidAuthorizationCodeCommand('redirectUri is required');
  const challenge = command.codeChallenge ?? null;
  if (challenge === null && command.codeChallengeMethod) throw new InvalidAuthorizationCodeCommand('codeChallengeMethod without codeChallenge');
  const method = challenge === null ? null : (command.codeChallengeMethod ?? 'plain');
  const problem = challenge === null ? undefined : validateChallenge(challenge, method);
  if (problem) throw new InvalidAuthorizationCodeCommand(problem);
  return [
    {
      type: 'AuthorizationCodeIssued',
      data: {
        grant_id: command.grantId,
        code_hash: command.codeHash,
        client_id: command.clientId,
        account_id: command.accountId,
        organization_id: command.organizationId,
        session_id: command.sessionId,
        redirect_uri: command.redirectUri,
        scopes: sortScopes(command.scopes),
        code_challenge: challenge,
        code_challenge_method: method,
        issued_at: command.issuedAt,
        expires_at: command.expiresAt,
      },
    },
  ];
}

/**
 * Redeems once. Every refusal throws `invalid_grant` and records nothing, except a reuse: that one
 * returns AuthorizationCodeReused (the first time only) and the application, after appending it,
 * answers authorizationCodeRefusal('code_reused') (an `invalid_grant`). A decider returns events or throws, never both.
 */
function redeem(command: RedeemAuthorizationCode, state: AuthorizationCodeState): AuthorizationCodeEvent[] {
  if (Number.isNaN(Date.parse(command.at))) throw new InvalidAuthorizationCodeCommand('at must be an ISO 8601 time');
  const outcome = authorizationCodeOutcome(state, command);
  if (outcome === 'code_reused' && state.status === 'redeemed') {
    if (state.reuseDetectedAt !== null) return [];
    return [
      {
        type: 'AuthorizationCodeReused',
        data: {
          grant_id: state.grantId,
          client_id: state.clientId,
          account_id: state.accountId,
          organization_id: state.organizationId,
          access_token_id: state.accessTokenId,
          refresh_family_id: state.refreshFamilyId,
          redeemed_at: state.redeemedAt,
          detected_at: command.at,
        },
      },
    ];
  }
  if (outcome !== 'ok') throw authorizationCodeRefusal(outcome);
  // Not reached: an `ok` outcome means an issued code. Narrows the state for the compiler.
  if (state.status !== 'issued') throw authorizationCodeRefusal('unknown_code');
  return [
    {
      type: 'AuthorizationCodeRedeemed',
      data: {
        grant_id: state.grantId,
        client_id: state.clientId,
        account_id: state.accountId,
        organization_id: state.organizationId,
        access_token_id: command.accessTokenId,
        refresh_family_id: command.refreshFamilyId,
        redeemed_at: command.at,
      },
    },
  ];
}

export const authorizationCodeDecider: Decider<AuthorizationCodeState, AuthorizationCodeCommand, AuthorizationCodeEvent> = { initialState, evolve, decide };
