import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands } from '@app/platform';
import { AddMemberCommand, RemoveMemberCommand, SetMemberRolesCommand } from '../contracts/organization.commands';
import { organizationDecider } from '../domain/organization';
import { organizationStream } from './organization-stream';
import { ADMINISTRATOR_ROLE, MEMBER_ROLE } from './role-refs';

@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: AddMemberCommand): Promise<{ added: boolean }> {
    const outcome = await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'AddMember',
      organizationId: command.organizationId,
      accountId: command.accountId,
      roles: command.roles,
      defaultRole: MEMBER_ROLE,
      demotedOwnerRole: ADMINISTRATOR_ROLE,
      at: new Date().toISOString(),
    });
    return { added: outcome.events.some((event) => event.type === 'OrganizationMemberAdded') };
  }
}

@CommandHandler(SetMemberRolesCommand)
export class SetMemberRolesHandler implements ICommandHandler<SetMemberRolesCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: SetMemberRolesCommand): Promise<void> {
    await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'SetMemberRoles',
      organizationId: command.organizationId,
      accountId: command.accountId,
      set: command.set,
      remove: command.remove,
      demotedOwnerRole: ADMINISTRATOR_ROLE,
      at: new Date().toISOString(),
    });
  }
}

@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: RemoveMemberCommand): Promise<void> {
    await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'RemoveMember',
      organizationId: command.organizationId,
      accountId: command.accountId,
      at: new Date().toISOString(),
    });
  }
}
