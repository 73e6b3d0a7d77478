import type { Decider } from '@app/platform';
import { sortScopes } from '../scopes/scope-list';
import { assertSha256Hex } from '../secrets/token-hash';
import type { AccessTokenCommand, IssueAccessToken, RevokeAccessToken } from './access-token.commands';
import { AccessTokenAlreadyIssued, AccessTokenNotFound, InvalidAccessTokenCommand } from './access-token.errors';
import type { AccessTokenEvent } from './access-token.events';
import { evolve, initialState, type AccessTokenState } from './access-token.state';
import { isRevocationReason } from './revocation-reason';

export function decide(command: AccessTokenCommand, state: AccessTokenState): AccessTokenEvent[] {
  switch (command.kind) {
    case 'IssueAccessToken':
      return issue(command, state);
    case 'RevokeAccessToken':
      return revoke(command, state);
  }
}

function issue(command: IssueAccessToken, state: AccessTokenState): AccessTokenEvent[] {
  if (state.status !== 'absent') throw new AccessTokenAlreadyIssued();
  assertSha256Hex(command.tokenHash, 'token_hash');
  const issuedAt = Date.parse(command.issuedAt);
  const expiresAt = Date.parse(command.expiresAt);
  if (Number.isNaN(issuedAt) || Number.isNaN(expiresAt)) throw new InvalidAccessTokenCommand('issuedAt and expiresAt must be ISO 8601 times');
  if (expiresAt <= issuedAt) throw new InvalidAccessTokenCommand('expiresAt must be after issuedAt');
  return [
    {
      type: 'AccessTokenIssued',
      data: {
        token_id: command.tokenId,
        token_hash: command.tokenHash,
        account_id: command.accountId,
        organization_id: command.organizationId,
        client_id: command.clientId ?? null,
        session_id: command.sessionId ?? null,
        scopes: sortScopes(command.scopes),
        issued_at: command.issuedAt,
        expires_at: command.expiresAt,
      },
    },
  ];
}

/**
 * Revoking is idempotent: reactors (password changed, session removed, ...) may all reach the same
 * token, and a client may retry DELETE /v2/token; the first revocation stands and the rest change
 * nothing. Expired tokens are still revoked, so the record says why they ended early if asked.
 */
function revoke(command: RevokeAccessToken, state: AccessTokenState): AccessTokenEvent[] {
  if (!isRevocationReason(command.reason)) throw new InvalidAccessTokenCommand(`unknown revocation reason "${command.reason}"`);
  if (state.status === 'absent') throw new AccessTokenNotFound(command.tokenId);
  if (state.status === 'revoked') return [];
  return [
    {
      type: 'AccessTokenRevoked',
      data: {
        token_id: state.tokenId,
        token_hash: state.tokenHash,
        account_id: state.accountId,
        organization_id: state.organizationId,
        client_id: state.clientId,
        reason: command.reason,
        revoked_by: command.revokedBy,
        revoked_at: command.at,
      },
    },
  ];
}

export const accessTokenDecider: Decider<AccessTokenState, AccessTokenCommand, AccessTokenEvent> = { initialState, evolve, decide };
