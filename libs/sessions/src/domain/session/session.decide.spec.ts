import { given } from '@app/platform/testing';
import type { EncryptedValue } from '@app/platform';
import type { SessionCommand } from './session.commands';
import { sessionDecider } from './session.decide';
import { SessionAlreadyStarted, SessionNotFound, UnsealedPersonalData } from './session.errors';
import type { SessionEvent, SessionRemovalReason } from './session.events';

const sealed = (data: string): EncryptedValue => ({ enc: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data });
const IP = sealed('aXA=');
const AGENT = sealed('YWdlbnQ=');
const session = 's-1';
const at = '2026-01-01T00:00:00.000Z';
const later = '2026-01-01T01:00:00.000Z';

const start: SessionCommand = {
  kind: 'StartSession',
  sessionId: session,
  accountId: 'ann',
  organizationId: 'org-1',
  identitySource: 'credentials',
  ip: IP,
  userAgent: AGENT,
  at,
};
const started: SessionEvent = {
  type: 'SessionStarted',
  data: { session_id: session, account_id: 'ann', organization_id: 'org-1', identity_source: 'credentials', ip: IP, user_agent: AGENT, started_at: at },
};
const remove = (accountId: string, reason: SessionRemovalReason = 'signed_out'): SessionCommand => ({ kind: 'RemoveSession', sessionId: session, accountId, reason, at: later });
const removed: SessionEvent = { type: 'SessionRemoved', data: { session_id: session, account_id: 'ann', reason: 'signed_out', removed_at: later } };

describe('session decider', () => {
  it('starts a session with the device it was started on', () => {
    given(sessionDecider, []).when(start).then([started]);
  });

  it('refuses to start the same session twice, even after it was removed', () => {
    given(sessionDecider, [started]).when(start).thenThrows(SessionAlreadyStarted);
    given(sessionDecider, [started, removed]).when(start).thenThrows(SessionAlreadyStarted);
  });

  it('refuses a device address or user agent in clear', () => {
    given(sessionDecider, [])
      .when({ ...start, ip: '194.181.146.158' as unknown as EncryptedValue })
      .thenThrows(UnsealedPersonalData, /ip/);
    given(sessionDecider, [])
      .when({ ...start, userAgent: 'Mozilla/5.0' as unknown as EncryptedValue })
      .thenThrows(UnsealedPersonalData, /userAgent/);
  });

  it('removes a session of the account that asks, with the reason', () => {
    given(sessionDecider, [started]).when(remove('ann')).then([removed]);
    given(sessionDecider, [started])
      .when(remove('ann', 'password_changed'))
      .then([{ type: 'SessionRemoved', data: { session_id: session, account_id: 'ann', reason: 'password_changed', removed_at: later } }]);
  });

  it("answers not found for a missing session, a removed one and another account's", () => {
    given(sessionDecider, []).when(remove('ann')).thenThrows(SessionNotFound);
    given(sessionDecider, [started, removed]).when(remove('ann')).thenThrows(SessionNotFound);
    given(sessionDecider, [started]).when(remove('bob')).thenThrows(SessionNotFound);
  });

  it('names the session in the not-found error', () => {
    let thrown: unknown;
    try {
      sessionDecider.decide(remove('bob'), sessionDecider.evolve(sessionDecider.initialState(), started));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 404, resourceName: 'session', resourceId: session });
  });
});
