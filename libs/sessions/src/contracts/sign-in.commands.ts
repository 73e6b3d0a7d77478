import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';
import type { SessionView } from './session.commands';

/** Checks email and password and starts a session; null when they do not match (no hint which). */
export class SignInCommand extends RequestCommand<{ sessionId: string; accountId: string; cookie: string } | null> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly ip: string,
    readonly userAgent: string,
  ) {
    super();
  }
}

/** The active session a session cookie stands for, or null (absent, forged, or ended). */
export class ResolveSessionCookieQuery extends Query<SessionView | null> {
  constructor(readonly cookie: string | undefined) {
    super();
  }
}

export const SESSION_COOKIE = 'gaa_session';
