import type { SessionEvent } from './session.events';

export type SessionState =
  | { readonly status: 'absent' }
  | { readonly status: 'active' | 'removed'; readonly sessionId: string; readonly accountId: string };

export function initialState(): SessionState {
  return { status: 'absent' };
}

export function evolve(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionStarted':
      return { status: 'active', sessionId: event.data.session_id, accountId: event.data.account_id };
    case 'SessionRemoved':
      // Removal is final: a session never comes back.
      return state.status === 'active' ? { ...state, status: 'removed' } : state;
  }
}
