import type { Decider } from '@app/platform';
import { scopesNotGranted } from '../scopes/scope-grants';
import { sortScopes } from '../scopes/scope-list';
import { assertSha256Hex } from '../secrets/token-hash';
import { isPatRevocationReason } from './pat-revocation-reason';
import type { CreatePersonalAccessToken, PersonalAccessTokenCommand, RevokePersonalAccessToken } from './personal-access-token.commands';
import {
  InvalidPersonalAccessToken,
  InvalidPersonalAccessTokenCommand,
  PersonalAccessTokenAlreadyExists,
  PersonalAccessTokenNotFound,
  PersonalAccessTokenScopesNotHeld,
} from './personal-access-token.errors';
import type { PersonalAccessTokenEvent } from './personal-access-token.events';
import { personalAccessTokenProblems } from './personal-access-token.rules';
import { evolve, initialState, type PersonalAccessTokenState } from './personal-access-token.state';

export function decide(command: PersonalAccessTokenCommand, state: PersonalAccessTokenState): PersonalAccessTokenEvent[] {
  switch (command.kind) {
    case 'CreatePersonalAccessToken':
      return create(command, state);
    case 'RevokePersonalAccessToken':
      return revoke(command, state);
  }
}

/** Order of checks: the id, then the hash (a bug), then the fields (422), then the caller's reach (403). */
function create(command: CreatePersonalAccessToken, state: PersonalAccessTokenState): PersonalAccessTokenEvent[] {
  if (state.status !== 'absent') throw new PersonalAccessTokenAlreadyExists();
  assertSha256Hex(command.tokenHash, 'token_hash');
  const problems = personalAccessTokenProblems(command);
  if (Object.keys(problems).length) throw new InvalidPersonalAccessToken(problems);
  const notHeld = scopesNotGranted(command.scopes, command.callerScopes);
  if (notHeld.length) throw new PersonalAccessTokenScopesNotHeld(sortScopes(notHeld));
  return [
    {
      type: 'PersonalAccessTokenCreated',
      data: {
        pat_id: command.patId,
        token_hash: command.tokenHash,
        account_id: command.accountId,
        organization_id: command.organizationId,
        name: command.name,
        scopes: sortScopes(command.scopes),
        created_at: command.createdAt,
      },
    },
  ];
}

/**
 * Unlike an access token, revoking twice is not a quiet no-op: for the API a revoked PAT no longer
 * exists, so the second attempt is told so.
 */
function revoke(command: RevokePersonalAccessToken, state: PersonalAccessTokenState): PersonalAccessTokenEvent[] {
  if (!isPatRevocationReason(command.reason)) throw new InvalidPersonalAccessTokenCommand(`unknown revocation reason "${command.reason}"`);
  if (state.status !== 'active' || state.accountId !== command.accountId) throw new PersonalAccessTokenNotFound(command.patId);
  return [
    {
      type: 'PersonalAccessTokenRevoked',
      data: {
        pat_id: state.patId,
        token_hash: state.tokenHash,
        account_id: state.accountId,
        organization_id: state.organizationId,
        reason: command.reason,
        revoked_at: command.at,
      },
    },
  ];
}

export const personalAccessTokenDecider: Decider<PersonalAccessTokenState, PersonalAccessTokenCommand, PersonalAccessTokenEvent> = {
  initialState,
  evolve,
  decide,
};
