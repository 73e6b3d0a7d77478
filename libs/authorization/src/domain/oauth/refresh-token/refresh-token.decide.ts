import type { Decider } from '@app/platform';
import { sortScopes } from '../../scopes/scope-list';
import { assertSha256Hex } from '../../secrets/token-hash';
import { isRefreshFamilyRevocationReason } from './refresh-family-revocation-reason';
import type { IssueRefreshToken, RefreshTokenCommand, RevokeRefreshFamily, UseRefreshToken } from './refresh-token.commands';
import { InvalidRefreshTokenCommand, RefreshTokenAlreadyIssued, RefreshTokenFamilyNotFound } from './refresh-token.errors';
import type { RefreshTokenEvent, RefreshTokenFamilyRevoked } from './refresh-token.events';
import { refreshOutcome, refreshTokenRefusal } from './refresh-token.outcome';
import { evolve, initialState, type RefreshFamilyFacts, type RefreshTokenState } from './refresh-token.state';

export function decide(command: RefreshTokenCommand, state: RefreshTokenState): RefreshTokenEvent[] {
  switch (command.kind) {
    case 'IssueRefreshToken':
      return issue(command, state);
    case 'UseRefreshToken':
      return use(command, state);
    case 'RevokeRefreshFamily':
      return revoke(command, state);
  }
}

function assertTime(value: string, field: string): void {
  if (Number.isNaN(Date.parse(value))) throw new InvalidRefreshTokenCommand(`${field} must be an ISO 8601 time`);
}

function issue(command: IssueRefreshToken, state: RefreshTokenState): RefreshTokenEvent[] {
  if (state.status !== 'absent') throw new RefreshTokenAlreadyIssued();
  assertSha256Hex(command.tokenHash, 'token_hash');
  assertTime(command.at, 'at');
  return [
    {
      type: 'RefreshTokenIssued',
      data: {
        family_id: command.familyId,
        token_hash: command.tokenHash,
        client_id: command.clientId,
        account_id: command.accountId,
        organization_id: command.organizationId,
        session_id: command.sessionId,
        scopes: sortScopes(command.scopes),
        rotates: command.rotates,
        access_token_id: command.accessTokenId,
        issued_at: command.at,
      },
    },
  ];
}

/**
 * The current token: RefreshTokenUsed, and RefreshTokenRotated for a rotating family. A retired
 * token of a rotating family: RefreshTokenReuseDetected and RefreshTokenFamilyRevoked, which the
 * application appends and then answers refreshTokenRefusal('reuse'). Unknown tokens, another
 * client's and revoked families throw `invalid_grant` and record nothing.
 */
function use(command: UseRefreshToken, state: RefreshTokenState): RefreshTokenEvent[] {
  assertSha256Hex(command.tokenHash, 'token_hash');
  assertTime(command.at, 'at');
  const outcome = refreshOutcome(state, command);
  if (outcome === 'unknown' || outcome === 'revoked') throw refreshTokenRefusal(outcome);
  // Not reached: `ok` and `reuse` mean an active family. Narrows the state for the compiler.
  if (state.status !== 'active') throw refreshTokenRefusal('unknown');
  if (outcome === 'reuse') {
    return [
      {
        type: 'RefreshTokenReuseDetected',
        data: {
          family_id: state.familyId,
          token_hash: command.tokenHash,
          client_id: state.clientId,
          account_id: state.accountId,
          organization_id: state.organizationId,
          detected_at: command.at,
        },
      },
      revoked(state, 'reuse_detected', 'system', command.at),
    ];
  }
  const used: RefreshTokenEvent = {
    type: 'RefreshTokenUsed',
    data: {
      family_id: state.familyId,
      token_hash: command.tokenHash,
      client_id: state.clientId,
      account_id: state.accountId,
      organization_id: state.organizationId,
      access_token_id: command.accessTokenId,
      used_at: command.at,
    },
  };
  const newHash = command.newTokenHash ?? null;
  if (!state.rotates) {
    if (newHash !== null) throw new InvalidRefreshTokenCommand('this family does not rotate; no new token may be issued');
    return [used];
  }
  if (newHash === null) throw new InvalidRefreshTokenCommand('a rotating family needs newTokenHash');
  assertSha256Hex(newHash, 'new_token_hash');
  if (newHash === state.currentHash || state.retiredHashes.has(newHash)) throw new InvalidRefreshTokenCommand('newTokenHash must be a hash the family never had');
  return [used, { type: 'RefreshTokenRotated', data: { family_id: state.familyId, previous_token_hash: state.currentHash, token_hash: newHash, rotated_at: command.at } }];
}

/** Idempotent like access token revocation: the first revocation stands, the rest change nothing. */
function revoke(command: RevokeRefreshFamily, state: RefreshTokenState): RefreshTokenEvent[] {
  if (!isRefreshFamilyRevocationReason(command.reason)) throw new InvalidRefreshTokenCommand(`unknown revocation reason "${command.reason}"`);
  assertTime(command.at, 'at');
  if (state.status === 'absent') throw new RefreshTokenFamilyNotFound(command.familyId);
  if (state.status === 'revoked') return [];
  return [revoked(state, command.reason, command.revokedBy, command.at)];
}

function revoked(state: RefreshFamilyFacts, reason: RefreshTokenFamilyRevoked['data']['reason'], revokedBy: string, at: string): RefreshTokenFamilyRevoked {
  return {
    type: 'RefreshTokenFamilyRevoked',
    data: {
      family_id: state.familyId,
      token_hash: state.currentHash,
      client_id: state.clientId,
      account_id: state.accountId,
      organization_id: state.organizationId,
      access_token_ids: [...state.accessTokenIds],
      reason,
      revoked_by: revokedBy,
      revoked_at: at,
    },
  };
}

export const refreshTokenDecider: Decider<RefreshTokenState, RefreshTokenCommand, RefreshTokenEvent> = { initialState, evolve, decide };
