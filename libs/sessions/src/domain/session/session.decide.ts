import { isEncryptedValue, type Decider } from '@app/platform';
import type { RemoveSession, SessionCommand, StartSession } from './session.commands';
import { SessionAlreadyStarted, SessionNotFound, UnsealedPersonalData } from './session.errors';
import type { SessionEvent } from './session.events';
import { evolve, initialState, type SessionState } from './session.state';

export function decide(command: SessionCommand, state: SessionState): SessionEvent[] {
  switch (command.kind) {
    case 'StartSession':
      return start(command, state);
    case 'RemoveSession':
      return remove(command, state);
  }
}

function start(command: StartSession, state: SessionState): SessionEvent[] {
  if (state.status !== 'absent') throw new SessionAlreadyStarted(command.sessionId);
  // A last line of defence: a clear value written here would stay in the log forever.
  if (!isEncryptedValue(command.ip)) throw new UnsealedPersonalData('ip');
  if (!isEncryptedValue(command.userAgent)) throw new UnsealedPersonalData('userAgent');
  return [
    {
      type: 'SessionStarted',
      data: {
        session_id: command.sessionId,
        account_id: command.accountId,
        organization_id: command.organizationId,
        identity_source: command.identitySource,
        ip: command.ip,
        user_agent: command.userAgent,
        started_at: command.at,
      },
    },
  ];
}

/** Only the session's own account may remove it; to anyone else it does not exist. */
function remove(command: RemoveSession, state: SessionState): SessionEvent[] {
  if (state.status !== 'active' || state.accountId !== command.accountId) throw new SessionNotFound(command.sessionId);
  return [{ type: 'SessionRemoved', data: { session_id: state.sessionId, account_id: state.accountId, reason: command.reason, removed_at: command.at } }];
}

export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = { initialState, evolve, decide };
