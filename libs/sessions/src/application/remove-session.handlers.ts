import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { RevokeSessionCredentialsCommand } from '@app/authorization/contracts';
import { DATA_SOURCE, EventSourcedCommands, type RequestContext } from '@app/platform';
import { RemoveAllSessionsCommand, RemoveSessionCommand } from '../contracts/session.commands';
import { SessionNotFound, sessionDecider, sessionStream, type SessionRemovalReason } from '../domain/session';

/**
 * Removes the session, then every token issued in it. In that order: once the session is gone no
 * new token is given out for it, so the revocation that follows catches them all.
 */
async function removeSession(
  commands: EventSourcedCommands,
  bus: CommandBus,
  context: RequestContext | undefined,
  accountId: string,
  sessionId: string,
  reason: SessionRemovalReason,
): Promise<void> {
  await commands.execute(sessionStream(sessionId), sessionDecider, { kind: 'RemoveSession', sessionId, accountId, reason, at: new Date().toISOString() }, { context });
  await bus.execute(new RevokeSessionCredentialsCommand(sessionId).within(context));
}

@CommandHandler(RemoveSessionCommand)
export class RemoveSessionHandler implements ICommandHandler<RemoveSessionCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly bus: CommandBus,
  ) {}

  async execute({ accountId, sessionId, context }: RemoveSessionCommand): Promise<void> {
    await removeSession(this.commands, this.bus, context, accountId, sessionId, 'signed_out');
  }
}

@CommandHandler(RemoveAllSessionsCommand)
export class RemoveAllSessionsHandler implements ICommandHandler<RemoveAllSessionsCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly bus: CommandBus,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * The read model lists the sessions: a sign-in is answered only once the read models show its
   * session, so every session a device could be using is already there.
   */
  async execute({ accountId, reason, context }: RemoveAllSessionsCommand): Promise<{ removed: number }> {
    const sessions: { session_id: string }[] = await this.dataSource.query('SELECT session_id FROM sessions WHERE account_id = $1 ORDER BY started_at', [accountId]);
    let removed = 0;
    for (const { session_id } of sessions) {
      try {
        await removeSession(this.commands, this.bus, context, accountId, session_id, reason);
        removed++;
      } catch (error) {
        // Removed meanwhile by another request, which revokes its tokens itself.
        if (!(error instanceof SessionNotFound)) throw error;
      }
    }
    return { removed };
  }
}
