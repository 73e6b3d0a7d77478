import { Controller, Delete, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentCredential, RequireScopes, type Credential } from '@app/authorization';
import { ApplicationsOfSessionsQuery, type SessionApplication } from '@app/authorization/contracts';
import { CurrentRequestContext, IdOrMePipe, type RequestContext } from '@app/platform';
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
    const applications = await this.queries.execute(new ApplicationsOfSessionsQuery(sessions.map((session) => session.sessionId)));
    return sessions.map((session) => toBody(session, credential, applications));
  }

  /** The spec names other scopes here; real clients sign out everywhere with `sessions--my:rw`. */
  @Delete()
  @RequireScopes('sessions--my:rw')
  async removeAll(@CurrentCredential() credential: Credential, @CurrentRequestContext() context: RequestContext | undefined): Promise<Record<string, never>> {
    await this.commands.execute(new RemoveAllSessionsCommand(credential.accountId, 'signed_out').within(context));
    return {};
  }

  @Delete(':session_id')
  @RequireScopes('sessions--my:rw')
  async remove(
    @Param('session_id', new IdOrMePipe('session_id', [])) sessionId: string,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<Record<string, never>> {
    await this.commands.execute(new RemoveSessionCommand(credential.accountId, sessionId).within(context));
    return {};
  }
}

/** `applications`: the OAuth clients holding live tokens issued in the session. */
function toBody(session: SessionView, credential: Credential, applications: readonly SessionApplication[]): SessionBody {
  return {
    account_id: session.accountId,
    session_id: session.sessionId,
    current: credential.sessionId === session.sessionId,
    user_agent: session.userAgent,
    identity_source: session.identitySource,
    ip: session.ip,
    applications: applications
      .filter((application) => application.sessionId === session.sessionId)
      .map((application) => ({ name: application.name, client_id: application.clientId, session_id: application.sessionId })),
  };
}
