import { Controller, Delete, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentCredential, RequireScopes, type Credential } from '@app/authorization';
import { IdOrMePipe } from '@app/platform';
import { ListSessionsQuery } from '../application/list-sessions.query';
import { RemoveAllSessionsCommand, RemoveSessionCommand, type IdentitySource, type SessionView } from '../contracts/session.commands';

/** A session as the spec lists it. */
export interface SessionBody {
  readonly account_id: string;
  readonly session_id: string;
  readonly current: boolean;
  readonly user_agent: string;
  readonly identity_source: IdentitySource;
  readonly ip: string;
  readonly applications: ReadonlyArray<{ readonly name: string; readonly client_id: string; readonly session_id: string }>;
}

/** The calling account's sign-in sessions; another account's sessions do not exist for it. */
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequireScopes('sessions--my:ro')
  async list(@CurrentCredential() credential: Credential): Promise<SessionBody[]> {
    const sessions: SessionView[] = await this.queries.execute(new ListSessionsQuery(credential.accountId));
    return sessions.map((session) => toBody(session, credential));
  }

  /** The spec names other scopes here; real clients sign out everywhere with `sessions--my:rw`. */
  @Delete()
  @RequireScopes('sessions--my:rw')
  async removeAll(@CurrentCredential() credential: Credential): Promise<Record<string, never>> {
    await this.commands.execute(new RemoveAllSessionsCommand(credential.accountId, 'signed_out'));
    return {};
  }

  @Delete(':session_id')
  @RequireScopes('sessions--my:rw')
  async remove(@Param('session_id', new IdOrMePipe('session_id', [])) sessionId: string, @CurrentCredential() credential: Credential): Promise<Record<string, never>> {
    await this.commands.execute(new RemoveSessionCommand(credential.accountId, sessionId));
    return {};
  }
}

/**
 * `applications` (the OAuth clients given tokens in the session) stays empty: those facts live in
 * the authorization module's read models, and its contracts offer no query for them yet.
 */
function toBody(session: SessionView, credential: Credential): SessionBody {
  return {
    account_id: session.accountId,
    session_id: session.sessionId,
    current: credential.sessionId === session.sessionId,
    user_agent: session.userAgent,
    identity_source: session.identitySource,
    ip: session.ip,
    applications: [],
  };
}
