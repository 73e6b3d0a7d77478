import type { ClientKind } from './client-type';
import type { OAuthClientEvent } from './oauth-client.events';

export type OAuthClientState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'deleted';
      readonly clientId: string;
      readonly organizationId: string;
      readonly name: string;
      readonly type: string;
      readonly kind: ClientKind;
      readonly redirectUris: readonly string[];
      readonly scopes: readonly string[];
    };

export function initialState(): OAuthClientState {
  return { status: 'absent' };
}

export function evolve(state: OAuthClientState, event: OAuthClientEvent): OAuthClientState {
  switch (event.type) {
    case 'OAuthClientRegistered': {
      const d = event.data;
      return { status: 'active', clientId: d.client_id, organizationId: d.organization_id, name: d.name, type: d.type, kind: d.kind, redirectUris: d.redirect_uris, scopes: d.scopes };
    }
    case 'OAuthClientUpdated': {
      if (state.status === 'absent') return state;
      const c = event.data.changes;
      return { ...state, name: c.name ?? state.name, redirectUris: c.redirect_uris ?? state.redirectUris, scopes: c.scopes ?? state.scopes };
    }
    case 'OAuthClientDeleted':
      return state.status === 'absent' ? state : { ...state, status: 'deleted' };
  }
}
