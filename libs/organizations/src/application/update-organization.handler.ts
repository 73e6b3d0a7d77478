import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands } from '@app/platform';
import { UpdateOrganizationCommand } from '../contracts/organization.commands';
import { organizationDecider } from '../domain/organization';
import { organizationStream } from './organization-stream';

@CommandHandler(UpdateOrganizationCommand)
export class UpdateOrganizationHandler implements ICommandHandler<UpdateOrganizationCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: UpdateOrganizationCommand): Promise<void> {
    await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'UpdateOrganization',
      organizationId: command.organizationId,
      changes: command.changes,
      at: new Date().toISOString(),
    }, { context: command.context });
  }
}
