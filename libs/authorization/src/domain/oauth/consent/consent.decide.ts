import type { Decider } from '@app/platform';
import { sortScopes } from '../../scopes/scope-list';
import type { OAuthConsentEvent } from './consent.events';

export interface GrantOAuthConsent {
  readonly kind: 'GrantOAuthConsent';
  readonly accountId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly at: string;
}

export interface OAuthConsentState {
  readonly scopes: readonly string[];
}

/**
 * Consent accumulates: allowing more scopes later adds to what was allowed. Allowing nothing new
 * records nothing, so the authorize flow can call it on every "allow" without growing the log.
 */
export function decide(command: GrantOAuthConsent, state: OAuthConsentState): OAuthConsentEvent[] {
  const added = command.scopes.filter((scope) => !state.scopes.includes(scope));
  if (added.length === 0) return [];
  return [
    {
      type: 'OAuthConsentGranted',
      data: { account_id: command.accountId, client_id: command.clientId, scopes: sortScopes([...new Set([...state.scopes, ...added])]), granted_at: command.at },
    },
  ];
}

/** Whether consent on record covers every scope of a request: then the account is not asked again. */
export function consentCovers(consented: readonly string[], requested: readonly string[]): boolean {
  return requested.every((scope) => consented.includes(scope));
}

export const oauthConsentDecider: Decider<OAuthConsentState, GrantOAuthConsent, OAuthConsentEvent> = {
  initialState: () => ({ scopes: [] }),
  evolve: (_state, event) => ({ scopes: event.data.scopes }),
  decide,
};
