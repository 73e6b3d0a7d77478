import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands, PERSONAL_DATA_VAULT, type PersonalDataVault } from '@app/platform';
import { StartSessionCommand } from '../contracts/session.commands';
import { sessionDecider, sessionStream } from '../domain/session';

@CommandHandler(StartSessionCommand)
export class StartSessionHandler implements ICommandHandler<StartSessionCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute(command: StartSessionCommand): Promise<{ sessionId: string }> {
    const sessionId = randomUUID();
    // Sealed with the account's key: erasing the account erases where and on what it signed in.
    const sealed = await this.vault.encryptFields(command.accountId, { ip: command.ip, userAgent: command.userAgent });
    await this.commands.execute(sessionStream(sessionId), sessionDecider, {
      kind: 'StartSession',
      sessionId,
      accountId: command.accountId,
      organizationId: command.organizationId,
      identitySource: command.identitySource,
      ip: sealed.ip,
      userAgent: sealed.userAgent,
      at: new Date().toISOString(),
    }, { expectNew: true, context: command.context });
    return { sessionId };
  }
}
