import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands } from '@app/platform';
import { AddMemberCommand, RemoveMemberCommand, SetMemberRolesCommand } from '../contracts/organization.commands';
import type { HeldRole } from '../contracts/organization-views';
import { organizationDecider, type OrganizationEvent } from '../domain/organization';
import { organizationStream } from './organization-stream';
import { ADMINISTRATOR_ROLE, MEMBER_ROLE } from './role-refs';

@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: AddMemberCommand): Promise<{ added: boolean; roles: HeldRole[] }> {
    const outcome = await this.commands.execute(organizationStream(command.organizationId), organizationDecider, {
      kind: 'AddMember',
      organizationId: command.organizationId,
      accountId: command.accountId,
      roles: command.roles,
      defaultRole: MEMBER_ROLE,
      demotedOwnerRole: ADMINISTRATOR_ROLE,
      at: new Date().toISOString(),
    }, { context: command.context });
    const roles = joinedWith(command.accountId, outcome.events);
    return { added: roles !== undefined, roles: roles ?? [] };
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
    }, { context: command.context });
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
    }, { context: command.context });
  }
}

/**
 * The roles the account joined with by this decision, ordered by product as the membership query
 * orders them (code points); undefined when it was a member already.
 */
function joinedWith(accountId: string, events: readonly OrganizationEvent[]): HeldRole[] | undefined {
  for (const event of events) {
    if (event.type !== 'OrganizationMemberAdded' || event.data.account_id !== accountId) continue;
    return [...(event.data.roles ?? [])].sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  }
  return undefined;
}
