import { given } from '@app/platform/testing';
import type { OAuthClientCommand, RegisterOAuthClient } from './oauth-client.commands';
import { oauthClientDecider } from './oauth-client.decide';
import { InvalidOAuthClient, OAuthClientAlreadyExists, OAuthClientNotFound } from './oauth-client.errors';
import type { OAuthClientEvent } from './oauth-client.events';

const at = '2026-01-01T00:00:00.000Z';
const clientId = '0123456789abcdef0123456789abcdef';
const secretHash = 'a'.repeat(64);
const register = (overrides: Partial<RegisterOAuthClient> = {}): RegisterOAuthClient => ({
  kind: 'RegisterOAuthClient',
  clientId,
  organizationId: 'org-1',
  name: 'Reports',
  type: 'server_side_app',
  visibility: 'private',
  redirectUris: ['https://app.example.com/callback'],
  scopes: ['accounts--my:ro'],
  secretHash,
  registeredBy: 'ann',
  at,
  ...overrides,
});
const registered: OAuthClientEvent = {
  type: 'OAuthClientRegistered',
  data: {
    client_id: clientId,
    organization_id: 'org-1',
    name: 'Reports',
    type: 'server_side_app',
    kind: 'confidential',
    visibility: 'private',
    redirect_uris: ['https://app.example.com/callback'],
    scopes: ['accounts--my:ro'],
    secret_hash: secretHash,
    registered_by: 'ann',
    registered_at: at,
  },
};

describe('OAuth client decider', () => {
  it('registers a confidential client with its hashed secret', () => {
    given(oauthClientDecider, []).when(register()).then([registered]);
  });

  it('registers a public client without a secret', () => {
    const events = oauthClientDecider.decide(register({ type: 'javascript_app', secretHash: null }), oauthClientDecider.initialState());
    expect(events[0].data).toMatchObject({ kind: 'public', secret_hash: null, type: 'javascript_app' });
  });

  it('refuses an unknown type, a bad redirect URI and unknown scopes, naming each field', () => {
    let thrown: unknown;
    try {
      oauthClientDecider.decide(register({ type: 'robot', redirectUris: ['javascript:alert(1)'], scopes: ['everything'] }), oauthClientDecider.initialState());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOAuthClient);
    expect(Object.keys((thrown as InvalidOAuthClient).invalidFields).sort()).toEqual(['redirect_uri', 'scopes', 'type']);
  });

  it('refuses redirect URIs with a fragment or none at all', () => {
    given(oauthClientDecider, []).when(register({ redirectUris: ['https://app.example.com/#x'] })).thenThrows(InvalidOAuthClient);
    given(oauthClientDecider, []).when(register({ redirectUris: [] })).thenThrows(InvalidOAuthClient);
  });

  it('never registers the same id twice', () => {
    given(oauthClientDecider, [registered]).when(register()).thenThrows(OAuthClientAlreadyExists);
  });

  it('updates only what changed and deletes; another organization sees no client', () => {
    const update: OAuthClientCommand = { kind: 'UpdateOAuthClient', clientId, organizationId: 'org-1', changes: { redirectUris: ['https://app.example.com/'] }, at };
    given(oauthClientDecider, [registered])
      .when(update)
      .then([{ type: 'OAuthClientUpdated', data: { client_id: clientId, organization_id: 'org-1', changes: { redirect_uris: ['https://app.example.com/'] }, updated_at: at } }]);
    given(oauthClientDecider, [registered]).when({ ...update, organizationId: 'org-2' }).thenThrows(OAuthClientNotFound);
    const remove: OAuthClientCommand = { kind: 'DeleteOAuthClient', clientId, organizationId: 'org-1', deletedBy: 'ann', at };
    given(oauthClientDecider, [registered])
      .when(remove)
      .then([{ type: 'OAuthClientDeleted', data: { client_id: clientId, organization_id: 'org-1', deleted_by: 'ann', deleted_at: at } }]);
    given(oauthClientDecider, [registered, { type: 'OAuthClientDeleted', data: { client_id: clientId, organization_id: 'org-1', deleted_by: 'ann', deleted_at: at } }])
      .when(remove)
      .thenThrows(OAuthClientNotFound);
  });
});
