import type { EncryptedValue } from '@app/platform';
import type { IdentitySource } from '../../contracts/session.commands';
import type { SessionRemovalReason } from './session.events';

export interface StartSession {
  readonly kind: 'StartSession';
  readonly sessionId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly identitySource: IdentitySource;
  /** Sealed with the account's key before it reaches the domain. */
  readonly ip: EncryptedValue;
  readonly userAgent: EncryptedValue;
  readonly at: string;
}

export interface RemoveSession {
  readonly kind: 'RemoveSession';
  readonly sessionId: string;
  /** The account asking: a session of another account is not found. */
  readonly accountId: string;
  readonly reason: SessionRemovalReason;
  readonly at: string;
}

export type SessionCommand = StartSession | RemoveSession;
