import type { Decider } from '@app/platform';
import { isKnownScope } from '../scopes/known-scopes';
import { sortScopes } from '../scopes/scope-list';
import { isSha256Hex } from '../secrets/token-hash';
import { nameProblem } from '../shared/name-rules';
import { clientKindOf, CLIENT_TYPES } from './client-type';
import type { OAuthClientCommand, RegisterOAuthClient, UpdateOAuthClient } from './oauth-client.commands';
import { InvalidOAuthClient, OAuthClientAlreadyExists, OAuthClientNotFound } from './oauth-client.errors';
import type { OAuthClientEvent } from './oauth-client.events';
import { evolve, initialState, type OAuthClientState } from './oauth-client.state';
import { redirectUriProblem } from './redirect-uris';

const CLIENT_ID = /^[0-9a-f]{32}$/;

export function decide(command: OAuthClientCommand, state: OAuthClientState): OAuthClientEvent[] {
  if (command.kind === 'RegisterOAuthClient') return register(command, state);
  if (state.status !== 'active' || state.organizationId !== command.organizationId) throw new OAuthClientNotFound(command.clientId);
  if (command.kind === 'DeleteOAuthClient') {
    return [{ type: 'OAuthClientDeleted', data: { client_id: command.clientId, organization_id: command.organizationId, deleted_by: command.deletedBy, deleted_at: command.at } }];
  }
  return update(command);
}

function register(command: RegisterOAuthClient, state: OAuthClientState): OAuthClientEvent[] {
  if (state.status !== 'absent') throw new OAuthClientAlreadyExists();
  if (!CLIENT_ID.test(command.clientId)) throw new Error('A client id is 32 lowercase hex characters');
  const kind = clientKindOf(command.type);
  const problems = {
    ...fieldProblems({ name: command.name, redirectUris: command.redirectUris, scopes: command.scopes }),
    ...(kind ? {} : { type: `must be one of ${CLIENT_TYPES.join(', ')}` }),
  };
  if (Object.keys(problems).length) throw new InvalidOAuthClient(problems);
  if ((kind === 'confidential') !== (command.secretHash !== null) || (command.secretHash !== null && !isSha256Hex(command.secretHash))) {
    // A programming error: confidential clients get a hashed secret, public ones none.
    throw new Error('A confidential client needs a hashed secret and a public client none');
  }
  return [
    {
      type: 'OAuthClientRegistered',
      data: {
        client_id: command.clientId,
        organization_id: command.organizationId,
        name: command.name,
        type: command.type,
        kind: kind!,
        visibility: command.visibility,
        redirect_uris: [...command.redirectUris],
        scopes: sortScopes(command.scopes),
        secret_hash: command.secretHash,
        registered_by: command.registeredBy,
        registered_at: command.at,
      },
    },
  ];
}

function update(command: UpdateOAuthClient): OAuthClientEvent[] {
  const { name, redirectUris, scopes } = command.changes;
  const problems = fieldProblems(command.changes);
  if (Object.keys(problems).length) throw new InvalidOAuthClient(problems);
  const changes = {
    ...(name !== undefined ? { name } : {}),
    ...(redirectUris !== undefined ? { redirect_uris: [...redirectUris] } : {}),
    ...(scopes !== undefined ? { scopes: sortScopes(scopes) } : {}),
  };
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'OAuthClientUpdated', data: { client_id: command.clientId, organization_id: command.organizationId, changes, updated_at: command.at } }];
}

function fieldProblems(fields: { name?: string; redirectUris?: readonly string[]; scopes?: readonly string[] }): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = fields.name === undefined ? undefined : nameProblem(fields.name, 128);
  if (name) problems.name = name;
  if (fields.redirectUris !== undefined) {
    const bad = fields.redirectUris.length === 0 ? 'at least one redirect URI is required' : fields.redirectUris.map(redirectUriProblem).find(Boolean);
    if (bad) problems.redirect_uri = bad;
  }
  const unknown = fields.scopes?.filter((scope) => !isKnownScope(scope));
  if (unknown?.length) problems.scopes = `unknown scopes: ${unknown.join(', ')}`;
  return problems;
}

export const oauthClientDecider: Decider<OAuthClientState, OAuthClientCommand, OAuthClientEvent> = { initialState, evolve, decide };
