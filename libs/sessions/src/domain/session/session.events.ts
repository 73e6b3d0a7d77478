import type { DomainEvent, EncryptedValue } from '@app/platform';
import type { IdentitySource } from '../../contracts/session.commands';

/** Why a session ended; the same reasons RemoveAllSessionsCommand names. */
export type SessionRemovalReason = 'signed_out' | 'password_changed' | 'account_deleted';

/**
 * The device's address and user agent identify a person, so they are sealed with the account's
 * key: once the account is erased, no copy of them in the log can be read.
 */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  {
    session_id: string;
    account_id: string;
    organization_id: string;
    identity_source: IdentitySource;
    ip: EncryptedValue;
    user_agent: EncryptedValue;
    started_at: string;
  }
>;

export type SessionRemoved = DomainEvent<'SessionRemoved', { session_id: string; account_id: string; reason: SessionRemovalReason; removed_at: string }>;

export type SessionEvent = SessionStarted | SessionRemoved;
