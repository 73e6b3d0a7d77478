import type { PersonalAccessTokenEvent } from './personal-access-token.events';

export interface PersonalAccessTokenFacts {
  readonly patId: string;
  readonly tokenHash: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
}

/** A revoked PAT keeps its facts: its id stays taken and its owner known. */
export type PersonalAccessTokenState = { readonly status: 'absent' } | ({ readonly status: 'active' | 'revoked' } & PersonalAccessTokenFacts);

export function initialState(): PersonalAccessTokenState {
  return { status: 'absent' };
}

export function evolve(state: PersonalAccessTokenState, event: PersonalAccessTokenEvent): PersonalAccessTokenState {
  switch (event.type) {
    case 'PersonalAccessTokenCreated': {
      const d = event.data;
      return {
        status: 'active',
        patId: d.pat_id,
        tokenHash: d.token_hash,
        accountId: d.account_id,
        organizationId: d.organization_id,
        name: d.name,
        scopes: d.scopes,
        createdAt: d.created_at,
      };
    }
    case 'PersonalAccessTokenRevoked':
      return state.status === 'absent' ? state : { ...state, status: 'revoked' };
  }
}
