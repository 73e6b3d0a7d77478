import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';

export type IdentitySource = 'credentials' | 'explicit' | 'google' | 'token' | 'microsoft' | 'apple';

/** A sign-in: the account is now signed in on a device (browser), in one organization. */
export class StartSessionCommand extends RequestCommand<{ sessionId: string }> {
  constructor(
    readonly accountId: string,
    readonly organizationId: string,
    readonly identitySource: IdentitySource,
    readonly ip: string,
    readonly userAgent: string,
  ) {
    super();
  }
}

/** Removes one session of the account (404 for a session that is not the account's) and every token issued in it. */
export class RemoveSessionCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}

/** Removes every session of the account (sign out everywhere; password change; deletion) and their tokens. */
export class RemoveAllSessionsCommand extends RequestCommand<{ removed: number }> {
  constructor(
    readonly accountId: string,
    readonly reason: 'signed_out' | 'password_changed' | 'account_deleted',
  ) {
    super();
  }
}

export interface SessionView {
  readonly sessionId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly identitySource: IdentitySource;
  readonly ip: string;
  readonly userAgent: string;
  readonly startedAt: string;
}

/** An active session, or null when it never existed or was removed. */
export class GetSessionQuery extends Query<SessionView | null> {
  constructor(readonly sessionId: string) {
    super();
  }
}
