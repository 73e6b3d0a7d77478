import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands } from '@app/platform';
import { CreateOrganizationCommand } from '../contracts/organization.commands';
import { organizationDecider } from '../domain/organization';
import { organizationStream } from './organization-stream';
import { OWNER_ROLE } from './role-refs';

@CommandHandler(CreateOrganizationCommand)
export class CreateOrganizationHandler implements ICommandHandler<CreateOrganizationCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: CreateOrganizationCommand): Promise<{ organizationId: string }> {
    await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'CreateOrganization',
      organizationId: command.organizationId,
      name: command.name,
      company: command.company,
      ownerAccountId: command.ownerAccountId,
      ownerRole: OWNER_ROLE,
      at: new Date().toISOString(),
    }, { expectNew: true, context: command.context });
    return { organizationId: command.organizationId };
  }
}
